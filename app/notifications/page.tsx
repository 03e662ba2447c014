import Link from "next/link";
import { formatUkDateTime } from "@/components/cases/format";
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
  audit_chain_broken: "Audit log check failed",
};

/** The signed-in user's own notifications, newest first, each markable as read. */
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const actor = await requireUser();
  const { items, unread } = await findNotifications(actor);
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
        {items.length === 0 ? null : (
          <ul className="govuk-list">
            {items.map((n) => (
              <li key={n.id} className="govuk-!-margin-bottom-6">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  {n.readAt === null && (
                    <>
                      <Tag colour="blue">Unread</Tag>{" "}
                    </>
                  )}
                  <strong>{KIND_LABELS[n.kind] ?? n.kind}</strong>, {formatUkDateTime(n.createdAt)}
                </p>
                <p className="govuk-body govuk-!-margin-bottom-1">{n.message}</p>
                <div className="govuk-body">
                  {n.caseId && (
                    <Link className="govuk-link" href={`/cases/${n.caseId}`}>
                      View the case
                    </Link>
                  )}
                  {n.readAt === null && (
                    <form action={markNotificationsReadAction} className="govuk-!-display-inline govuk-!-margin-left-3">
                      <input type="hidden" name="notificationId" value={n.id} />
                      <button
                        type="submit"
                        className="govuk-link app-link-button"
                        style={{ background: "none", border: 0, padding: 0, cursor: "pointer" }}
                      >
                        Mark as read<span className="govuk-visually-hidden">: {n.message}</span>
                      </button>
                    </form>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
