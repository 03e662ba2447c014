import { TableScroll } from "@/components/govuk/table-scroll";
import { percent } from "@/components/attendance/format";
import { SchoolRatesTable } from "@/components/attendance/school-rates-table";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { DateInput } from "@/components/govuk/date-input";
import { Button } from "@/components/govuk/fields";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { findSchoolRates } from "@/lib/server/attendance/find-school-rates";
import { rangeFilters } from "@/lib/schemas/attendance-filters";

export const metadata = { title: "Attendance by school" };

export default async function AttendancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("attendance.report");
  const range = rangeFilters(await searchParams, today());
  const errorOf = (field: "from" | "to") => range.errors.find((e) => e.field === field)?.message;
  const report = range.errors.length === 0 ? await findSchoolRates(actor, range.from, range.to) : null;
  const query = new URLSearchParams({ from: range.from, to: range.to });

  return (
    <>
      <ErrorSummary errors={range.errors} />
      <h1 className="govuk-heading-l">Attendance by school</h1>
      <form method="get" action="/attendance" className="govuk-!-margin-bottom-6" noValidate>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Dates</legend>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <DateInput
                id="from"
                legend="From"
                hint="For example, 1 9 2026"
                defaultValue={range.typed("from") ? undefined : range.from}
                defaultParts={range.typed("from")}
                error={errorOf("from")}
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <DateInput
                id="to"
                legend="To"
                hint="For example, 20 11 2026"
                defaultValue={range.typed("to") ? undefined : range.to}
                defaultParts={range.typed("to")}
                error={errorOf("to")}
              />
            </div>
          </div>
        </fieldset>
        <Button secondary>Show figures</Button>
      </form>

      {report && (
        <>
          <p className="govuk-body">
            Figures for {formatUkDate(report.from)} to {formatUkDate(report.to)}. Pupils, persistent absentees and
            severe absentees are for the {report.academicYear} academic year to {formatUkDate(report.to)}.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/attendance/schools.csv?${query}`} download>
              Download as CSV<span className="govuk-visually-hidden"> (school figures for these dates)</span>
            </a>
          </p>
          <SchoolRatesTable
            caption="Academies"
            rows={report.academies}
            total={report.academyTotal}
            totalLabel="All academies"
          />
          <SchoolRatesTable
            caption="Maintained and other schools"
            rows={report.others}
            total={report.otherTotal}
            totalLabel="All maintained and other schools"
          />

          <TableScroll label="School attendance rates">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m">
                {actor.authorityName} and England
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Area
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Attendance
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Overall absence
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Unauthorised absence
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {actor.authorityName} (all schools)
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {percent(report.authorityTotal.figures.attendanceRate)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {percent(report.authorityTotal.figures.overallAbsenceRate)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {percent(report.authorityTotal.figures.unauthorisedRate)}
                  </td>
                </tr>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {report.national
                      ? `National: ${report.national.label}, ${report.academicYear}`
                      : `National, ${report.academicYear}`}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">Not recorded</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">Not recorded</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {report.national ? percent(report.national.unauthorisedRate) : "No figure recorded"}
                  </td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
