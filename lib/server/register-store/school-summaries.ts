import "server-only";
import type pg from "pg";
import { PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD } from "@/lib/domain/attendance-rates";

// Two summaries of summaries (ADR 057) for the authority's figures at scale: attendance_school_week (the school-day
// sums by Monday-to-Sunday week) and attendance_school_year (per school and academic year, the pupils with sessions
// possible and how many are persistently and severely absent). Each writer of attendance_school_day or
// attendance_pupil_year calls one of the functions below in its own transaction, after writing them; each recounts
// exactly the weeks and school-years the writer touched from the rows they sum, so they stay a recount by
// construction. The writers: summariseDelta (every import and correction), a first load's summaries (YearLoad) and
// the register's erasure (retention). The calendar's recompute changes only the rolling figure, which neither holds.

type Query = Pick<pg.PoolClient, "query">;

/** Recounts the (school_key, week_start) pairs `weeks` selects (SQL over $1, the authority). */
async function recountWeeks(client: Query, authorityId: string, weeks: string): Promise<void> {
  await client.query(
    `WITH k AS (${weeks}), sums AS (
       SELECT k.school_key, k.week_start, coalesce(sum(d.possible), 0) AS possible,
              coalesce(sum(d.present), 0) AS present, coalesce(sum(d.approved_activity), 0) AS approved_activity,
              coalesce(sum(d.authorised), 0) AS authorised, coalesce(sum(d.unauthorised), 0) AS unauthorised
       FROM k LEFT JOIN attendance_school_day d ON d.authority_id = $1 AND d.school_key = k.school_key
         AND d.date BETWEEN k.week_start AND k.week_start + 6
       GROUP BY k.school_key, k.week_start
     )
     INSERT INTO attendance_school_week AS w (authority_id, week_start, school_key, possible, present,
       approved_activity, authorised, unauthorised)
     SELECT $1, week_start, school_key, possible, present, approved_activity, authorised, unauthorised FROM sums
     ON CONFLICT (authority_id, week_start, school_key) DO UPDATE SET possible = EXCLUDED.possible,
       present = EXCLUDED.present, approved_activity = EXCLUDED.approved_activity,
       authorised = EXCLUDED.authorised, unauthorised = EXCLUDED.unauthorised`,
    [authorityId],
  );
}

/** Recounts the (academic_year, school_key) pairs `years` selects (SQL over $1, the authority). */
async function recountYears(client: Query, authorityId: string, years: string, params: unknown[] = []) {
  await client.query(
    `WITH k AS (${years}), counts AS (
       SELECT k.academic_year, k.school_key,
              count(y.pupil_key) FILTER (WHERE y.possible > 0) AS pupils,
              count(y.pupil_key) FILTER (WHERE y.possible > 0
                AND (y.authorised + y.unauthorised) * 100 >= $2 * y.possible) AS persistent,
              count(y.pupil_key) FILTER (WHERE y.possible > 0
                AND (y.authorised + y.unauthorised) * 100 >= $3 * y.possible) AS severe
       FROM k LEFT JOIN attendance_pupil_year y ON y.authority_id = $1 AND y.academic_year = k.academic_year
         AND y.school_key = k.school_key
       GROUP BY k.academic_year, k.school_key
     )
     INSERT INTO attendance_school_year AS s (authority_id, academic_year, school_key, pupils, persistent, severe)
     SELECT $1, academic_year, school_key, pupils, persistent, severe FROM counts
     ON CONFLICT (authority_id, academic_year, school_key) DO UPDATE SET pupils = EXCLUDED.pupils,
       persistent = EXCLUDED.persistent, severe = EXCLUDED.severe`,
    [authorityId, PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD, ...params],
  );
}

/** After summariseDelta: the weeks and school-years of the marks in mark_signed (its temp table). */
export async function recountSchoolSummariesOfDelta(client: Query, authorityId: string): Promise<void> {
  await recountWeeks(
    client,
    authorityId,
    "SELECT DISTINCT school_key, date_trunc('week', date)::date AS week_start FROM mark_signed",
  );
  // A pupil-year is the academic year of the week's Monday (summarise.ts).
  await recountYears(
    client,
    authorityId,
    `SELECT DISTINCT academic_year(date_trunc('week', date)::date) AS academic_year, school_key FROM mark_signed`,
  );
}

/** After a first load of academic year `year`: every week with a school day in it, and its school-years. */
export async function recountSchoolSummariesOfYear(client: Query, authorityId: string, year: number): Promise<void> {
  await recountWeeks(
    client,
    authorityId,
    `SELECT DISTINCT school_key, date_trunc('week', date)::date AS week_start FROM attendance_school_day
     WHERE authority_id = $1 AND date BETWEEN make_date(${Number(year)}, 9, 1) AND make_date(${Number(year) + 1}, 8, 31)`,
  );
  await recountYears(
    client,
    authorityId,
    `SELECT academic_year, school_key FROM attendance_pupil_year WHERE authority_id = $1 AND academic_year = $4
     GROUP BY 1, 2`,
    [year],
  );
}

/** After the register's erasure, which deletes pupil-years before the academic year of `marksBefore`. */
export async function recountSchoolYearsBefore(client: Query, authorityId: string, marksBefore: string) {
  await recountYears(
    client,
    authorityId,
    `SELECT academic_year, school_key FROM attendance_school_year
     WHERE authority_id = $1 AND academic_year < academic_year($4::date)`,
    [marksBefore],
  );
}
