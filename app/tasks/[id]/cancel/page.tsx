import { TaskFormPage } from "@/components/tasks/task-form-page";
import { requirePermission } from "@/lib/server/auth";
import { loadTask } from "../load-task";
import { CancelTaskForm } from "./cancel-task-form";

export const metadata = { title: "Cancel a task" };

export default async function CancelTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("task.manage");
  const task = await loadTask(actor, (await params).id);
  return (
    <TaskFormPage task={task} title="Cancel the task">
      <CancelTaskForm taskId={task.id} version={task.version} />
    </TaskFormPage>
  );
}
