import "server-only";
import type pg from "pg";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { recountSchoolSummariesOfDelta } from "./school-summaries";

// The summaries (ADR 050) change by what an import changed, never by re-reading the marks: +1 for each new code's
// category and −1 for each replaced one, per school and day, per authority and day, per pupil, school and week,
// and per pupil, school and year. The rolling 10-school-week figure is recomputed only where it can have changed.
// The pupil rows are updated in their key's order, so that neighbouring pupils' rows are read and written together
// (ADR 077).

const SUMS = `
  coalesce(sum(n) FILTER (WHERE category <> 'not_possible'), 0) AS possible,
  coalesce(sum(n) FILTER (WHERE category = 'present'), 0) AS present,
  coalesce(sum(n) FILTER (WHERE category = 'approved_activity'), 0) AS approved_activity,
  coalesce(sum(n) FILTER (WHERE category = 'authorised'), 0) AS authorised,
  coalesce(sum(n) FILTER (WHERE category = 'unauthorised'), 0) AS unauthorised`;

const ADD = (t: string) => `possible = ${t}.possible + EXCLUDED.possible, present = ${t}.present + EXCLUDED.present,
  approved_activity = ${t}.approved_activity + EXCLUDED.approved_activity,
  authorised = ${t}.authorised + EXCLUDED.authorised, unauthorised = ${t}.unauthorised + EXCLUDED.unauthorised`;

/** Adds mark_delta (see delta.ts) to every summary of the authority, in the caller's transaction. */
export async function summariseDelta(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query(`CREATE TEMP TABLE mark_signed ON COMMIT DROP AS
    SELECT pupil_key, date, school_key, attendance_mark_category(code_id) AS category,
           attendance_code_counts_for_penalty(code_id) AS penalty, 1 AS n FROM mark_delta
    UNION ALL
    SELECT pupil_key, date, school_key, attendance_mark_category(old_code_id),
           attendance_code_counts_for_penalty(old_code_id), -1 FROM mark_delta WHERE old_code_id IS NOT NULL`);
  await client.query(
    `INSERT INTO attendance_school_day AS d (authority_id, school_key, date, possible, present, approved_activity,
       authorised, unauthorised)
     SELECT $1, school_key, date, ${SUMS} FROM mark_signed GROUP BY school_key, date
     ON CONFLICT (authority_id, school_key, date) DO UPDATE SET ${ADD("d")}`,
    [authorityId],
  );
  await client.query(
    `INSERT INTO attendance_authority_day AS d (authority_id, date, possible, present, approved_activity, authorised,
       unauthorised)
     SELECT $1, date, ${SUMS} FROM mark_signed GROUP BY date
     ON CONFLICT (authority_id, date) DO UPDATE SET ${ADD("d")}`,
    [authorityId],
  );
  await client.query(
    `INSERT INTO attendance_pupil_week AS w (authority_id, pupil_key, week_start, school_key, possible, present,
       approved_activity, authorised, unauthorised, penalty_unauthorised)
     SELECT $1, pupil_key, date_trunc('week', date)::date, school_key, ${SUMS},
            coalesce(sum(n) FILTER (WHERE penalty), 0)
     FROM mark_signed GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
     ON CONFLICT (authority_id, pupil_key, week_start, school_key) DO UPDATE SET ${ADD("w")},
       penalty_unauthorised = w.penalty_unauthorised + EXCLUDED.penalty_unauthorised`,
    [authorityId],
  );
  await summarisePupilYears(client, authorityId);
  await recountSchoolSummariesOfDelta(client, authorityId);
}

/**
 * The pupil-year counts change by the delta (a week belongs to the academic year its Monday is in). The rolling
 * figure can change only where a G/N/O/U mark came or went, or for a new pupil-year: a week added without one
 * never holds more than the weeks before it already did.
 */
async function summarisePupilYears(client: pg.PoolClient, authorityId: string): Promise<void> {
  await createRollingKeys(client);
  await client.query(
    `WITH d AS (
       SELECT pupil_key, school_key, academic_year(date_trunc('week', date)::date) AS academic_year, ${SUMS},
              bool_or(penalty) AS penalty_changed
       FROM mark_signed GROUP BY 1, 2, 3
     ), u AS (
       INSERT INTO attendance_pupil_year AS y (authority_id, academic_year, pupil_key, school_key, possible, present,
         approved_activity, authorised, unauthorised)
       SELECT $1, academic_year, pupil_key, school_key, possible, present, approved_activity, authorised, unauthorised
       FROM d ORDER BY academic_year, pupil_key, school_key
       ON CONFLICT (authority_id, academic_year, pupil_key, school_key) DO UPDATE SET ${ADD("y")}
       RETURNING pupil_key, school_key, academic_year, (xmax = 0) AS inserted
     )
     INSERT INTO rolling_keys SELECT u.pupil_key, u.school_key, u.academic_year
     FROM u JOIN d USING (pupil_key, school_key, academic_year) WHERE u.inserted OR d.penalty_changed`,
    [authorityId],
  );
  await refreshRolling(client, authorityId);
}

/** The pupil-years whose rolling figure refreshRolling recomputes (dropped at commit). */
export async function createRollingKeys(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS rolling_keys (
    pupil_key integer NOT NULL, school_key integer NOT NULL, academic_year smallint NOT NULL
  ) ON COMMIT DROP`);
}

/**
 * Recomputes, for the pupil-years in rolling_keys, the most G/N/O/U sessions in any run of consecutive school
 * weeks of the threshold's length and the first week that reached the threshold; null when the authority has no
 * term calendar for the year, so nobody is flagged by guesswork. Then empties rolling_keys.
 */
export async function refreshRolling(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query("ANALYZE rolling_keys");
  // Each key's weeks are read through the pupil-week key, one look-up per key (OFFSET 0 keeps the subquery apart):
  // joined flat, right after a first load (no statistics yet) the planner read every pupil-week of the authority,
  // week by week, and sorted them: 170 s at 60,000 pupils for 1,755 keys (ADR 058).
  await client.query(
    `WITH keys AS (SELECT DISTINCT pupil_key, school_key, academic_year FROM rolling_keys),
     weeks AS (
       SELECT k.pupil_key, k.school_key, k.academic_year, w.week_start, w.penalty_unauthorised, sw.ordinal
       FROM keys k
       CROSS JOIN LATERAL (
         SELECT week_start, penalty_unauthorised FROM attendance_pupil_week
         WHERE authority_id = $1 AND pupil_key = k.pupil_key AND school_key = k.school_key
           AND week_start BETWEEN make_date(k.academic_year, 9, 1) AND make_date(k.academic_year + 1, 8, 31)
         OFFSET 0
       ) w
       JOIN school_week sw ON sw.authority_id = $1 AND sw.week_start = w.week_start
     ), rolling AS (
       SELECT pupil_key, school_key, academic_year, week_start,
              sum(penalty_unauthorised) OVER (PARTITION BY pupil_key, school_key, academic_year
                ORDER BY ordinal RANGE BETWEEN $2 PRECEDING AND CURRENT ROW) AS total
       FROM weeks
     ), calendar_years AS (
       SELECT DISTINCT academic_year(week_start) AS academic_year FROM school_week WHERE authority_id = $1
     ), figures AS (
       SELECT k.pupil_key, k.school_key, k.academic_year,
              CASE WHEN c.academic_year IS NOT NULL THEN coalesce(max(r.total), 0) END AS max_total,
              min(r.week_start) FILTER (WHERE r.total >= $3) AS threshold_week
       FROM keys k
       LEFT JOIN rolling r USING (pupil_key, school_key, academic_year)
       LEFT JOIN calendar_years c ON c.academic_year = k.academic_year
       GROUP BY k.pupil_key, k.school_key, k.academic_year, c.academic_year
     )
     UPDATE attendance_pupil_year y SET max_penalty_10_weeks = f.max_total, threshold_week_start = f.threshold_week
     FROM figures f
     WHERE y.authority_id = $1 AND y.academic_year = f.academic_year AND y.pupil_key = f.pupil_key
       AND y.school_key = f.school_key
       AND (y.max_penalty_10_weeks, y.threshold_week_start) IS DISTINCT FROM (f.max_total, f.threshold_week)`,
    [authorityId, PENALTY_NOTICE_THRESHOLD.schoolWeeks - 1, PENALTY_NOTICE_THRESHOLD.sessions],
  );
  await client.query("TRUNCATE rolling_keys");
}

/** After the authority's calendar changed (its school weeks did): every pupil-year's rolling figure. */
export async function refreshAllRolling(client: pg.PoolClient, authorityId: string): Promise<void> {
  await createRollingKeys(client);
  await client.query(
    `INSERT INTO rolling_keys SELECT pupil_key, school_key, academic_year FROM attendance_pupil_year
     WHERE authority_id = $1`,
    [authorityId],
  );
  await refreshRolling(client, authorityId);
}
