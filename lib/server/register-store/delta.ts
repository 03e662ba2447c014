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
 */
export async function diffStaged(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query("ANALYZE mark_stage");
  await client.query(
    `INSERT INTO mark_delta (pupil_key, date, session, school_key, code_id, old_code_id)
     SELECT s.pupil_key, s.date, s.session, s.school_key, s.code_id, m.code_id
     FROM mark_stage s
     LEFT JOIN attendance_mark m ON m.authority_id = $1 AND m.pupil_key = s.pupil_key AND m.date = s.date
       AND m.session = s.session AND m.school_key = s.school_key
     WHERE m.code_id IS DISTINCT FROM s.code_id`,
    [authorityId],
  );
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
