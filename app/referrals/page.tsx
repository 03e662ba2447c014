import { TableScroll } from "@/components/govuk/table-scroll";
import Link from "next/link";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { READINESS_LABELS } from "@/lib/domain/referral-readiness";
import { requirePermission } from "@/lib/server/auth";
import { findReferralQueue } from "@/lib/server/referrals/find-referral-queue";

export const metadata = { title: "Cases due for prosecution" };

export default async function ReferralQueuePage() {
  const actor = await requirePermission("referral.review");
  const queue = await findReferralQueue(actor);
  // Cases with more than one parent's referral waiting: decided side by side on the case's page of referrals.
  const together = [...new Set(queue.map((q) => q.caseId))]
    .map((caseId) => ({ caseId, rows: queue.filter((q) => q.caseId === caseId) }))
    .filter((c) => c.rows.length > 1);
  return (
    <>
      <h1 className="govuk-heading-l">Cases due for prosecution</h1>
      <p className="govuk-body">
        Prosecution referrals made when a Fast Track window ended without the target being met, one per parent or carer,
        oldest first. Each can be approved once the case&apos;s record proves every item (letters, a warning, support,
        an interview under caution where the authority requires one, and the signed attendance certificate); reject
        those the rules in force since 6 December 2026 would not make.
      </p>
      {queue.length === 0 ? (
        <p className="govuk-body">No referrals are awaiting review.</p>
      ) : (
        <>
          {together.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Both parents referred</h2>
              <p className="govuk-body">
                Read each parent&apos;s evidence side by side and decide each referral on one page:
              </p>
              <ul className="govuk-list govuk-list--bullet" data-testid="decide-together">
                {together.map((c) => (
                  <li key={c.caseId}>
                    <Link className="govuk-link" href={`/cases/${c.caseId}/referrals`}>
                      {c.rows[0]!.pupil.name}: {c.rows.map((q) => q.parent.name).join(" and ")}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <TableScroll label="Prosecution referrals">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m">{queue.length} awaiting review</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Pupil
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Parent or carer
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Referred on
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Window
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Attendance
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Unauthorised sessions
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Record
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {queue.map((q) => (
                  <tr className="govuk-table__row" key={q.id}>
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" href={`/referrals/${q.id}`}>
                        {q.pupil.name}
                      </Link>
                      <br />
                      <span className="govuk-body-s">{q.pupil.upn}</span>
                    </td>
                    <td className="govuk-table__cell">{q.parent.name}</td>
                    <td className="govuk-table__cell">{formatUkDate(q.referredOn)}</td>
                    <td className="govuk-table__cell">
                      {formatUkDate(q.periodStart)} to {formatUkDate(q.periodEnd)}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {q.figures.attendancePct === null ? "" : `${q.figures.attendancePct.toFixed(1)}%`}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {q.figures.unauthorisedSessions ?? ""}
                    </td>
                    <td className="govuk-table__cell" data-testid="record">
                      {q.notGroundedNow ? (
                        <>
                          <Tag colour="red">Not grounded now</Tag>
                          <br />
                          <span className="govuk-body-s">{q.notGroundedNow.map((x) => x.message).join("; ")}</span>
                        </>
                      ) : q.missing.length === 0 ? (
                        <Tag colour="green">Ready for your decision</Tag>
                      ) : (
                        <>
                          <Tag colour="yellow">Incomplete</Tag>
                          <br />
                          <span className="govuk-body-s">
                            Missing: {q.missing.map((k) => READINESS_LABELS[k].toLowerCase()).join(", ")}
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="govuk-body">
            <a className="govuk-link" href="/referrals/queue.csv" download>
              Download as CSV
            </a>
          </p>
        </>
      )}
    </>
  );
}
