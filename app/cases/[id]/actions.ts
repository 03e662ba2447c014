"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { linkSiblings } from "@/lib/server/cases/link-siblings";

const linkSiblingsSchema = z.object({ caseId: z.string() });

/** Looks again for siblings' open cases (pupils sharing a parent) and links them. */
export async function linkSiblingsAction(
  _state: ActionState<{ linked: number }>,
  formData: FormData,
): Promise<ActionState<{ linked: number }>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(linkSiblingsSchema, formData, async (input) => ({
    linked: (await linkSiblings(actor, input.caseId)).length,
  }));
  if (result?.ok) revalidatePath(`/cases/${String(formData.get("caseId"))}`);
  return result;
}
