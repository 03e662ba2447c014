import { academicYearOf, academicYearStart, schoolCalendar } from "@/lib/domain/school-calendar";
import { requirePermission } from "@/lib/server/auth";
import { findCalendarEntries } from "@/lib/server/calendar/edit-calendar";
import { AddCalendarEntryForm } from "./add-calendar-entry-form";
import { CalendarTables, type CalendarYear } from "./calendar-tables";
import { ImportCalendarForm } from "./import-calendar-form";

export const metadata = { title: "Term calendar" };

const EXAMPLE = `kind,start,end,name
term,2026-09-02,2026-10-23,Autumn 1 2026
closure,2026-10-23,2026-10-23,INSET day
term,2026-11-02,2026-12-18,Autumn 2 2026`;

export default async function CalendarPage() {
  const actor = await requirePermission("reference_data.manage");
  const entries = await findCalendarEntries(actor);
  const calendar = entries.length > 0 ? schoolCalendar(entries) : null;
  const byYear = new Map<string, CalendarYear>();
  for (const e of entries) {
    const label = academicYearOf(e.start);
    const start = academicYearStart(e.start);
    const year = byYear.get(label) ?? {
      label,
      schoolDays: calendar?.covers(`${start}-09-01`)
        ? calendar.schoolDaysBetween(`${start}-09-01`, `${start + 1}-08-31`).length
        : 0,
      entries: [],
    };
    year.entries.push(e);
    byYear.set(label, year);
  }
  const years = [...byYear.values()].sort((a, b) => (a.label < b.label ? 1 : -1));

  return (
    <>
      <h1 className="govuk-heading-l">Term calendar</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            The terms and closures of {actor.authorityName}&apos;s schools. School weeks, &ldquo;this term&rdquo; and
            the penalty notice threshold (10 unauthorised sessions within 10 school weeks) are worked out from it, so
            each academic year needs its terms.
          </p>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href="#add-entry">
                Add a term or closure
              </a>
            </li>
            <li>
              <a className="govuk-link" href="#upload-calendar">
                Upload a calendar file
              </a>
            </li>
          </ul>
        </div>
      </div>
      {years.length === 0 ? (
        <p className="govuk-body">There is no calendar yet. Add terms below or upload a file.</p>
      ) : (
        <CalendarTables years={years} />
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div id="add-entry">
            <AddCalendarEntryForm />
          </div>
          <div id="upload-calendar">
            <ImportCalendarForm />
          </div>
          <h3 className="govuk-heading-s">The calendar file format</h3>
          <p className="govuk-body">One line per term or closure, after the header line:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <code>kind</code>: <code>term</code> or <code>closure</code> (a closure, such as an INSET day, must be
              inside a term)
            </li>
            <li>
              <code>start</code> and <code>end</code>: the first and last day, as YYYY-MM-DD
            </li>
            <li>
              <code>name</code>: for example Autumn 1 2026; put quotes round a name with a comma in it
            </li>
          </ul>
          <pre
            className="govuk-body govuk-!-font-size-16"
            style={{ background: "#f3f2f1", padding: "15px", overflowX: "auto" }}
          >
            <code>{EXAMPLE}</code>
          </pre>
          <p className="govuk-body">If any line is wrong, nothing is saved and each line&apos;s problem is listed.</p>
        </div>
      </div>
    </>
  );
}
