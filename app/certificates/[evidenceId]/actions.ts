"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { recordCertificateSchema } from "@/lib/schemas/certificates";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { recordCertificate } from "@/lib/server/certificates/record-certificate";

/** Records the signature; the optional scan arrives as a file field (runAction reads only the text fields). */
export async function recordCertificateAction(_state: ActionState<{ id: string }>, formData: FormData) {
  const actor = await requirePermission("certificate.record");
  const file = formData.get("scan");
  const scan = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const result = await runAction(recordCertificateSchema, formData, async (input) => ({
    id: (await recordCertificate(actor, input, scan)).id,
  }));
  if (result?.ok) {
    revalidatePath(`/certificates/${String(formData.get("evidenceId"))}`);
    revalidatePath("/certificates");
  }
  return result;
}
