import { TaskFormPage } from "@/components/tasks/task-form-page";
import { requirePermission } from "@/lib/server/auth";
import { findTaskAssignees } from "@/lib/server/tasks/find-task-assignees";
import { loadTask } from "../load-task";
import { ReassignTaskForm } from "./reassign-task-form";

export const metadata = { title: "Reassign a task" };

export default async function ReassignTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("task.manage");
  const task = await loadTask(actor, (await params).id);
  const assignees = (await findTaskAssignees(actor)).filter((a) => a.id !== task.assignedTo.id);
  return (
    <TaskFormPage task={task} title="Reassign the task">
      <ReassignTaskForm taskId={task.id} version={task.version} assignees={assignees} />
    </TaskFormPage>
  );
}
