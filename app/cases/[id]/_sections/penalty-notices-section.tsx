// The case page's section for penalty notices, one block per parent/carer (issue 5): each notice with its amounts
// and payment dates and status, the links to record a payment or withdraw it, and whether the threshold for a new
// notice is met now (the issue link is offered only then).
import Link from "next/link";
import { Tag, type TagColour } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/penalty-notice-threshold";
import { PENALTY_NOTICE_STATUS_LABELS } from "@/lib/schemas/penalty-notices";
import { getActor } from "@/lib/server/auth";
import { findCasePenaltyNotices } from "@/lib/server/penalty-notices/find-case-penalty-notices";

const STATUS_COLOURS: Record<string, TagColour> = { issued: "yellow", paid: "green", withdrawn: "grey", referred: "red" };

export async function CasePenaltyNoticesSection({ caseId }: { caseId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  const view = await findCasePenaltyNotices(actor, caseId);
  const base = `/cases/${caseId}/penalty-notices`;
  const { sessions, schoolWeeks } = PENALTY_NOTICE_THRESHOLD;

  return (
    <section aria-labelledby="case-penalty-notices-heading">
      <h2 className="govuk-heading-m" id="case-penalty-notices-heading">Penalty notices</h2>
      {view.threshold ? (
        <p className="govuk-body">
          {view.threshold.reached
            ? `The threshold for a penalty notice is met: ${view.threshold.sessions} unauthorised sessions between ${formatUkDate(view.threshold.start)} and ${formatUkDate(view.threshold.end)} (the last ${schoolWeeks} school weeks).`
            : `The threshold for a penalty notice (${sessions} unauthorised sessions in ${schoolWeeks} school weeks) is not met: ${view.threshold.sessions} between ${formatUkDate(view.threshold.start)} and ${formatUkDate(view.threshold.end)}.`}
        </p>
      ) : (
        <p className="govuk-body">The authority has no term calendar, so the threshold for a penalty notice cannot be checked.</p>
      )}
      {view.canManage && (
        <p className="govuk-body"><Link className="govuk-link" href={`${base}/new`}>Issue a penalty notice</Link></p>
      )}
      {view.parties.map((party) => (
        <div key={party.parentId} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">{party.name}</h3>
          {party.notices.length === 0 ? (
            <p className="govuk-body">No penalty notices.</p>
          ) : (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Penalty notices to {party.name}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Issued</th>
                  <th scope="col" className="govuk-table__header">Offence period</th>
                  <th scope="col" className="govuk-table__header">Amount</th>
                  <th scope="col" className="govuk-table__header">Status</th>
                  {view.canManage && <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {party.notices.map((n) => (
                  <tr className="govuk-table__row" key={n.id}>
                    <td className="govuk-table__cell">{formatUkDate(n.issueDate)}{n.sequence === 2 ? " (second notice)" : ""}</td>
                    <td className="govuk-table__cell">{formatUkDate(n.periodStart)} to {formatUkDate(n.periodEnd)} ({n.unauthorisedSessions} unauthorised sessions)</td>
                    <td className="govuk-table__cell">
                      {n.lowerAmountPence === n.higherAmountPence
                        ? `${formatPence(n.higherAmountPence)} by ${formatUkDate(n.lastDay)}`
                        : `${formatPence(n.lowerAmountPence)} by ${formatUkDate(n.lowerUntil)}, ${formatPence(n.higherAmountPence)} by ${formatUkDate(n.lastDay)}`}
                    </td>
                    <td className="govuk-table__cell">
                      <Tag colour={STATUS_COLOURS[n.status]}>{PENALTY_NOTICE_STATUS_LABELS[n.status] ?? n.status}</Tag>
                      {n.status === "paid" && n.paidOn && n.amountPaidPence !== null && <> {formatPence(n.amountPaidPence)} on {formatUkDate(n.paidOn)}</>}
                      {n.status === "withdrawn" && n.withdrawnReason && <> {n.withdrawnReason}</>}
                    </td>
                    {view.canManage && (
                      <td className="govuk-table__cell">
                        {n.status === "issued" && (
                          <ul className="govuk-list">
                            <li><Link className="govuk-link" href={`${base}/${n.id}/pay`}>Record payment<span className="govuk-visually-hidden"> of the notice issued {formatUkDate(n.issueDate)}</span></Link></li>
                            <li><Link className="govuk-link" href={`${base}/${n.id}/withdraw`}>Withdraw<span className="govuk-visually-hidden"> the notice issued {formatUkDate(n.issueDate)}</span></Link></li>
                          </ul>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
