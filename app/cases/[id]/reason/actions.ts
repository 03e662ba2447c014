"use server";
import { redirect } from "next/navigation";
import { accessReasonReturnPath } from "@/lib/domain/access-reason";
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
  // Back to the page of the case the manager was opening (checked: a path under the same case, else the case).
  const next = formData.get("next");
  if (result?.ok) redirect(accessReasonReturnPath(result.data.caseId, typeof next === "string" ? next : null));
  return result;
}
