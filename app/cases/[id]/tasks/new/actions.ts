"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { scheduleTaskSchema } from "@/lib/schemas/tasks";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { scheduleTask } from "@/lib/server/tasks/schedule-task";

export async function scheduleTaskAction(
  _state: ActionState<{ caseId: string }>,
  formData: FormData,
): Promise<ActionState<{ caseId: string }>> {
  const actor = await requirePermission("task.manage");
  const result = await runAction(scheduleTaskSchema, formData, async (input) => ({
    caseId: (await scheduleTask(actor, input)).caseId,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.caseId}`);
    revalidatePath("/my-day");
    redirect(`/cases/${result.data.caseId}#tasks`);
  }
  return result;
}
