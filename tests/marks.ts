// Register marks written straight into the store for integration tests that need marks but not an import (no
// summaries, no history), by pupil and school id and code, as the tests think of them.
import type pg from "pg";

export type TestMark = {
  authorityId: string;
  pupilId: string;
  schoolId: string;
  date: string;
  session: 0 | 1;
  code: string;
};

/** Inserts marks into attendance_mark, creating their year's partition first when it has none. */
export async function insertMarks(pool: pg.Pool, marks: readonly TestMark[]): Promise<void> {
  if (marks.length === 0) return;
  await pool.query(
    `SELECT attendance_mark_ensure_year(y.authority_id, y.year)
     FROM (SELECT DISTINCT (m->>'authorityId')::uuid AS authority_id, academic_year((m->>'date')::date) AS year
           FROM jsonb_array_elements($1::jsonb) m) y`,
    [JSON.stringify(marks)],
  );
  const { rowCount } = await pool.query(
    `INSERT INTO attendance_mark (authority_id, pupil_key, date, school_key, session, code_id)
     SELECT x."authorityId", p.store_key, x.date, s.store_key, x.session, c.id
     FROM jsonb_to_recordset($1::jsonb) AS x("authorityId" uuid, "pupilId" uuid, "schoolId" uuid, date date,
       session smallint, code text)
     JOIN pupil p ON p.authority_id = x."authorityId" AND p.id = x."pupilId"
     JOIN school s ON s.authority_id = x."authorityId" AND s.id = x."schoolId"
     JOIN attendance_code c ON c.code = x.code AND c.code_set = CASE WHEN x.date >= DATE '2024-08-19' THEN 2024 ELSE 2006 END`,
    [JSON.stringify(marks)],
  );
  if (rowCount !== marks.length) throw new Error(`insertMarks wrote ${rowCount} of ${marks.length} marks`);
}

/** How many marks a pupil has in the store. */
export async function countMarks(pool: pg.Pool, pupilId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM attendance_mark m JOIN pupil p ON p.authority_id = m.authority_id
       AND p.store_key = m.pupil_key WHERE p.id = $1`,
    [pupilId],
  );
  return rows[0]!.n;
}

/** Changes a stored mark's code in place (a register edited behind the importer's back, for evidence tests). */
export async function setMarkCode(pool: pg.Pool, pupilId: string, date: string, session: 0 | 1, code: string) {
  const { rowCount } = await pool.query(
    `UPDATE attendance_mark m SET code_id = c.id FROM pupil p, attendance_code c
     WHERE p.id = $1 AND m.authority_id = p.authority_id AND m.pupil_key = p.store_key AND m.date = $2
       AND m.session = $3 AND c.code = $4 AND c.code_set = CASE WHEN m.date >= DATE '2024-08-19' THEN 2024 ELSE 2006 END`,
    [pupilId, date, session, code],
  );
  if (rowCount !== 1) throw new Error(`setMarkCode changed ${rowCount} marks`);
}
