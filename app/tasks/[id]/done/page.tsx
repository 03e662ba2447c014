import { TaskFormPage } from "@/components/tasks/task-form-page";
import { redirect } from "next/navigation";
import { isRecordedInFull, markDoneHref, TASK_EVENT_KIND } from "@/lib/domain/tasks";
import { today } from "@/lib/env";
import { CASE_EVENT_KIND_LABELS } from "@/lib/schemas/case";
import { requirePermission } from "@/lib/server/auth";
import { loadTask } from "../load-task";
import { CompleteTaskForm } from "./complete-task-form";

export const metadata = { title: "Mark a task as done" };

export default async function CompleteTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("task.manage");
  const task = await loadTask(actor, (await params).id);
  // A booked visit, meeting or call is done by recording it in full, on the timeline form prefilled from it.
  if (isRecordedInFull(task.kind) && !task.refused) redirect(markDoneHref(task));
  return (
    <TaskFormPage task={task} title="Mark as done">
      <CompleteTaskForm
        taskId={task.id}
        version={task.version}
        caseOpenedOn={task.caseOpenedOn}
        today={today()}
        recordsAs={CASE_EVENT_KIND_LABELS[TASK_EVENT_KIND[task.kind]]}
      />
    </TaskFormPage>
  );
}
