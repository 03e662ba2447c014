import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * The temp table an import stages marks in (dropped at commit): one row per mark, already resolved to the store's
 * keys and checked against the code set of its date. `line` says where in the file the mark came from, for the
 * importer's own messages: the CSV line, or for a CTF the number of its marks string.
 */
export async function createStage(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE mark_stage (
    line integer NOT NULL, pupil_key integer NOT NULL, date date NOT NULL, session smallint NOT NULL,
    school_key integer NOT NULL, code_id smallint NOT NULL
  ) ON COMMIT DROP`);
}

/** One staged mark as a line of COPY text (the columns of mark_stage, in order). */
export function stageLine(
  line: number,
  pupilKey: number,
  date: string,
  session: number,
  schoolKey: number,
  codeId: number,
) {
  return `${line},${pupilKey},${date},${session},${schoolKey},${codeId}\n`;
}

/** Sends staged lines (see stageLine) to mark_stage in one COPY. */
export async function copyIntoStage(client: pg.PoolClient, text: string): Promise<void> {
  await pipeline(
    Readable.from([text]),
    client.query(
      copyFrom("COPY mark_stage (line, pupil_key, date, session, school_key, code_id) FROM STDIN (FORMAT csv)"),
    ),
  );
}
