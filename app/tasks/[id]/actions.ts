"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { cancelTaskSchema, completeTaskSchema, reassignTaskSchema } from "@/lib/schemas/tasks";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { cancelTask } from "@/lib/server/tasks/cancel-task";
import { completeTask } from "@/lib/server/tasks/complete-task";
import { reassignTask } from "@/lib/server/tasks/reassign-task";

type Result = ActionState<{ caseId: string }>;

const done = (caseId: string, to: string) => {
  revalidatePath(`/cases/${caseId}`);
  revalidatePath("/my-day");
  revalidatePath("/");
  redirect(to);
};

export async function completeTaskAction(_state: Result, formData: FormData): Promise<Result> {
  const actor = await requirePermission("task.manage");
  const result = await runAction(completeTaskSchema, formData, async (input) => ({
    caseId: (await completeTask(actor, input)).caseId,
  }));
  if (result?.ok) done(result.data.caseId, `/cases/${result.data.caseId}`);
  return result;
}

export async function reassignTaskAction(_state: Result, formData: FormData): Promise<Result> {
  const actor = await requirePermission("task.manage");
  const result = await runAction(reassignTaskSchema, formData, async (input) => ({
    caseId: (await reassignTask(actor, input)).caseId,
  }));
  if (result?.ok) done(result.data.caseId, `/cases/${result.data.caseId}`);
  return result;
}

export async function cancelTaskAction(_state: Result, formData: FormData): Promise<Result> {
  const actor = await requirePermission("task.manage");
  const result = await runAction(cancelTaskSchema, formData, async (input) => ({
    caseId: (await cancelTask(actor, input)).caseId,
  }));
  if (result?.ok) done(result.data.caseId, `/cases/${result.data.caseId}`);
  return result;
}
