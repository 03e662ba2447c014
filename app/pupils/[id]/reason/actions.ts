"use server";
import { redirect } from "next/navigation";
import { pupilReasonReturnPath } from "@/lib/domain/access-reason";
import type { ActionState } from "@/lib/schemas/action-state";
import { pupilAccessReasonSchema } from "@/lib/schemas/access-reason";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { givePupilAccessReason } from "@/lib/server/cases/access-reason";

export async function givePupilAccessReasonAction(
  _state: ActionState<{ pupilId: string }>,
  formData: FormData,
): Promise<ActionState<{ pupilId: string }>> {
  const actor = await requirePermission("pupil.read");
  const result = await runAction(pupilAccessReasonSchema, formData, (input) => givePupilAccessReason(actor, input));
  // Back to the pupil's page the user was opening (checked: the pupil's page or their attendance, else the pupil).
  const next = formData.get("next");
  if (result?.ok) redirect(pupilReasonReturnPath(result.data.pupilId, typeof next === "string" ? next : null));
  return result;
}
