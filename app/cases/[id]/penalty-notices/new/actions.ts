"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { issuePenaltyNoticeSchema } from "@/lib/schemas/penalty-notices";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { issuePenaltyNotice } from "@/lib/server/penalty-notices/issue-penalty-notice";

export async function issuePenaltyNoticeAction(
  _state: ActionState<{ caseId: string }>,
  formData: FormData,
): Promise<ActionState<{ caseId: string }>> {
  const actor = await requirePermission("penalty_notice.manage");
  const result = await runAction(issuePenaltyNoticeSchema, formData, async (input) => ({
    caseId: (await issuePenaltyNotice(actor, input)).caseId,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.caseId}`);
    redirect(`/cases/${result.data.caseId}#case-penalty-notices-heading`);
  }
  return result;
}
