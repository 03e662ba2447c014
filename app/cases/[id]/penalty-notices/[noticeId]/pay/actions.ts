"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { recordPenaltyPaymentSchema } from "@/lib/schemas/penalty-notices";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { recordPenaltyPayment } from "@/lib/server/penalty-notices/record-penalty-payment";

export async function recordPenaltyPaymentAction(
  _state: ActionState<{ caseId: string }>,
  formData: FormData,
): Promise<ActionState<{ caseId: string }>> {
  const actor = await requirePermission("penalty_notice.manage");
  const result = await runAction(recordPenaltyPaymentSchema, formData, async (input) => ({
    caseId: (await recordPenaltyPayment(actor, input)).caseId,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.caseId}`);
    redirect(`/cases/${result.data.caseId}#case-penalty-notices-heading`);
  }
  return result;
}
