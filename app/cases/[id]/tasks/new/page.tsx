import { CaseFormPage } from "@/components/cases/case-form-page";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { findTaskAssignees } from "@/lib/server/tasks/find-task-assignees";
import { ScheduleTaskForm } from "./schedule-task-form";

export const metadata = { title: "Book a visit, meeting, call or reminder" };

export default async function ScheduleTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("task.manage");
  await askReasonFirst(actor, (await params).id, "tasks/new"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  const assignees = await findTaskAssignees(actor);
  return (
    <CaseFormPage
      caseId={kase.id}
      pupilName={pupilName}
      title="Book a visit, meeting, call or reminder"
      refused={refused}
    >
      <ScheduleTaskForm
        caseId={kase.id}
        caseOpenedOn={kase.openedOn}
        today={today()}
        assignees={assignees}
        defaultAssignee={actor.role === "officer" ? actor.id : kase.assignedOfficer.id}
      />
    </CaseFormPage>
  );
}
