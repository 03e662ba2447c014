"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { correctCaseEventSchema } from "@/lib/schemas/corrections";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { correctCaseEvent } from "@/lib/server/cases/correct-case-event";

export async function correctCaseEventAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(correctCaseEventSchema, formData, async (input) => ({
    id: (await correctCaseEvent(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.id}`);
    redirect(`/cases/${result.data.id}`);
  }
  return result;
}
