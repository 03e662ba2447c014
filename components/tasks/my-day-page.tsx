import Link from "next/link";
import { BulkReassignForm } from "@/components/tasks/bulk-reassign-form";
import { MyDayList } from "@/components/tasks/my-day-list";

import type { MyDay } from "@/lib/domain/my-day";
import { formatUkDateWithDay } from "./format";
import type { ActionState } from "@/lib/schemas/action-state";

/** My day as the officer's home and /my-day show it: the counts, the view switch, the lists and bulk reassign. */
export function MyDayPanel({
  actor,
  day,
  basePath,
  assignees,
  bulkAction,
  headingLevel = "h1",
}: {
  actor: { authorityName: string };
  day: MyDay;
  basePath: string;
  assignees: { id: string; name: string }[];
  bulkAction: (
    state: ActionState<{ moved: number; unchanged: number }>,
    formData: FormData,
  ) => Promise<ActionState<{ moved: number; unchanged: number }>>;
  headingLevel?: "h1" | "h2";
}) {
  const Heading = headingLevel;
  const team = day.view === "team";
  const selectable = day.sections.overdue
    .concat(day.sections.today, day.sections.upcoming)
    .some((i) => i.task?.mayChange);
  return (
    <>
      <Heading className={headingLevel === "h1" ? "govuk-heading-l" : "govuk-heading-l"}>
        {team ? "The team's day" : "My day"}
      </Heading>
      <p className="govuk-body">
        {formatUkDateWithDay(day.today)}.{" "}
        {team ? "Everyone's tasks and cases in " + actor.authorityName + "." : "Your own tasks and cases."}{" "}
        <Link className="govuk-link" href={team ? `${basePath}?view=mine` : `${basePath}?view=team`}>
          {team ? "Show only mine" : "Show the team's"}
        </Link>
      </p>
      <ul className="govuk-list app-my-day-counts" aria-label="Counts">
        <li>
          <a className="govuk-link" href="#my-day-overdue">
            Overdue: <strong>{day.counts.overdue}</strong>
          </a>
        </li>
        <li>
          <a className="govuk-link" href="#my-day-today">
            Today: <strong>{day.counts.today}</strong>
          </a>
        </li>
        <li>
          <a className="govuk-link" href="#my-day-upcoming">
            Coming up: <strong>{day.counts.upcoming}</strong>
          </a>
        </li>
        {day.flagsAwaitingTriage > 0 && (
          <li>
            <Link className="govuk-link" href="/cases?queue=flags">
              Flags awaiting triage (team): <strong>{day.flagsAwaitingTriage}</strong>
            </Link>
          </li>
        )}
      </ul>
      {selectable ? (
        <BulkReassignForm action={bulkAction} assignees={assignees}>
          <MyDayList day={day} selectable />
        </BulkReassignForm>
      ) : (
        <MyDayList day={day} selectable={false} />
      )}
    </>
  );
}
