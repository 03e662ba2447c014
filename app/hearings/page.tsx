import { TableScroll } from "@/components/govuk/table-scroll";
import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { HEARING_TYPE_LABELS } from "@/lib/schemas/referrals";
import { requirePermission } from "@/lib/server/auth";
import { findUpcomingHearings } from "@/lib/server/court/find-upcoming-hearings";

export const metadata = { title: "Upcoming hearings" };

export default async function HearingsPage() {
  const actor = await requirePermission("referral.read");
  const hearings = await findUpcomingHearings(actor);
  return (
    <>
      <h1 className="govuk-heading-l">Upcoming hearings</h1>
      {hearings.length === 0 ? (
        <p className="govuk-body">No hearings are listed from today on.</p>
      ) : (
        <TableScroll label="Hearings from today, soonest first">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              Hearings from today, soonest first
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Date
                </th>
                <th scope="col" className="govuk-table__header">
                  Court
                </th>
                <th scope="col" className="govuk-table__header">
                  Type
                </th>
                <th scope="col" className="govuk-table__header">
                  Pupil
                </th>
                <th scope="col" className="govuk-table__header">
                  Parent or carer
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {hearings.map((h) => (
                <tr className="govuk-table__row" key={h.id}>
                  <td className="govuk-table__cell">{formatUkDate(h.date)}</td>
                  <td className="govuk-table__cell">{h.courtName}</td>
                  <td className="govuk-table__cell">
                    {HEARING_TYPE_LABELS[h.type]}
                    {h.adjourned ? " (adjourned)" : ""}
                  </td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" href={`/referrals/${h.referralId}`}>
                      {h.pupilName}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{h.parentName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
