"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { reassignTasksSchema } from "@/lib/schemas/tasks";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { reassignTasks } from "@/lib/server/tasks/reassign-tasks";

/** The selected tasks (checkboxes named taskIds, joined into one value for the schema) to one person. */
export async function reassignTasksAction(
  _state: ActionState<{ moved: number; unchanged: number }>,
  formData: FormData,
): Promise<ActionState<{ moved: number; unchanged: number }>> {
  const actor = await requirePermission("task.manage");
  const joined = new FormData();
  for (const [k, v] of formData) if (k !== "taskIds") joined.append(k, v);
  joined.append(
    "taskIds",
    formData
      .getAll("taskIds")
      .filter((v): v is string => typeof v === "string")
      .join(","),
  );
  const result = await runAction(reassignTasksSchema, joined, (input) => reassignTasks(actor, input));
  if (result?.ok) {
    revalidatePath("/my-day");
    revalidatePath("/");
  }
  return result;
}
