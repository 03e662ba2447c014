"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { addCourtSchema, setCourtActiveSchema } from "@/lib/schemas/courts";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addCourt, setCourtActive } from "@/lib/server/court/save-court";

export async function addCourtAction(_state: ActionState<{ name: string }>, formData: FormData) {
  const actor = await requirePermission("reference_data.manage");
  const result = await runAction(addCourtSchema, formData, async (input) => ({
    name: (await addCourt(actor, input)).name,
  }));
  revalidatePath("/admin/courts");
  return result;
}

export async function setCourtActiveAction(formData: FormData) {
  const actor = await requirePermission("reference_data.manage");
  await runAction(setCourtActiveSchema, formData, (input) => setCourtActive(actor, input));
  revalidatePath("/admin/courts");
}
