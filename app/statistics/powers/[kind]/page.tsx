import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { UNUSED_POWER_LABELS, type UnusedPower } from "@/lib/domain/unused-powers";
import { findUnusedPowers } from "@/lib/server/statistics/find-unused-powers";

export const metadata = { title: "Powers unused" };

const SINCE: Record<UnusedPower, string> = {
  threshold_no_action: "Threshold reached in the week of",
  windows_undecided: "Window ended",
  referrals_waiting: "Referred",
  approved_no_hearing: "Approved",
};
const ACT: Record<UnusedPower, string> = {
  threshold_no_action: "View the pupil",
  windows_undecided: "View the case",
  referrals_waiting: "Review the referral",
  approved_no_hearing: "View the referral",
};

/** The list behind one count on the statistics page: each pupil, oldest first, with where to act. */
export default async function UnusedPowersPage({ params }: { params: Promise<{ kind: string }> }) {
  const actor = await requirePermission("statistics.read");
  const { kind } = await params;
  const rows = await orNotFound(findUnusedPowers(actor, kind));
  const power = kind as UnusedPower;
  const label = UNUSED_POWER_LABELS[power];
  return (
    <>
      <Link className="govuk-back-link" href="/statistics">
        Back to statistics
      </Link>
      <span className="govuk-caption-l">Powers used and unused</span>
      <h1 className="govuk-heading-l">{label.title}</h1>
      <p className="govuk-body">{label.description}</p>
      {rows.length === 0 ? (
        <p className="govuk-body">None today.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {rows.length} {rows.length === 1 ? "pupil" : "pupils"}, oldest first
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Pupil
              </th>
              <th scope="col" className="govuk-table__header">
                School
              </th>
              <th scope="col" className="govuk-table__header">
                {SINCE[power]}
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr className="govuk-table__row" key={r.href}>
                <td className="govuk-table__cell">
                  {r.pupilName}
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">UPN {r.upn}</span>
                </td>
                <td className="govuk-table__cell">{r.schoolName ?? "Not on roll"}</td>
                <td className="govuk-table__cell">{r.since ? formatUkDate(r.since) : "Not known"}</td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" href={r.href}>
                    {ACT[power]}
                    <span className="govuk-visually-hidden"> for {r.pupilName}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
