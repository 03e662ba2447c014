import "server-only";
import { addDays, mondayOf } from "@/lib/domain/dates";
import type { Category } from "@/lib/domain/attendance-codes";
import { countCategory, emptyCounts } from "@/lib/domain/attendance-rates";
import { academicYearOf, academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { loadCalendarEntries } from "../calendar/calendar-store";
import { pgPool } from "../pg";
import { figures, countsFromSummary } from "./attendance-figures";
import { readYearSummaries } from "./find-year-summaries";
import { pupilInScope } from "./get-pupil-attendance";

export type GridWeek = { weekStart: string; days: { date: string; am: GridMark | null; pm: GridMark | null }[] };
export type GridMark = { code: string; category: Category };

/**
 * Everything on a pupil's attendance page: this term and year to date, the week-by-week grid of marks, and the
 * comparison with the pupil's school, the authority and the national figure. Audited as a read of the pupil, with the
 * reason given for opening it outside one's caseload, if one was asked.
 */
export async function getPupilAttendancePage(actor: Actor, pupilId: string, reason?: string) {
  authorize(actor, "attendance.read"); // pupilInScope's check, made before anything is read
  const pool = pgPool();
  // The calendar does not depend on the pupil: read beside the scope check (nothing of it is shown when the pupil
  // is out of scope).
  const [pupil, entries] = await Promise.all([
    pupilInScope(actor, { id: pupilId }),
    loadCalendarEntries(pool, actor.authorityId),
  ]);
  const day = today();
  const yearStart = `${academicYearStart(day)}-09-01`;
  const academicYear = academicYearOf(day);

  // This term, from the authority's calendar (the latest term of this academic year that has started); said
  // plainly when the calendar has no terms for this year.
  const yearEnd = `${academicYearStart(day) + 1}-08-31`;
  const thisYearsTerms = entries.filter((e) => e.kind === "term" && e.start >= yearStart && e.start <= yearEnd);
  const current = thisYearsTerms.filter((e) => e.start <= day).sort((a, b) => (a.start < b.start ? 1 : -1))[0];
  const term = current ? { name: current.name, from: current.start, to: current.end < day ? current.end : day } : null;

  const [marks, enrolment, authorityYear, national, changes, earlierYears] = await Promise.all([
    pool.query<{ date: string; session: number; code: string; category: Category }>(
      `SELECT date::text, session, attendance_code_text(code_id) AS code, attendance_mark_category(code_id) AS category
       FROM attendance_mark
       WHERE authority_id = $5 AND pupil_key = (SELECT store_key FROM pupil WHERE authority_id = $5 AND id = $1)
         AND date BETWEEN $2 AND $3
         AND ($4::uuid IS NULL OR school_key = (SELECT store_key FROM school WHERE authority_id = $5 AND id = $4))
       ORDER BY date, session`,
      [pupil.id, yearStart, day, pupil.schoolFilter, actor.authorityId],
    ),
    // The pupil's current school, with its figures for the year to date.
    pool.query<{
      school_id: string;
      name: string;
      possible: string | null;
      present: string | null;
      approved_activity: string | null;
      authorised: string | null;
      unauthorised: string | null;
    }>(
      `WITH current_school AS (
         SELECT e.school_id, s.store_key, s.name FROM enrolment e
         JOIN school s ON s.authority_id = e.authority_id AND s.id = e.school_id
         WHERE e.authority_id = $5 AND e.pupil_id = $1 AND e.start_date <= $2 AND (e.end_date IS NULL OR e.end_date >= $2)
           AND ($3::uuid IS NULL OR e.school_id = $3) ORDER BY e.start_date DESC LIMIT 1)
       SELECT c.school_id, c.name, sum(d.possible) AS possible, sum(d.present) AS present,
              sum(d.approved_activity) AS approved_activity, sum(d.authorised) AS authorised, sum(d.unauthorised) AS unauthorised
       FROM current_school c
       LEFT JOIN attendance_school_day d ON d.authority_id = $5 AND d.school_key = c.store_key AND d.date BETWEEN $4 AND $2
       GROUP BY c.school_id, c.name`,
      [pupil.id, day, pupil.schoolFilter, yearStart, actor.authorityId],
    ),
    pool
      .query(
        `SELECT sum(possible) AS possible, sum(present) AS present, sum(approved_activity) AS approved_activity,
              sum(authorised) AS authorised, sum(unauthorised) AS unauthorised
       FROM attendance_authority_day WHERE authority_id = $1 AND date BETWEEN $2 AND $3`,
        [actor.authorityId, yearStart, day],
      )
      .then((r) => countsFromSummary(r.rows[0])),
    pool.query<{ label: string; unauthorised_rate: string }>(
      `SELECT label, unauthorised_rate FROM comparison_figure
       WHERE authority_id = $1 AND academic_year = $2 AND kind = 'national' ORDER BY label LIMIT 1`,
      [actor.authorityId, academicYearStart(day)],
    ),
    pool.query<{ date: string; session: number; old_code: string; new_code: string; changed_at: Date }>(
      `SELECT date::text, session, attendance_code_text(old_code_id) AS old_code,
              attendance_code_text(new_code_id) AS new_code, changed_at
       FROM attendance_mark_change
       WHERE authority_id = $3 AND pupil_key = (SELECT store_key FROM pupil WHERE authority_id = $3 AND id = $1)
         AND ($2::uuid IS NULL OR school_key = (SELECT store_key FROM school WHERE authority_id = $3 AND id = $2))
       ORDER BY changed_at DESC, id DESC LIMIT 20`,
      [pupil.id, pupil.schoolFilter, actor.authorityId],
    ),
    readYearSummaries(actor.authorityId, pupil.id),
  ]);

  const school = enrolment.rows[0] ?? null;

  // Year and term figures from the marks already read.
  let yearCounts = emptyCounts();
  let termCounts = emptyCounts();
  for (const m of marks.rows) {
    yearCounts = countCategory(yearCounts, m.category);
    if (term && m.date >= term.from && m.date <= term.to) termCounts = countCategory(termCounts, m.category);
  }

  // Week-by-week grid, Monday to Friday, newest week first.
  const byDay = new Map<string, { am: GridMark | null; pm: GridMark | null }>();
  for (const m of marks.rows) {
    const slot = byDay.get(m.date) ?? { am: null, pm: null };
    slot[m.session === 0 ? "am" : "pm"] = { code: m.code, category: m.category };
    byDay.set(m.date, slot);
  }
  const weeks: GridWeek[] = [];
  const firstMonday = mondayOf(marks.rows[0]?.date ?? day);
  for (let monday = mondayOf(day); monday >= firstMonday; monday = addDays(monday, -7)) {
    const days = [0, 1, 2, 3, 4].map((i) => {
      const date = addDays(monday, i);
      return { date, am: byDay.get(date)?.am ?? null, pm: byDay.get(date)?.pm ?? null };
    });
    if (days.some((d) => d.am || d.pm)) weeks.push({ weekStart: monday, days });
  }

  await audit(actor, {
    action: "attendance.view",
    entityType: "pupil",
    entityId: pupil.id,
    reason,
    detail: { via: "page" },
  });
  return {
    pupil,
    academicYear,
    yearStart,
    today: day,
    calendarMissing: thisYearsTerms.length === 0,
    term: term ? { ...term, figures: figures(termCounts) } : null,
    year: figures(yearCounts),
    comparison: {
      school: school ? { name: school.name, figures: figures(countsFromSummary(school)) } : null,
      authority: figures(authorityYear),
      national: national.rows[0]
        ? { label: national.rows[0].label, unauthorisedRate: Number(national.rows[0].unauthorised_rate) }
        : null,
    },
    weeks,
    changes: changes.rows,
    /** Years a Common Transfer File gave as totals only (no marks), possibly at schools outside the system. */
    earlierYears,
  };
}
