import "server-only";
import { addDays, mondayOf } from "@/lib/domain/dates";
import type pg from "pg";
import { academicYearStart, schoolCalendar, validateEntries, type CalendarEntry } from "@/lib/domain/school-calendar";
import { ValidationError } from "../errors";
import { lockRegisters } from "../register-store/lock-registers";
import { refreshAllRolling } from "../register-store/summarise";

/** An authority's calendar entries, oldest first. */
export async function loadCalendarEntries(
  client: pg.PoolClient | pg.Pool,
  authorityId: string,
): Promise<(CalendarEntry & { id: string })[]> {
  const { rows } = await client.query<{
    id: string;
    kind: "term" | "closure";
    start: string;
    end: string;
    name: string;
  }>(
    `SELECT id, kind, start_date::text AS start, end_date::text AS end, name FROM calendar_entry
     WHERE authority_id = $1 ORDER BY start_date, kind DESC, end_date, id`,
    [authorityId],
  );
  return rows;
}

export type StoredEntry = CalendarEntry & { id?: string };

/**
 * Writes an authority's whole calendar after checking it as a whole: rows with an id are kept as they are,
 * rows without one are added, and stored rows not given are deleted. Then rebuilds school_week and the
 * pupil-year summaries that depend on it. Runs in the caller's transaction. Throws ValidationError naming
 * each bad row.
 */
export async function saveCalendar(client: pg.PoolClient, authorityId: string, entries: StoredEntry[]): Promise<void> {
  await lockRegisters(client, authorityId);
  const problems = validateEntries(entries);
  if (problems.length > 0) {
    throw new ValidationError(
      { calendar: problems.map((p) => p.message) },
      `The calendar has ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
    );
  }
  const kept = entries.flatMap((e) => (e.id ? [e.id] : []));
  await client.query("DELETE FROM calendar_entry WHERE authority_id = $1 AND NOT (id = ANY($2::uuid[]))", [
    authorityId,
    kept,
  ]);
  const added = entries.filter((e) => !e.id);
  if (added.length > 0) {
    await client.query(
      `INSERT INTO calendar_entry (authority_id, kind, start_date, end_date, name)
       SELECT $1, kind, start_date, end_date, name
       FROM unnest($2::text[], $3::date[], $4::date[], $5::text[]) AS e(kind, start_date, end_date, name)`,
      [
        authorityId,
        added.map((e) => e.kind),
        added.map((e) => e.start),
        added.map((e) => e.end),
        added.map((e) => e.name),
      ],
    );
  }

  // Every school week, numbered consecutively across the whole calendar.
  await client.query("DELETE FROM school_week WHERE authority_id = $1", [authorityId]);
  const terms = entries.filter((e) => e.kind === "term");
  if (terms.length > 0) {
    const calendar = schoolCalendar(entries);
    const first = mondayOf(terms.reduce((a, t) => (t.start < a ? t.start : a), terms[0]!.start));
    const last = terms.reduce((a, t) => (t.end > a ? t.end : a), terms[0]!.end);
    const weeks: { start: string; days: number }[] = [];
    for (let monday = first; monday <= last; monday = addDays(monday, 7)) {
      const days = [0, 1, 2, 3, 4]
        .map((i) => addDays(monday, i))
        .filter((d) => calendar.covers(d) && calendar.isSchoolDay(d)).length;
      if (days > 0) weeks.push({ start: monday, days });
    }
    await client.query(
      `INSERT INTO school_week (authority_id, week_start, ordinal, school_days)
       SELECT $1, w.week_start, w.ordinal, w.days FROM unnest($2::date[], $3::int[], $4::int[]) AS w(week_start, ordinal, days)`,
      [authorityId, weeks.map((w) => w.start), weeks.map((_, i) => i + 1), weeks.map((w) => w.days)],
    );
  }

  // The rolling penalty-notice figures depend on the school weeks: recompute every pupil-year of this authority.
  await refreshAllRolling(client, authorityId);
}

/** The entries after replacing every academic year that `incoming` has a term in. */
export function mergeByAcademicYear(existing: StoredEntry[], incoming: CalendarEntry[]): StoredEntry[] {
  const years = new Set(incoming.filter((e) => e.kind === "term").map((e) => academicYearStart(e.start)));
  return [...existing.filter((e) => !years.has(academicYearStart(e.start))), ...incoming];
}
