import Link from "next/link";
import { YieldTable } from "@/components/sweeps/yield-table";
import { hoursText, yieldText } from "@/components/sweeps/format";
import { formatUkDate } from "@/lib/domain/dates";
import { requirePermission } from "@/lib/server/auth";
import { findSweeps } from "@/lib/server/sweeps/find-sweeps";

export const metadata = { title: "Truancy sweeps" };

/** Sweeps with the police: officers record them (and see their own); managers see every sweep and the yield. */
export default async function SweepsPage() {
  const actor = await requirePermission("sweep.read");
  const found = await findSweeps(actor);
  const isManager = actor.role === "manager";
  return (
    <>
      <h1 className="govuk-heading-l">Truancy sweeps</h1>
      <p className="govuk-body">
        Sweeps with the police: children of school age stopped in public places in school hours. A child found in{" "}
        {actor.authorityName} and stopped without a valid reason goes on their open case&apos;s timeline, or is flagged
        for triage as if their school had flagged them.
      </p>
      <p className="govuk-body">
        <Link className="govuk-button" href="/sweeps/new" role="button" draggable="false">
          Record a sweep
        </Link>
      </p>

      <YieldTable
        caption={isManager ? `Yield by academic year, ${actor.authorityName}` : "Yield of the sweeps you recorded"}
        showSweeps
        rows={[
          ...found.years.map((y) => ({ key: String(y.year), label: y.label, sweeps: y.totals.sweeps, yield: y.yield })),
          {
            key: "press",
            label: "Press figure (2005)",
            sweeps: 1,
            yield: found.press.yield,
            note: `One sweep: 4 police hours, 8 children stopped, 3 truanting. ${found.press.source}.`,
          },
        ]}
      />

      {found.sweeps.length === 0 ? (
        <p className="govuk-body">No sweeps have been recorded yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {isManager ? "Every sweep, newest first" : "Sweeps you recorded, newest first"}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Date
              </th>
              <th scope="col" className="govuk-table__header">
                Area or route
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Police hours
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Stopped
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Without a valid reason
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Stopped per police hour
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Police minutes per truant
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {found.sweeps.map((s) => (
              <tr className="govuk-table__row" key={s.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" href={`/sweeps/${s.id}`}>
                    {formatUkDate(s.date)}
                  </Link>
                </td>
                <td className="govuk-table__cell">{s.area}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{hoursText(s.yield.policeHours)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{s.yield.stopped}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{s.yield.truants}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {yieldText(s.yield, "stoppedPerPoliceHour")}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {yieldText(s.yield, "policeMinutesPerTruant")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
