import Link from "next/link";
import { formatUkDateTime } from "@/components/cases/format";
import { formatUkDate } from "@/lib/domain/dates";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Tag } from "@/components/govuk/tag";
import { requireUser } from "@/lib/server/auth";
import { findNotifications } from "@/lib/server/decisions/find-notifications";
import { markNotificationsReadAction } from "./actions";

export const metadata = { title: "Notifications" };

const KIND_LABELS: Record<string, string> = {
  window_improved: "Window decided: improved",
  window_not_referred: "Window decided: not referred: what next?",
  referral_awaiting_review: "Referral awaiting review",
  referral_decided: "Referral decided",
  hearing_upcoming: "Hearing coming up",
  flag_accepted: "Flag accepted",
  flag_declined: "Flag declined",
  flag_merged: "Flag added to the open case",
  window_started: "Fast Track window started",
  window_decided: "Fast Track window decided",
  flag_added_by_school: "The school added to the case",
  audit_chain_broken: "Audit log check failed",
};

/** The signed-in user's own notifications, grouped by case (each naming its pupil and linking to it), newest first,
 * each markable as read. */
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const actor = await requireUser();
  const { groups, unread } = await findNotifications(actor);
  const unrecognised = (await searchParams).error === "unrecognised";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary
          errors={
            unrecognised
              ? [
                  {
                    message:
                      "That notification was not recognised, so nothing was marked as read. Choose a notification below and try again.",
                  },
                ]
              : []
          }
        />
        <h1 className="govuk-heading-l">Notifications</h1>
        <p className="govuk-body">
          {unread === 0
            ? "You have no unread notifications."
            : `You have ${unread} unread notification${unread === 1 ? "" : "s"}.`}
        </p>
        {unread > 0 && (
          <form action={markNotificationsReadAction}>
            <input type="hidden" name="notificationId" value="all" />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Mark all as read
            </button>
          </form>
        )}
        {groups.length === 0 ? null : (
          <>
            {groups.map((g) => (
              <section
                key={g.caseId ?? "none"}
                aria-labelledby={`notifications-${g.caseId ?? "none"}`}
                className="govuk-!-margin-bottom-8"
              >
                <h2 className="govuk-heading-m" id={`notifications-${g.caseId ?? "none"}`}>
                  {g.kase
                    ? `${g.kase.pupil} (UPN ${g.kase.upn})`
                    : g.caseId
                      ? "A case no longer in your view"
                      : "Flags"}
                  {g.unread > 0 && <span className="govuk-caption-m">{g.unread} unread</span>}
                </h2>
                {g.kase && (
                  <p className="govuk-body">
                    <Link className="govuk-link" href={g.kase.href}>
                      View the case<span className="govuk-visually-hidden"> of {g.kase.pupil}</span>
                    </Link>{" "}
                    (opened {formatUkDate(g.kase.openedOn)})
                  </p>
                )}
                {!g.caseId && actor.role === "school" && (
                  <p className="govuk-body">
                    <Link className="govuk-link" href="/school-flags">
                      Your school&apos;s flags
                    </Link>
                  </p>
                )}
                <ul className="govuk-list">
                  {g.items.map((n) => (
                    <li key={n.id} className="govuk-!-margin-bottom-4">
                      <p className="govuk-body govuk-!-margin-bottom-1">
                        {n.readAt === null && (
                          <>
                            <Tag colour="blue">Unread</Tag>{" "}
                          </>
                        )}
                        <strong>{KIND_LABELS[n.kind] ?? n.kind}</strong>, {formatUkDateTime(n.createdAt)}
                      </p>
                      <p className="govuk-body govuk-!-margin-bottom-1">{n.message}</p>
                      {n.readAt === null && (
                        <form action={markNotificationsReadAction} className="govuk-body">
                          <input type="hidden" name="notificationId" value={n.id} />
                          <button
                            type="submit"
                            className="govuk-link app-link-button"
                            style={{ background: "none", border: 0, padding: 0, cursor: "pointer", color: "#1d70b8" }}
                          >
                            Mark as read<span className="govuk-visually-hidden">: {n.message}</span>
                          </button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
