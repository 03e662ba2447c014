import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import {
  FAIRNESS_DIMENSION_LABELS,
  FAIRNESS_MEASURES,
  FAIRNESS_MEASURE_LABELS,
  SUPPRESSION_THRESHOLD,
  type FairnessCell,
  type FairnessDimension,
} from "@/lib/domain/fairness";
import { FSM_GROUP_LABELS, SEN_GROUP_LABELS, type FsmGroup, type SenGroup } from "@/lib/domain/pupil-characteristics";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { getFairness } from "@/lib/server/statistics/get-fairness";
import { parseYear } from "@/lib/server/statistics/get-parental-responsibility";

export const metadata = { title: "Fairness" };

function groupLabel(dimension: FairnessDimension, group: string): string {
  switch (dimension) {
    case "sen":
      return SEN_GROUP_LABELS[group as SenGroup] ?? group;
    case "fsm":
      return FSM_GROUP_LABELS[group as FsmGroup] ?? group;
    case "sex":
      return group === "F" ? "Female" : group === "M" ? "Male" : group;
    case "yearGroup":
      return group === "R" ? "Reception" : /^\d+$/.test(group) ? `Year ${group}` : group;
  }
}

function Cell({ cell, pupils }: { cell: FairnessCell; pupils?: boolean }) {
  if (cell.suppressed) {
    return (
      <td className="govuk-table__cell govuk-table__cell--numeric">
        <abbr title={`Fewer than ${SUPPRESSION_THRESHOLD}, or hidden so that a small number cannot be worked out`}>
          c
        </abbr>
      </td>
    );
  }
  return (
    <td className="govuk-table__cell govuk-table__cell--numeric">
      {cell.count}
      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
        {cell.sharePercent === null ? "–" : `${cell.sharePercent.toFixed(1)}%`}
        {!pupils && cell.ratio !== null && <> · {cell.ratio.toFixed(2)}×</>}
      </span>
    </td>
  );
}

/** Who enforcement falls on: each group's share of pupils and of each step, with the ratio to its share of pupils. */
export default async function FairnessPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requirePermission("statistics.read");
  const raw = (await searchParams).year;
  let year = academicYearStart(today());
  if (raw !== undefined) {
    try {
      year = parseYear(raw);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  const f = await getFairness(actor, year);
  return (
    <>
      <Link className="govuk-back-link" href={`/statistics?year=${year}`}>
        Back to statistics
      </Link>
      <span className="govuk-caption-l">{actor.authorityName}</span>
      <h1 className="govuk-heading-l">Fairness, {f.label}</h1>
      <p className="govuk-body">
        For each group of the {f.pupils} pupils with school sessions from {formatUkDate(f.from)} to {formatUkDate(f.to)}
        : the count, its share of all pupils in that column, and the ratio of that share to the group&apos;s share of
        pupils (1.00× is in proportion; 2.00× is twice its share). Cases, referrals, prosecutions and convictions are
        those of the year.
      </p>
      <div className="govuk-inset-text">
        Numbers from 1 to {SUPPRESSION_THRESHOLD - 1} are shown as <strong>c</strong>, as official statistics do, and so
        is a second number in the same column where it would let a hidden one be worked out. SEN provision and free
        school meals come from the Common Transfer Files received; pupils without one are &quot;Not recorded&quot;.
      </div>
      {f.sections.map((section) => (
        <table className="govuk-table app-table--compact" key={section.dimension}>
          <caption className="govuk-table__caption govuk-table__caption--m">
            {FAIRNESS_DIMENSION_LABELS[section.dimension]}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Group
              </th>
              {FAIRNESS_MEASURES.map((m) => (
                <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={m}>
                  {FAIRNESS_MEASURE_LABELS[m]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {section.rows.map((row) => (
              <tr className="govuk-table__row" key={row.group}>
                <th scope="row" className="govuk-table__header">
                  {groupLabel(section.dimension, row.group)}
                </th>
                {FAIRNESS_MEASURES.map((m) => (
                  <Cell key={m} cell={row.cells[m]} pupils={m === "pupils"} />
                ))}
              </tr>
            ))}
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                All pupils
              </th>
              {FAIRNESS_MEASURES.map((m) => (
                <td className="govuk-table__cell govuk-table__cell--numeric" key={m}>
                  {section.totals[m]}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      ))}
    </>
  );
}
