import { TableScroll } from "@/components/govuk/table-scroll";
import styles from "./attendance-tables.module.scss";
import { count, percent } from "./format";

type Rates = {
  possible: number;
  attendanceRate: number | null;
  overallAbsenceRate: number | null;
  unauthorisedRate: number | null;
};
export type SchoolRatesRow = {
  schoolId: string;
  name: string;
  urn: number;
  figures: Rates;
  pupils: number;
  persistent: number;
  severe: number;
};
export type SchoolRatesTotal = { figures: Rates; pupils: number; persistent: number; severe: number };

const HEADERS = [
  "Possible sessions",
  "Attendance",
  "Overall absence",
  "Unauthorised absence",
  "Pupils",
  "Persistent absentees",
  "Severe absentees",
];

function Cells({ row }: { row: SchoolRatesTotal }) {
  return (
    <>
      <td className="govuk-table__cell govuk-table__cell--numeric">{count(row.figures.possible)}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{percent(row.figures.attendanceRate)}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{percent(row.figures.overallAbsenceRate)}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{percent(row.figures.unauthorisedRate)}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{count(row.pupils)}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{count(row.persistent)}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{count(row.severe)}</td>
    </>
  );
}

/** One group of schools (academies, or maintained and other schools) with a subtotal row. */
export function SchoolRatesTable({
  caption,
  rows,
  total,
  totalLabel,
}: {
  caption: string;
  rows: SchoolRatesRow[];
  total: SchoolRatesTotal;
  totalLabel: string;
}) {
  return (
    <TableScroll label={caption}>
      <table className={`govuk-table govuk-table--small-text-until-tablet ${styles.fixed}`}>
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className={`govuk-table__header ${styles.schoolColumn}`}>
              School
            </th>
            {HEADERS.map((h) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.length === 0 && (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={8}>
                No schools of this kind.
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.schoolId}>
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {r.name} <span className="govuk-!-display-block govuk-!-font-size-14">URN {r.urn}</span>
              </th>
              <Cells row={r} />
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {totalLabel}
            </th>
            <Cells row={total} />
          </tr>
        </tbody>
      </table>
    </TableScroll>
  );
}
