import { TableScroll } from "@/components/govuk/table-scroll";
import Link from "next/link";
import { count, formatUkDateTime, percent, SESSION_LABELS } from "@/components/attendance/format";
import { RegisterGrid } from "@/components/attendance/register-grid";
import { WeeklyAttendanceChart } from "@/components/attendance/weekly-attendance-chart";
import { Tag } from "@/components/govuk/tag";
import { roundedPercent } from "@/lib/domain/attendance-rates";
import { formatUkDate } from "@/lib/domain/dates";
import { requirePermission } from "@/lib/server/auth";
import { getPupilAttendancePage } from "@/lib/server/attendance/get-pupil-attendance-page";
import { askPupilReasonFirst } from "@/lib/server/cases/access-reason";
import { orNotFound } from "@/lib/server/not-found";

export const metadata = { title: "Attendance" };

type Figures = Awaited<ReturnType<typeof getPupilAttendancePage>>["year"];

const ROWS: { label: string; value: (f: Figures) => string }[] = [
  { label: "Possible sessions", value: (f) => count(f.possible) },
  { label: "Present", value: (f) => count(f.present) },
  { label: "Approved educational activity", value: (f) => count(f.approvedActivity) },
  { label: "Authorised absence", value: (f) => count(f.authorised) },
  { label: "Unauthorised absence", value: (f) => count(f.unauthorised) },
  { label: "Attendance", value: (f) => percent(f.attendanceRate) },
  { label: "Overall absence", value: (f) => percent(f.overallAbsenceRate) },
  { label: "Unauthorised absence rate", value: (f) => percent(f.unauthorisedRate) },
];

export default async function PupilAttendancePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("attendance.read");
  const { id } = await params;
  const reason = await askPupilReasonFirst(actor, id, "attendance");
  const page = await orNotFound(getPupilAttendancePage(actor, id, reason));
  const { pupil, term, year, comparison } = page;
  const name = `${pupil.firstName} ${pupil.lastName}`;
  const columns = [
    ...(term
      ? [
          {
            heading: `This term (${term.name})`,
            hint: `${formatUkDate(term.from)} to ${formatUkDate(term.to)}`,
            figures: term.figures,
          },
        ]
      : []),
    {
      heading: `Year to date (${page.academicYear})`,
      hint: `${formatUkDate(page.yearStart)} to ${formatUkDate(page.today)}`,
      figures: year,
    },
  ];

  return (
    <>
      <Link className="govuk-back-link" href={`/pupils/${pupil.id}`}>
        Back to {name}
      </Link>
      <span className="govuk-caption-l">Attendance, UPN {pupil.upn}</span>
      <h1 className="govuk-heading-l" data-testid="pupil-heading">
        {name}
      </h1>
      {(year.persistentAbsence || year.severeAbsence) && (
        <p className="govuk-body">
          {year.severeAbsence && <Tag colour="red">Severe absence</Tag>}{" "}
          {year.persistentAbsence && <Tag colour="orange">Persistent absence</Tag>}
          <span className="govuk-visually-hidden"> this academic year</span>
        </p>
      )}
      {page.calendarMissing && (
        <div className="govuk-inset-text">
          There is no term calendar for the {page.academicYear} academic year, so the figures for this term cannot be
          shown. The year-to-date figures count every mark received.
        </div>
      )}

      <TableScroll label="Summary">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Summary</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <td className="govuk-table__header">
                <span className="govuk-visually-hidden">Figure</span>
              </td>
              {columns.map((c) => (
                <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={c.heading}>
                  {c.heading}
                  <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-bottom-0">
                    {c.hint}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {ROWS.map((row) => (
              <tr className="govuk-table__row" key={row.label}>
                <th scope="row" className="govuk-table__header">
                  {row.label}
                </th>
                {columns.map((c) => (
                  <td className="govuk-table__cell govuk-table__cell--numeric" key={c.heading}>
                    {row.value(c.figures)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="govuk-body-s">
        Persistent absence is missing 10% or more of possible sessions; severe absence is 50% or more. Sessions with
        codes such as #, X or Y are not possible sessions and are not counted.
      </p>

      <TableScroll label="Compared with the school, the authority and England">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            Compared with the school, the authority and England ({page.academicYear} to date)
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Who
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Unauthorised absence
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Overall absence
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            <ComparisonRow
              who={name}
              unauthorised={percent(year.unauthorisedRate)}
              overall={percent(year.overallAbsenceRate)}
            />
            {comparison.school ? (
              <ComparisonRow
                who={comparison.school.name}
                unauthorised={percent(comparison.school.figures.unauthorisedRate)}
                overall={percent(comparison.school.figures.overallAbsenceRate)}
              />
            ) : (
              <ComparisonRow who="School" unauthorised="Not on roll today" overall="Not on roll today" />
            )}
            <ComparisonRow
              who={`${actor.authorityName} (all schools)`}
              unauthorised={percent(comparison.authority.unauthorisedRate)}
              overall={percent(comparison.authority.overallAbsenceRate)}
            />
            <ComparisonRow
              who={comparison.national ? `National: ${comparison.national.label}` : "National"}
              unauthorised={comparison.national ? percent(comparison.national.unauthorisedRate) : "No figure recorded"}
              overall="Not recorded"
            />
          </tbody>
        </table>
      </TableScroll>

      <WeeklyAttendanceChart weeks={page.weeks} pupilName={name} academicYear={page.academicYear} />

      <h2 className="govuk-heading-m">Register marks</h2>
      {page.weeks.length === 0 ? (
        <p className="govuk-body">No register marks have been received for {name} this academic year.</p>
      ) : (
        <RegisterGrid weeks={page.weeks} caption={`Marks week by week, ${page.academicYear}, latest week first`} />
      )}

      <h2 className="govuk-heading-m">Changes to marks</h2>
      {page.changes.length === 0 ? (
        <p className="govuk-body">No marks have been changed by a later register.</p>
      ) : (
        <TableScroll label="Changes to marks, latest first (up to 20)">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">
              Changes to marks, latest first (up to 20)
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Date
                </th>
                <th scope="col" className="govuk-table__header">
                  Session
                </th>
                <th scope="col" className="govuk-table__header">
                  Change
                </th>
                <th scope="col" className="govuk-table__header">
                  When
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.changes.map((c, i) => (
                <tr className="govuk-table__row" key={`${i}-${c.date}-${c.session}`}>
                  <td className="govuk-table__cell">{formatUkDate(c.date)}</td>
                  <td className="govuk-table__cell">{SESSION_LABELS[c.session] ?? c.session}</td>
                  <td className="govuk-table__cell">
                    <strong>{c.old_code}</strong> <span aria-hidden="true">→</span>
                    <span className="govuk-visually-hidden">changed to</span> <strong>{c.new_code}</strong>
                  </td>
                  <td className="govuk-table__cell">{formatUkDateTime(c.changed_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {page.earlierYears.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Earlier years (summary only)</h2>
          <p className="govuk-body">
            Totals from a Common Transfer File, which gave no register marks for these years.
          </p>
          <TableScroll label="Earlier years, newest first">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Earlier years, newest first</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Year
                  </th>
                  <th scope="col" className="govuk-table__header">
                    School
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Possible sessions
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Authorised
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Unauthorised
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Unauthorised %
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {page.earlierYears.map((y) => (
                  <tr className="govuk-table__row" key={`${y.academicYear}-${y.laCode}-${y.estabNumber}`}>
                    <td className="govuk-table__cell">{y.label}</td>
                    <td className="govuk-table__cell">
                      {y.schoolName || "School not named"} (DfE {y.laCode}/{y.estabNumber})
                      {y.schoolId === null && (
                        <>
                          {" "}
                          <Tag colour="grey">Not in Fast Track</Tag>
                        </>
                      )}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{count(y.possible)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{count(y.authorised)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{count(y.unauthorised)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {percent(y.possible > 0 ? roundedPercent(y.unauthorised, y.possible) : null)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}

function ComparisonRow({ who, unauthorised, overall }: { who: string; unauthorised: string; overall: string }) {
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header">
        {who}
      </th>
      <td className="govuk-table__cell govuk-table__cell--numeric">{unauthorised}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{overall}</td>
    </tr>
  );
}
