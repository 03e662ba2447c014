import "server-only";
import type pg from "pg";
import type { YearTally } from "@/lib/domain/register-tally";
import { CopyQueue } from "./copy-queue";
import { createRollingKeys, refreshRolling } from "./summarise";

const CHUNK = 4_000_000;

/** Sends rows of COPY text in chunks of a few megabytes. */
async function copyRows(queue: CopyQueue, sql: string, rows: Iterable<string>): Promise<void> {
  let text = "";
  for (const row of rows) {
    text += row;
    if (text.length > CHUNK) {
      await queue.send(sql, text);
      text = "";
    }
  }
  if (text) await queue.send(sql, text);
  await queue.drain();
}

/**
 * Writes a first load's summaries from its tally. The school-day, authority-day and pupil-week rows are all new
 * (their days and weeks lie wholly inside a year that had no marks), so they are COPYed. A pupil-year can already
 * exist (marks of the year's last straddling week, loaded with the next year): those are added to, and their
 * rolling figure recomputed.
 */
export async function copySummaries(
  client: pg.PoolClient,
  authorityId: string,
  tally: YearTally,
  ordinals: ReadonlyMap<string, number>,
  calendar: boolean,
): Promise<void> {
  const queue = new CopyQueue(client);
  const byDate = new Map<string, number[]>();
  await copyRows(
    queue,
    `COPY attendance_school_day (authority_id, school_key, date, possible, present, approved_activity, authorised,
       unauthorised) FROM STDIN (FORMAT csv)`,
    (function* () {
      for (const r of tally.schoolDayRows()) {
        const day = byDate.get(r.date) ?? [0, 0, 0, 0, 0];
        [r.possible, r.present, r.approvedActivity, r.authorised, r.unauthorised].forEach((n, i) => (day[i]! += n));
        byDate.set(r.date, day);
        yield `${authorityId},${r.schoolKey},${r.date},${r.possible},${r.present},${r.approvedActivity},${r.authorised},${r.unauthorised}\n`;
      }
    })(),
  );
  await copyRows(
    queue,
    `COPY attendance_authority_day (authority_id, date, possible, present, approved_activity, authorised, unauthorised)
     FROM STDIN (FORMAT csv)`,
    [...byDate].map(([date, c]) => `${authorityId},${date},${c.join(",")}\n`),
  );
  await copyRows(
    queue,
    `COPY attendance_pupil_week (authority_id, pupil_key, week_start, school_key, possible, present, approved_activity,
       authorised, unauthorised, penalty_unauthorised) FROM STDIN (FORMAT csv)`,
    (function* () {
      for (const r of tally.pupilWeekRows())
        yield `${authorityId},${r.pupilKey},${r.weekStart},${r.schoolKey},${r.possible},${r.present},${r.approvedActivity},${r.authorised},${r.unauthorised},${r.penaltyUnauthorised}\n`;
    })(),
  );
  await copyPupilYears(client, queue, authorityId, tally, ordinals, calendar);
}

async function copyPupilYears(
  client: pg.PoolClient,
  queue: CopyQueue,
  authorityId: string,
  tally: YearTally,
  ordinals: ReadonlyMap<string, number>,
  calendar: boolean,
): Promise<void> {
  await client.query(`CREATE TEMP TABLE year_load (
    authority_id uuid, academic_year smallint, pupil_key integer, school_key integer, possible integer,
    present integer, approved_activity integer, authorised integer, unauthorised integer,
    max_penalty_10_weeks integer, threshold_week_start date
  ) ON COMMIT DROP`);
  await copyRows(
    queue,
    `COPY year_load (authority_id, academic_year, pupil_key, school_key, possible, present, approved_activity,
       authorised, unauthorised, max_penalty_10_weeks, threshold_week_start) FROM STDIN (FORMAT csv)`,
    (function* () {
      for (const r of tally.pupilYearRows(ordinals, calendar))
        yield `${authorityId},${tally.year},${r.pupilKey},${r.schoolKey},${r.possible},${r.present},${r.approvedActivity},${r.authorised},${r.unauthorised},${r.maxPenalty10Weeks ?? ""},${r.thresholdWeekStart ?? ""}\n`;
    })(),
  );
  await createRollingKeys(client);
  await client.query(
    `WITH u AS (
       INSERT INTO attendance_pupil_year AS y (authority_id, academic_year, pupil_key, school_key, possible, present,
         approved_activity, authorised, unauthorised, max_penalty_10_weeks, threshold_week_start)
       SELECT authority_id, academic_year, pupil_key, school_key, possible, present, approved_activity, authorised,
         unauthorised, max_penalty_10_weeks, threshold_week_start
       FROM year_load
       ON CONFLICT (authority_id, academic_year, pupil_key, school_key) DO UPDATE SET
         possible = y.possible + EXCLUDED.possible, present = y.present + EXCLUDED.present,
         approved_activity = y.approved_activity + EXCLUDED.approved_activity,
         authorised = y.authorised + EXCLUDED.authorised, unauthorised = y.unauthorised + EXCLUDED.unauthorised
       RETURNING pupil_key, school_key, academic_year, (xmax = 0) AS inserted
     )
     INSERT INTO rolling_keys SELECT pupil_key, school_key, academic_year FROM u WHERE NOT inserted`,
  );
  await refreshRolling(client, authorityId);
  await client.query("DROP TABLE year_load");
}
