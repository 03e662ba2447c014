import Link from "next/link";
import { Tag } from "@/components/govuk/tag";
import { formatDue } from "@/components/tasks/format";
import { formatUkDate } from "@/lib/domain/dates";
import { markDoneHref, TASK_KIND_LABELS } from "@/lib/domain/tasks";
import { getActor } from "@/lib/server/auth";
import { findCaseTasks } from "@/lib/server/tasks/find-case-tasks";

/** The case page's tasks and appointments: open ones by date and time with their links, then done and cancelled
 * ones; a link to book another for those who may change the case. The page has already checked the case's scope. */
export async function CaseTasksSection({ caseId, mayBook }: { caseId: string; mayBook: boolean }) {
  const actor = await getActor();
  if (!actor) return null;
  const tasks = await findCaseTasks(actor, caseId);
  const open = tasks.filter((t) => t.status === "open" && !t.lapsed);
  const finished = tasks.filter((t) => t.status !== "open" || t.lapsed);
  return (
    <section aria-labelledby="tasks" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="tasks">
        Tasks and appointments
      </h2>
      {open.length === 0 ? (
        <p className="govuk-body">Nothing is booked.</p>
      ) : (
        <ul className="govuk-list app-my-day">
          {open.map((t) => (
            <li key={t.id} className="app-my-day__item">
              <div className="app-my-day__when">{formatDue(t.dueOn, t.dueTime)}</div>
              <div className="app-my-day__what">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>
                    {t.kind === "milestone" || t.kind === "follow_up" ? t.title : TASK_KIND_LABELS[t.kind]}
                  </strong>
                  {t.title !== TASK_KIND_LABELS[t.kind] && t.kind !== "milestone" && t.kind !== "follow_up"
                    ? `: ${t.title}`
                    : ""}{" "}
                  <span className="govuk-body-s">({t.assignedTo.name})</span>
                </p>
                {t.notes && <p className="govuk-body-s govuk-!-margin-bottom-1">{t.notes}</p>}
                {t.mayChange && (
                  <p className="govuk-body-s govuk-!-margin-bottom-0">
                    <Link className="govuk-link" href={markDoneHref({ id: t.id, kind: t.kind, caseId })}>
                      Mark as done<span className="govuk-visually-hidden">: {t.title}</span>
                    </Link>
                    {" · "}
                    <Link className="govuk-link" href={`/tasks/${t.id}/reassign`}>
                      Reassign<span className="govuk-visually-hidden">: {t.title}</span>
                    </Link>
                    {" · "}
                    <Link className="govuk-link" href={`/tasks/${t.id}/cancel`}>
                      Cancel<span className="govuk-visually-hidden">: {t.title}</span>
                    </Link>
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {mayBook && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/cases/${caseId}/tasks/new`}>
            Book a visit, meeting, call or reminder
          </Link>
        </p>
      )}
      {finished.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Done, cancelled and past ({finished.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {finished.map((t) => (
                <li key={t.id}>
                  {t.title}, due {formatUkDate(t.dueOn)}:{" "}
                  {t.lapsed ? (
                    <Tag colour="grey">Not done before the window ended</Tag>
                  ) : t.status === "done" ? (
                    <Tag colour="green">Done {t.doneOn ? formatUkDate(t.doneOn) : ""}</Tag>
                  ) : (
                    <>
                      <Tag colour="grey">Cancelled</Tag> {t.cancelReason}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </section>
  );
}
