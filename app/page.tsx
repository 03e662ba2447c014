import Link from "next/link";
import { formatUkDateTime } from "@/components/cases/format";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { requireUser } from "@/lib/server/auth";
import { getHomeSummary } from "@/lib/server/home/get-home-summary";
import { getQueueSummary } from "@/lib/server/home/get-queue-summary";
import { HomeQueueCounts } from "@/components/queues/home-queue-counts";
import { MyDayPanel } from "@/components/tasks/my-day-page";
import { findMyDay } from "@/lib/server/tasks/find-my-day";
import { findTaskAssignees } from "@/lib/server/tasks/find-task-assignees";
import { reassignTasksAction } from "./my-day/actions";
import { ManagerDashboard } from "./_dashboard/manager-dashboard";

export const metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requireUser();
  // An officer's home is My day: their own tasks and cases (the team's one click away).
  if (actor.role === "officer") {
    const [day, assignees] = await Promise.all([findMyDay(actor, "mine"), findTaskAssignees(actor)]);
    return (
      <>
        <span className="govuk-caption-l">
          {ROLE_LABELS[actor.role]}, {actor.authorityName}
        </span>
        <h1 className="govuk-heading-l">Welcome, {actor.name}</h1>
        <MyDayPanel
          actor={actor}
          day={day}
          basePath="/my-day"
          assignees={assignees}
          bulkAction={reassignTasksAction}
          headingLevel="h2"
        />
        <p className="govuk-body">
          <Link className="govuk-link" href="/cases">
            Your work queues
          </Link>{" "}
          list every case by what it needs.
        </p>
      </>
    );
  }
  // A manager's home is the dashboard (issue 13).
  if (actor.role === "manager") return <ManagerDashboard actor={actor} />;
  const summary = await getHomeSummary(actor);
  const queues = await getQueueSummary(actor);
  return (
    <>
      <span className="govuk-caption-l">
        {ROLE_LABELS[actor.role]}, {actor.schoolName ?? actor.authorityName}
      </span>
      <h1 className="govuk-heading-l">Welcome, {actor.name}</h1>
      {summary.kind === "admin" && (
        <>
          <p className="govuk-body">You manage the users, schools and reference data of {actor.authorityName}.</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <Link className="govuk-link" href="/admin/users">
                Users
              </Link>{" "}
              ({summary.users} accounts, {summary.disabledUsers} disabled)
            </li>
            <li>
              <Link className="govuk-link" href="/admin/schools">
                Schools
              </Link>{" "}
              ({summary.schools})
            </li>
          </ul>
        </>
      )}
      {summary.kind === "auditor" && (
        <>
          <p className="govuk-body">
            You check how {actor.authorityName} uses children&apos;s and families&apos; records. The audit log holds{" "}
            {summary.chainLength.toLocaleString("en-GB")} rows, each chained to the one before it so that a change
            cannot go unseen.
          </p>
          <p className="govuk-body">
            {summary.lastCheck
              ? summary.lastCheck.ok
                ? `The daily check on ${formatUkDateTime(summary.lastCheck.at)} found the last day's ${summary.lastCheck.rows.toLocaleString("en-GB")} rows intact.`
                : `The daily check on ${formatUkDateTime(summary.lastCheck.at)} found a row that does not verify: see Notifications.`
              : "The daily check has not run yet."}
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <Link className="govuk-link" href="/audit">
                Search the audit log
              </Link>
            </li>
          </ul>
        </>
      )}
      {summary.kind === "pupils" && (
        <>
          <p className="govuk-body">
            {actor.role === "school"
              ? `You can see the ${summary.pupils} pupils on roll at ${actor.schoolName}.`
              : `You can see all ${summary.pupils} pupils in ${actor.authorityName}, across ${summary.schools} schools.`}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" href="/pupils">
              Find a pupil
            </Link>{" "}
            by name or UPN.
          </p>
          {queues && <HomeQueueCounts counts={queues} isOfficer={false} />}
          {queues && (
            <p className="govuk-body">
              <Link className="govuk-link" href="/my-day?view=team">
                The team&apos;s day
              </Link>
              : every officer&apos;s tasks, visits and deadlines, overdue, today and coming up.
            </p>
          )}
        </>
      )}
    </>
  );
}
