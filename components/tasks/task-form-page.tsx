import Link from "next/link";
import type { ReactNode } from "react";
import { SummaryList } from "@/components/govuk/summary-list";
import { TASK_KIND_LABELS, type TaskKind } from "@/lib/domain/tasks";
import { formatDue } from "./format";

/** What the frame shows of a task (getTask's shape). */
export type TaskFrame = {
  caseId: string;
  pupilName: string;
  upn: string;
  kind: TaskKind;
  title: string;
  dueOn: string;
  dueTime: string | null;
  notes: string;
  assignedTo: { name: string };
  refused: string | null;
};

/** The frame of a task's change pages: back to the case, what the task is, then the form or why it cannot change. */
export function TaskFormPage({ task, title, children }: { task: TaskFrame; title: string; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href={`/cases/${task.caseId}`}>
          Back to the case
        </Link>
        <span className="govuk-caption-l">
          {task.pupilName} (UPN {task.upn})
        </span>
        <h1 className="govuk-heading-l">{title}</h1>
        <SummaryList
          rows={[
            {
              key: "Task",
              value: `${TASK_KIND_LABELS[task.kind]}${task.title !== TASK_KIND_LABELS[task.kind] ? `: ${task.title}` : ""}`,
            },
            { key: "Due", value: formatDue(task.dueOn, task.dueTime) },
            { key: "Assigned to", value: task.assignedTo.name },
            ...(task.notes ? [{ key: "Notes", value: task.notes }] : []),
          ]}
        />
        {task.refused ? (
          <>
            <p className="govuk-body">{task.refused}</p>
            <p className="govuk-body">
              <Link className="govuk-link" href={`/cases/${task.caseId}`}>
                Return to the case
              </Link>
            </p>
          </>
        ) : (
          children
        )}
      </div>
    </div>
  );
}
