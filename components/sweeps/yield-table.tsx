import type { SweepYield } from "@/lib/domain/sweeps";
import { hoursText, yieldText } from "./format";

export type YieldRow = { key: string; label: string; sweeps?: number; yield: SweepYield; note?: string };

/**
 * Yields side by side (a sweep, a year, the press figure): children stopped, truants, police hours, stopped per
 * police hour, police minutes per truant, the share with a parent. A figure that cannot be worked out says why.
 */
export function YieldTable({ caption, rows, showSweeps }: { caption: string; rows: YieldRow[]; showSweeps?: boolean }) {
  const reasons = rows.flatMap((r) =>
    Object.entries(r.yield.reasons).map(([figure, reason]) => ({
      key: `${r.key}-${figure}`,
      text: `${r.label}: ${reason}`,
    })),
  );
  const num = "govuk-table__cell govuk-table__cell--numeric";
  const head = "govuk-table__header govuk-table__header--numeric";
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Period</span>
            </th>
            {showSweeps && (
              <th scope="col" className={head}>
                Sweeps
              </th>
            )}
            <th scope="col" className={head}>
              Children stopped
            </th>
            <th scope="col" className={head}>
              Without a valid reason
            </th>
            <th scope="col" className={head}>
              Police hours
            </th>
            <th scope="col" className={head}>
              Stopped per police hour
            </th>
            <th scope="col" className={head}>
              Police minutes per truant
            </th>
            <th scope="col" className={head}>
              With a parent or carer
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.key}>
              <th scope="row" className="govuk-table__header">
                {r.label}
                {r.note && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{r.note}</span>}
              </th>
              {showSweeps && <td className={num}>{r.sweeps ?? ""}</td>}
              <td className={num}>{r.yield.stopped}</td>
              <td className={num}>{r.yield.truants}</td>
              <td className={num}>{hoursText(r.yield.policeHours)}</td>
              <td className={num}>{yieldText(r.yield, "stoppedPerPoliceHour")}</td>
              <td className={num}>{yieldText(r.yield, "policeMinutesPerTruant")}</td>
              <td className={num}>{yieldText(r.yield, "accompaniedPercent")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {reasons.length > 0 && (
        <ul className="govuk-list govuk-body-s">
          {reasons.map((r) => (
            <li key={r.key}>{r.text}</li>
          ))}
        </ul>
      )}
    </>
  );
}
