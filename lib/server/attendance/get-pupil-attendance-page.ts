import "server-only";
import { addDays, mondayOf } from "@/lib/domain/dates";
import type { Category } from "@/lib/domain/attendance-codes";
import { countCategory, emptyCounts } from "@/lib/domain/attendance-rates";
import { academicYearOf, academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { NotFoundError } from "../errors";
import { pgPool } from "../pg";
import { pupilScopeSql } from "../pupils/pupil-scope";
import { figures, countsFromSummary } from "./attendance-figures";
import { toYearSummary, YEAR_SUMMARY_COLUMNS, type YearSummaryRow } from "./find-year-summaries";

export type GridWeek = { weekStart: string; days: { date: string; am: GridMark | null; pm: GridMark | null }[] };
export type GridMark = { code: string; category: Category };

type Sums = Record<"possible" | "present" | "approved_activity" | "authorised" | "unauthorised", number | null>;
type PageRow = {
  id: string;
  upn: string;
  first_name: string;
  last_name: string;
  /** [date, session, code, category] in date and session order. */
  marks: [string, number, string, Category][];
  school: ({ name: string } & Sums) | null;
  authority: Sums;
  national: { label: string; unauthorised_rate: string | number } | null;
  changes: { date: string; session: number; old_code: string; new_code: string; changed_at: string }[];
  years: YearSummaryRow[];
  calendar: { kind: "term" | "closure"; start: string; end: string; name: string }[];
};

/**
 * Everything on a pupil's attendance page: this term and year to date, the week-by-week grid of marks, and the
 * comparison with the pupil's school, the authority and the national figure. Audited as a read of the pupil, with the
 * reason given for opening it outside one's caseload, if one was asked. Two round trips (ADR 079): one statement
 * reads the pupil in scope with all of that, then the audit row is written.
 */
export async function getPupilAttendancePage(actor: Actor, pupilId: string, reason?: string) {
  authorize(actor, "attendance.read"); // the role before anything is read
  if (!/^[0-9a-f-]{36}$/i.test(pupilId)) throw new NotFoundError("Pupil");
  const day = today();
  const yearStart = `${academicYearStart(day)}-09-01`;
  const academicYear = academicYearOf(day);
  const schoolFilter = actor.role === "school" ? actor.schoolId : null;

  // One statement, one round trip: the pupil in the actor's scope (pupilScopeSql, the SQL form of pupilScope: no
  // row when out of scope, and then nothing else is read) with everything the page shows of them, each part as JSON.
  const params: unknown[] = [pupilId, yearStart, day, schoolFilter, academicYearStart(day)];
  const scope = pupilScopeSql(actor, "p", params, day);
  params.push(actor.authorityId);
  const authority = `$${params.length}::uuid`;
  const { rows } = await pgPool().query<PageRow>(
    `WITH p AS (
       SELECT p.id, p.upn, p.first_name, p.last_name, p.store_key FROM pupil p WHERE p.id = $1::uuid AND ${scope}),
     filter_school AS (SELECT store_key FROM school WHERE authority_id = ${authority} AND id = $4::uuid)
     SELECT p.id, p.upn, p.first_name, p.last_name,
       (SELECT coalesce(json_agg(json_build_array(m.date::text, m.session, attendance_code_text(m.code_id),
                                                  attendance_mark_category(m.code_id)) ORDER BY m.date, m.session), '[]')
        FROM attendance_mark m
        WHERE m.authority_id = ${authority} AND m.pupil_key = p.store_key AND m.date BETWEEN $2::date AND $3::date
          AND ($4::uuid IS NULL OR m.school_key = (SELECT store_key FROM filter_school))) AS marks,
       -- The pupil's current school, with its figures for the year to date.
       (SELECT json_build_object('name', c.name, 'possible', sum(d.possible), 'present', sum(d.present),
                 'approved_activity', sum(d.approved_activity), 'authorised', sum(d.authorised),
                 'unauthorised', sum(d.unauthorised))
        FROM (SELECT e.school_id, s.store_key, s.name FROM enrolment e
              JOIN school s ON s.authority_id = e.authority_id AND s.id = e.school_id
              WHERE e.authority_id = ${authority} AND e.pupil_id = p.id AND e.start_date <= $3::date
                AND (e.end_date IS NULL OR e.end_date >= $3::date) AND ($4::uuid IS NULL OR e.school_id = $4::uuid)
              ORDER BY e.start_date DESC, e.id LIMIT 1) c
        LEFT JOIN attendance_school_day d
          ON d.authority_id = ${authority} AND d.school_key = c.store_key AND d.date BETWEEN $2::date AND $3::date
        GROUP BY c.school_id, c.name) AS school,
       (SELECT json_build_object('possible', sum(possible), 'present', sum(present),
                 'approved_activity', sum(approved_activity), 'authorised', sum(authorised), 'unauthorised', sum(unauthorised))
        FROM attendance_authority_day WHERE authority_id = ${authority} AND date BETWEEN $2::date AND $3::date) AS authority,
       (SELECT json_build_object('label', label, 'unauthorised_rate', unauthorised_rate) FROM comparison_figure
        WHERE authority_id = ${authority} AND academic_year = $5 AND kind = 'national' ORDER BY label LIMIT 1) AS national,
       (SELECT coalesce(json_agg(json_build_object('date', c.date, 'session', c.session, 'old_code', c.old_code,
                 'new_code', c.new_code, 'changed_at', c.changed_at) ORDER BY c.changed_at DESC, c.id DESC), '[]')
        FROM (SELECT date::text, session, attendance_code_text(old_code_id) AS old_code,
                     attendance_code_text(new_code_id) AS new_code, changed_at, id
              FROM attendance_mark_change
              WHERE authority_id = ${authority} AND pupil_key = p.store_key
                AND ($4::uuid IS NULL OR school_key = (SELECT store_key FROM filter_school))
              ORDER BY changed_at DESC, id DESC LIMIT 20) c) AS changes,
       (SELECT coalesce(json_agg(y ORDER BY y.academic_year DESC, y.la_code, y.estab_number), '[]')
        FROM (SELECT ${YEAR_SUMMARY_COLUMNS} FROM attendance_year_summary y
              LEFT JOIN school s ON s.authority_id = y.authority_id AND s.id = y.school_id
              WHERE y.authority_id = ${authority} AND y.pupil_id = p.id) y) AS years,
       (SELECT coalesce(json_agg(json_build_object('kind', kind, 'start', start_date::text, 'end', end_date::text,
                 'name', name) ORDER BY start_date, kind DESC, end_date, id), '[]')
        FROM calendar_entry WHERE authority_id = ${authority}) AS calendar
     FROM p`,
    params,
  );
  const row = rows[0];
  if (!row) throw new NotFoundError("Pupil");
  const pupil = { id: row.id, upn: row.upn, firstName: row.first_name, lastName: row.last_name, schoolFilter };
  const entries = row.calendar;

  // This term, from the authority's calendar (the latest term of this academic year that has started); said
  // plainly when the calendar has no terms for this year.
  const yearEnd = `${academicYearStart(day) + 1}-08-31`;
  const thisYearsTerms = entries.filter((e) => e.kind === "term" && e.start >= yearStart && e.start <= yearEnd);
  const current = thisYearsTerms
    .filter((e) => e.start <= day)
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0))[0];
  const term = current ? { name: current.name, from: current.start, to: current.end < day ? current.end : day } : null;

  const marks = row.marks.map(([date, session, code, category]) => ({ date, session, code, category }));
  const authorityYear = countsFromSummary(row.authority);
  const national = row.national;
  const changes = row.changes.map((c) => ({ ...c, changed_at: new Date(c.changed_at) }));
  const earlierYears = row.years.map(toYearSummary);

  const school = row.school;

  // Year and term figures from the marks already read.
  let yearCounts = emptyCounts();
  let termCounts = emptyCounts();
  for (const m of marks) {
    yearCounts = countCategory(yearCounts, m.category);
    if (term && m.date >= term.from && m.date <= term.to) termCounts = countCategory(termCounts, m.category);
  }

  // Week-by-week grid, Monday to Friday, newest week first.
  const byDay = new Map<string, { am: GridMark | null; pm: GridMark | null }>();
  for (const m of marks) {
    const slot = byDay.get(m.date) ?? { am: null, pm: null };
    slot[m.session === 0 ? "am" : "pm"] = { code: m.code, category: m.category };
    byDay.set(m.date, slot);
  }
  const weeks: GridWeek[] = [];
  const firstMonday = mondayOf(marks[0]?.date ?? day);
  for (let monday = mondayOf(day); monday >= firstMonday; monday = addDays(monday, -7)) {
    const days = [0, 1, 2, 3, 4].map((i) => {
      const date = addDays(monday, i);
      return { date, am: byDay.get(date)?.am ?? null, pm: byDay.get(date)?.pm ?? null };
    });
    if (days.some((d) => d.am || d.pm)) weeks.push({ weekStart: monday, days });
  }

  // The view's audit row, written before anything is returned (as before), through the same pool as the read.
  await audit(
    actor,
    { action: "attendance.view", entityType: "pupil", entityId: pupil.id, reason, detail: { via: "page" } },
    pgPool(),
  );
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
      national: national ? { label: national.label, unauthorisedRate: Number(national.unauthorised_rate) } : null,
    },
    weeks,
    changes,
    /** Years a Common Transfer File gave as totals only (no marks), possibly at schools outside the system. */
    earlierYears,
  };
}
