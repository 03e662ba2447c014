import { TableScroll } from "@/components/govuk/table-scroll";
// The case page's section for penalty notices, one block per parent/carer (issue 5): each notice with its amounts
// and payment dates and status, the links to record a payment or withdraw it, and whether a new notice can be
// issued now. The issue link is offered only when findCasePenaltyNotices offers it (the threshold is met and some
// parent/carer would not get a third notice within 3 years); otherwise the section says why, except to a user who
// may not change the case, who sees no change links at all (as elsewhere on the case page).
import Link from "next/link";
import { Tag, type TagColour } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/penalty-notice-threshold";
import { PENALTY_NOTICE_STATUS_LABELS } from "@/lib/schemas/penalty-notices";
import { getActor } from "@/lib/server/auth";
import { CASE_VIEW_COVERS } from "@/lib/server/cases/get-case";
import { findCasePenaltyNotices, type IssueRefusal } from "@/lib/server/penalty-notices/find-case-penalty-notices";

/** Refusals about the case (the threshold, the calendar, no parents/carers) show once, to everyone who reads the
 * case; a refusal for one parent/carer (the notice limit) shows under their name instead; "not allowed" not at all. */
const caseRefusalShown = (reason: IssueRefusal) =>
  reason === "no_calendar" || reason === "threshold_not_met" || reason === "no_parties";

const STATUS_COLOURS: Record<string, TagColour> = {
  issued: "yellow",
  paid: "green",
  withdrawn: "grey",
  referred: "red",
};

export async function CasePenaltyNoticesSection({ caseId }: { caseId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  const view = await findCasePenaltyNotices(actor, caseId, CASE_VIEW_COVERS);
  const base = `/cases/${caseId}/penalty-notices`;
  const { schoolWeeks } = PENALTY_NOTICE_THRESHOLD;

  return (
    <section aria-labelledby="case-penalty-notices-heading">
      <h2 className="govuk-heading-m" id="case-penalty-notices-heading">
        Penalty notices
      </h2>
      {view.threshold?.reached && (
        <p className="govuk-body">
          The threshold for a penalty notice is met: {view.threshold.sessions} unauthorised sessions between{" "}
          {formatUkDate(view.threshold.start)} and {formatUkDate(view.threshold.end)} (the last {schoolWeeks} school
          weeks).
        </p>
      )}
      {view.issue.offered ? (
        <p className="govuk-body">
          <Link className="govuk-link" href={`${base}/new`}>
            Issue a penalty notice
          </Link>
        </p>
      ) : (
        caseRefusalShown(view.issue.reason) && <div className="govuk-inset-text">{view.issue.message}</div>
      )}
      {view.parties.map((party) => (
        <div key={party.parentId} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">{party.name}</h3>
          {!party.issue.offered && party.issue.reason !== "threshold_not_met" && (
            <p className="govuk-hint">{party.issue.message}</p>
          )}
          {party.notices.length === 0 ? (
            <p className="govuk-body">No penalty notices.</p>
          ) : (
            <TableScroll label="Penalty notices">
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Penalty notices to {party.name}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Issued
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Offence period
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Amount
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                    {view.canManage && (
                      <th scope="col" className="govuk-table__header">
                        <span className="govuk-visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {party.notices.map((n) => (
                    <tr className="govuk-table__row" key={n.id}>
                      <td className="govuk-table__cell">
                        {formatUkDate(n.issueDate)}
                        {n.sequence === 2 ? " (second notice)" : ""}
                      </td>
                      <td className="govuk-table__cell">
                        {formatUkDate(n.periodStart)} to {formatUkDate(n.periodEnd)} ({n.unauthorisedSessions}{" "}
                        unauthorised sessions)
                      </td>
                      <td className="govuk-table__cell">
                        {n.lowerAmountPence === n.higherAmountPence
                          ? `${formatPence(n.higherAmountPence)} by ${formatUkDate(n.lastDay)}`
                          : `${formatPence(n.lowerAmountPence)} by ${formatUkDate(n.lowerUntil)}, ${formatPence(n.higherAmountPence)} by ${formatUkDate(n.lastDay)}`}
                      </td>
                      <td className="govuk-table__cell">
                        <Tag colour={STATUS_COLOURS[n.status]}>
                          {PENALTY_NOTICE_STATUS_LABELS[n.status] ?? n.status}
                        </Tag>
                        {n.status === "paid" && n.paidOn && n.amountPaidPence !== null && (
                          <>
                            {" "}
                            {formatPence(n.amountPaidPence)} on {formatUkDate(n.paidOn)}
                          </>
                        )}
                        {n.status === "withdrawn" && n.withdrawnReason && <> {n.withdrawnReason}</>}
                      </td>
                      {view.canManage && (
                        <td className="govuk-table__cell">
                          {n.status === "issued" && (
                            <ul className="govuk-list">
                              <li>
                                <Link className="govuk-link" href={`${base}/${n.id}/pay`}>
                                  Record payment
                                  <span className="govuk-visually-hidden">
                                    {" "}
                                    of the notice issued {formatUkDate(n.issueDate)}
                                  </span>
                                </Link>
                              </li>
                              <li>
                                <Link className="govuk-link" href={`${base}/${n.id}/withdraw`}>
                                  Withdraw
                                  <span className="govuk-visually-hidden">
                                    {" "}
                                    the notice issued {formatUkDate(n.issueDate)}
                                  </span>
                                </Link>
                              </li>
                            </ul>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </div>
      ))}
    </section>
  );
}
