import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * The temp table of what an import changes (dropped at commit): one row per new or changed mark, with the code it
 * replaces (null for a new mark). `written` rows are already in their table (a first load wrote them); the others
 * are written by applyDelta. Every row is summarised by summariseDelta.
 */
export async function createDelta(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE mark_delta (
    pupil_key integer NOT NULL, date date NOT NULL, session smallint NOT NULL, school_key integer NOT NULL,
    code_id smallint NOT NULL, old_code_id smallint, written boolean NOT NULL DEFAULT false
  ) ON COMMIT DROP`);
}

/**
 * Adds the staged marks that differ from the stored ones (new marks, and re-sent marks with another code) to
 * mark_delta. Staged marks identical to the stored ones are left out: importing a file twice changes nothing.
 *
 * A school's day with no school-day summary has no stored marks (every writer of marks writes that summary in the
 * same transaction), so its staged marks are new without looking each one up: a day's file for days not yet sent
 * reads none of the year's key (ADR 050, 7 December addendum). Only the marks of days already stored are compared
 * mark by mark. Were a summary ever missing for a stored mark, inserting that mark again would break the marks'
 * primary key and refuse the whole import: never a mark counted twice.
 */
export async function diffStaged(client: pg.PoolClient, authorityId: string, staged: number): Promise<void> {
  await client.query("ANALYZE mark_stage");
  const { rows } = await client.query<{ first: string; last: string }>(
    "SELECT min(date)::text AS first, max(date)::text AS last FROM mark_stage",
  );
  await client.query(
    `CREATE TEMP TABLE stage_stored_day ON COMMIT DROP AS
     SELECT school_key, date FROM attendance_school_day WHERE authority_id = $1 AND date BETWEEN $2 AND $3`,
    [authorityId, rows[0]!.first, rows[0]!.last],
  );
  await client.query("ANALYZE stage_stored_day");
  const fresh = await client.query(
    `INSERT INTO mark_delta (pupil_key, date, session, school_key, code_id, old_code_id)
     SELECT s.pupil_key, s.date, s.session, s.school_key, s.code_id, NULL FROM mark_stage s
     WHERE NOT EXISTS (SELECT FROM stage_stored_day k WHERE k.school_key = s.school_key AND k.date = s.date)`,
  );
  if ((fresh.rowCount ?? 0) < staged)
    await client.query(
      `INSERT INTO mark_delta (pupil_key, date, session, school_key, code_id, old_code_id)
       SELECT s.pupil_key, s.date, s.session, s.school_key, s.code_id, m.code_id
       FROM mark_stage s
       JOIN stage_stored_day k ON k.school_key = s.school_key AND k.date = s.date
       LEFT JOIN attendance_mark m ON m.authority_id = $1 AND m.pupil_key = s.pupil_key AND m.date = s.date
         AND m.session = s.session AND m.school_key = s.school_key
       WHERE m.code_id IS DISTINCT FROM s.code_id`,
      [authorityId],
    );
  await client.query("DROP TABLE stage_stored_day");
}

/** One new mark already written by a first load, as a line of COPY text for mark_delta. */
export function writtenDeltaLine(pupilKey: number, date: string, session: number, schoolKey: number, codeId: number) {
  return `${pupilKey},${date},${session},${schoolKey},${codeId},,t\n`;
}

/** Adds new marks that a first load wrote (see writtenDeltaLine) to mark_delta, so that they are summarised. */
export async function copyWrittenDelta(client: pg.PoolClient, text: string): Promise<void> {
  if (text === "") return;
  await pipeline(
    Readable.from([text]),
    client.query(
      copyFrom(
        "COPY mark_delta (pupil_key, date, session, school_key, code_id, old_code_id, written) FROM STDIN (FORMAT csv)",
      ),
    ),
  );
}
