import { notFound, redirect } from "next/navigation";
import { CaseFormPage } from "@/components/cases/case-form-page";
import { formatUkDate } from "@/lib/domain/dates";
import { formatTaskTime, isRecordedInFull, TASK_EVENT_KIND, TASK_KIND_LABELS } from "@/lib/domain/tasks";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { getTask } from "@/lib/server/tasks/get-task";
import { AddCaseEventForm, type Booking } from "./add-case-event-form";

export const metadata = { title: "Record work on the case" };

/** The timeline form; with ?task=<id> ("Mark as done" on a booked visit, meeting or call) it records that booking in
 * full, prefilled from it, and saving marks the task done by the entry. */
export default async function AddCaseEventPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "events/new"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  const taskParam = (await searchParams).task;
  let booking: Booking | null = null;
  let taskRefused: string | null = null;
  if (typeof taskParam === "string") {
    const task = await orNotFound(getTask(actor, taskParam));
    if (task.caseId !== kase.id) notFound();
    if (!isRecordedInFull(task.kind)) redirect(`/tasks/${task.id}/done`);
    taskRefused = task.refused;
    const label = TASK_KIND_LABELS[task.kind];
    booking = {
      taskId: task.id,
      version: task.version,
      kind: TASK_EVENT_KIND[task.kind],
      label,
      time: task.dueTime ? formatTaskTime(task.dueTime) : undefined,
      summary: `${label} booked for ${formatUkDate(task.dueOn)}${task.dueTime ? ` at ${formatTaskTime(task.dueTime)}` : ""}${task.title !== label ? `: ${task.title}` : ""}`,
    };
  }
  const title = booking ? `Record the ${booking.label.toLowerCase()}` : "Record work on the case";
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title={title} refused={refused ?? taskRefused}>
      <AddCaseEventForm
        caseId={kase.id}
        version={kase.version}
        today={today()}
        todayText={formatUkDate(today())}
        parties={kase.parties.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` }))}
        booking={booking}
        title={title}
      />
    </CaseFormPage>
  );
}
