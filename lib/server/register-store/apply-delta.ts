import "server-only";
import type pg from "pg";
import { ensureYears } from "./partitions";

/**
 * Writes mark_delta's unwritten rows: the old code of each changed mark goes to attendance_mark_change (who, when,
 * which import), changed marks take their new code, and new marks are inserted (into their year's table, created
 * first when the year has none). Returns how many marks were created and how many changed.
 */
export async function applyDelta(
  client: pg.PoolClient,
  options: { authorityId: string; importId: string; changedBy: string | null; at: Date },
): Promise<{ created: number; updated: number }> {
  const { authorityId, importId } = options;
  const { rows: years } = await client.query<{ year: number }>(
    "SELECT DISTINCT academic_year(date) AS year FROM mark_delta WHERE NOT written AND old_code_id IS NULL",
  );
  await ensureYears(
    client,
    authorityId,
    years.map((y) => y.year),
  );
  const changed = await client.query(
    `INSERT INTO attendance_mark_change (authority_id, pupil_key, date, session, school_key, old_code_id, new_code_id,
       import_id, changed_by, changed_at)
     SELECT $1, pupil_key, date, session, school_key, old_code_id, code_id, $2, $3, $4
     FROM mark_delta WHERE NOT written AND old_code_id IS NOT NULL`,
    [authorityId, importId, options.changedBy, options.at],
  );
  await client.query(
    `UPDATE attendance_mark m SET code_id = d.code_id, import_id = $2
     FROM mark_delta d
     WHERE NOT d.written AND d.old_code_id IS NOT NULL AND m.authority_id = $1 AND m.pupil_key = d.pupil_key
       AND m.date = d.date AND m.session = d.session AND m.school_key = d.school_key`,
    [authorityId, importId],
  );
  const created = await client.query(
    `INSERT INTO attendance_mark (authority_id, import_id, pupil_key, date, school_key, session, code_id)
     SELECT $1, $2, pupil_key, date, school_key, session, code_id FROM mark_delta
     WHERE NOT written AND old_code_id IS NULL
     ORDER BY pupil_key, date, session, school_key`,
    [authorityId, importId],
  );
  return { created: created.rowCount ?? 0, updated: changed.rowCount ?? 0 };
}
