import { TableScroll } from "@/components/govuk/table-scroll";
import styles from "@/components/attendance/attendance-tables.module.scss";
import { AtRiskRows } from "@/components/attendance/at-risk-rows";
import { count, percent } from "@/components/attendance/format";
import { Button, Select } from "@/components/govuk/fields";
import { Pagination } from "@/components/govuk/pagination";
import { WarningText } from "@/components/govuk/warning-text";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { formatUkDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { requirePermission } from "@/lib/server/auth";
import { findOpenCaseIds } from "@/lib/server/cases/find-open-case";
import { findPupilsAtRisk } from "@/lib/server/attendance/find-pupils-at-risk";
import { findSchools } from "@/lib/server/schools/find-schools";
import { atRiskFilters, YEAR_GROUPS, yearGroupLabel } from "@/lib/schemas/attendance-filters";

export const metadata = { title: "Pupils at risk" };

export default async function AtRiskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("attendance.report");
  const filters = atRiskFilters(await searchParams);
  const [queue, schools] = await Promise.all([
    findPupilsAtRisk(actor, {
      schoolId: filters.school || undefined,
      yearGroup: filters.year || undefined,
      page: filters.page,
    }),
    findSchools(actor),
  ]);
  const query = (page?: number) => {
    const q = new URLSearchParams();
    if (filters.school) q.set("school", filters.school);
    if (filters.year) q.set("year", filters.year);
    if (page && page > 1) q.set("page", String(page));
    return q.toString();
  };
  const { sessions, schoolWeeks } = PENALTY_NOTICE_THRESHOLD;
  // Officers and managers act from this queue: each row links to the pupil's open case, or opens one.
  const casework = can(actor, "case.manage");
  const openCases = casework
    ? await findOpenCaseIds(
        actor,
        queue.pupils.map((p) => p.pupilId),
      )
    : new Map<string, string>();

  return (
    <>
      <span className="govuk-caption-l">{queue.academicYear}</span>
      <h1 className="govuk-heading-l">Pupils at risk</h1>
      <p className="govuk-body">
        Pupils who have reached the penalty notice threshold ({sessions} sessions of unauthorised absence coded G, N, O
        or U within {schoolWeeks} school weeks) or are persistently absent (missing 10% or more of their possible
        sessions) this academic year. Pupils at the threshold come first.
      </p>
      {queue.calendarMissing && (
        <WarningText>
          There is no term calendar for {queue.academicYear}, so the penalty notice threshold cannot be checked: it
          counts school weeks. Only persistent absence is shown until an administrator adds the calendar.
        </WarningText>
      )}

      <form method="get" action="/attendance/at-risk" className="govuk-!-margin-bottom-6">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              id="school"
              name="school"
              label="School"
              defaultValue={filters.school}
              options={[{ value: "", text: "All schools" }, ...schools.map((s) => ({ value: s.id, text: s.name }))]}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select
              id="year"
              name="year"
              label="Year group"
              defaultValue={filters.year}
              options={[
                { value: "", text: "All year groups" },
                ...YEAR_GROUPS.map((y) => ({ value: y, text: yearGroupLabel(y) })),
              ]}
            />
          </div>
        </div>
        <Button secondary>Apply filters</Button>
      </form>

      <p className="govuk-body" role="status">
        {queue.total === 0 ? "No pupils match." : `${count(queue.total)} pupil${queue.total === 1 ? "" : "s"} at risk.`}
      </p>
      {queue.total > 0 && (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={`/attendance/at-risk.csv${query() ? `?${query()}` : ""}`} download>
              Download as CSV<span className="govuk-visually-hidden"> (every pupil matching these filters)</span>
            </a>
          </p>
          <TableScroll label="Pupils at risk">
            <table className={`govuk-table govuk-!-font-size-16 ${styles.atRisk}`}>
              <caption className="govuk-table__caption govuk-visually-hidden">
                Pupils at risk, page {queue.page} of {queue.pageCount}
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Pupil
                  </th>
                  <th scope="col" className="govuk-table__header">
                    UPN
                  </th>
                  <th scope="col" className="govuk-table__header">
                    School
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Year
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Most G, N, O or U sessions in {schoolWeeks} school weeks
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Overall absence
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Reasons
                  </th>
                  {casework && (
                    <th scope="col" className="govuk-table__header">
                      Case
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                <AtRiskRows
                  rows={queue.pupils.map((p) => ({
                    key: `${p.pupilId}-${p.schoolId}`,
                    pupilId: p.pupilId,
                    name: p.name,
                    upn: p.upn,
                    school: p.schoolName,
                    year: p.yearGroup ? yearGroupLabel(p.yearGroup) : "Not known",
                    sessions: p.penaltySessions10Weeks === null ? "Not known" : String(p.penaltySessions10Weeks),
                    thresholdWeek: p.thresholdReached && p.thresholdWeek ? formatUkDate(p.thresholdWeek) : null,
                    absence: percent(p.overallAbsenceRate),
                    threshold: p.thresholdReached,
                    persistent: p.persistentAbsence,
                    caseId: casework ? (openCases.get(p.pupilId) ?? null) : undefined,
                  }))}
                />
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <Pagination
        page={queue.page}
        pageCount={queue.pageCount}
        hrefFor={(page) => `/attendance/at-risk?${query(page)}`}
      />
    </>
  );
}
