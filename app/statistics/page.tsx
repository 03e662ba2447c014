import Link from "next/link";
import {
  CENSUS_COLUMNS,
  CENSUS_COLUMN_DESCRIPTIONS,
  PROSECUTION_COLUMN_LABELS,
} from "@/components/statistics/census-columns";
import { SchoolStatisticsTable } from "@/components/statistics/school-statistics-table";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { PROSECUTION_COLUMNS } from "@/lib/domain/parental-responsibility";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { getParentalResponsibility, parseYear } from "@/lib/server/statistics/get-parental-responsibility";
import { UnusedPowersList } from "@/components/statistics/unused-powers-list";
import { countUnusedPowers } from "@/lib/server/statistics/find-unused-powers";
import { findSchoolStatistics } from "@/lib/server/statistics/find-school-statistics";

export const metadata = { title: "Statistics" };

const yearLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;

/** The manager's statistics: the DfE parental responsibility return, prosecutions, powers unused, and per school. */
export default async function StatisticsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requirePermission("statistics.read");
  const current = academicYearStart(today());
  const raw = (await searchParams).year;
  let year = current;
  let yearError: string | null = null;
  if (raw !== undefined) {
    try {
      year = parseYear(raw);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      yearError = error.message;
    }
  }
  const [r, powers, schools] = await Promise.all([
    getParentalResponsibility(actor, year),
    countUnusedPowers(actor),
    findSchoolStatistics(actor, year),
  ]);
  const years = [current, current - 1, current - 2];
  const courtValue = (c: (typeof PROSECUTION_COLUMNS)[number]) => {
    const v = r.prosecutions[c];
    if (v === null) return "None";
    return c.endsWith("_pence") ? formatPence(v) : String(v);
  };
  return (
    <>
      <span className="govuk-caption-l">{actor.authorityName}</span>
      <h1 className="govuk-heading-l">Statistics, {r.label}</h1>
      {yearError && (
        <div className="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 className="govuk-error-summary__title">There is a problem</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">
                {yearError}: showing {yearLabel(year)}.
              </p>
            </div>
          </div>
        </div>
      )}
      <nav aria-label="Academic years" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list app-inline-list">
          {years.map((y) => (
            <li key={y}>
              {y === year ? (
                <strong aria-current="page">{yearLabel(y)}</strong>
              ) : (
                <Link className="govuk-link" href={`/statistics?year=${y}`}>
                  {yearLabel(y)}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <UnusedPowersList counts={powers} />
      <p className="govuk-body-s">As at {formatUkDate(today())}, whichever year is shown.</p>

      <h2 className="govuk-heading-m">Parental responsibility measures return</h2>
      <p className="govuk-body">
        The DfE census variables for {r.label}, computed from the records, with outcomes as at {formatUkDate(r.asOf)}.{" "}
        <Link className="govuk-link" href={`/statistics/parental-responsibility.csv?year=${year}`}>
          Download the return as CSV
        </Link>
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Census variables, {r.label}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Variable
            </th>
            <th scope="col" className="govuk-table__header">
              What it counts
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {r.label}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {CENSUS_COLUMNS.map((c) => (
            <tr className="govuk-table__row" key={c}>
              <th scope="row" className="govuk-table__header">
                <code>{c}</code>
              </th>
              <td className="govuk-table__cell">{CENSUS_COLUMN_DESCRIPTIONS[c]}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.census[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="govuk-list govuk-body-s">
        <li>Still in case management (in neither withdrawal column): {r.notes.case_management_continuing}.</li>
        {r.notes.pn_paid_after_28 > 0 && (
          <li>
            Notices under the pre-2013 rules paid on day 29 to 42 (valid, but in neither payment column):{" "}
            {r.notes.pn_paid_after_28}.
          </li>
        )}
        <li>
          <Link className="govuk-link" href={`/statistics/fairness?year=${year}`}>
            Fairness: who enforcement falls on
          </Link>
        </li>
      </ul>

      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Prosecutions approved in {r.label}</caption>
        <tbody className="govuk-table__body">
          {PROSECUTION_COLUMNS.map((c) => (
            <tr className="govuk-table__row" key={c}>
              <th scope="row" className="govuk-table__header">
                {PROSECUTION_COLUMN_LABELS[c]}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{courtValue(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <SchoolStatisticsTable caption={`Schools, ${r.label}`} result={schools} />
    </>
  );
}
