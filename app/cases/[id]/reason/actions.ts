"use server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { accessReasonSchema } from "@/lib/schemas/access-reason";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { giveAccessReason } from "@/lib/server/cases/access-reason";

export async function giveAccessReasonAction(
  _state: ActionState<{ caseId: string }>,
  formData: FormData,
): Promise<ActionState<{ caseId: string }>> {
  const actor = await requirePermission("case.read");
  const result = await runAction(accessReasonSchema, formData, (input) => giveAccessReason(actor, input));
  if (result?.ok) redirect(`/cases/${result.data.caseId}`);
  return result;
}
