import "server-only";
import type pg from "pg";

/**
 * Staged marks that repeat an earlier staged mark's pupil, school, date and session: each with its line, the
 * first line it repeats, and the pupil's UPN (at most `limit`, in line order).
 */
export async function findStagedDuplicates(
  client: pg.PoolClient,
  authorityId: string,
  limit: number,
): Promise<{ line: number; firstLine: number; date: string; upn: string }[]> {
  const { rows } = await client.query<{ line: number; first_line: number; date: string; upn: string }>(
    `SELECT d.line, d.first_line, d.date::text, p.upn FROM (
       SELECT line, pupil_key, date, min(line) OVER (PARTITION BY pupil_key, date, session, school_key) AS first_line
       FROM mark_stage
       WHERE (pupil_key, date, session, school_key) IN (
         SELECT pupil_key, date, session, school_key FROM mark_stage GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)
     ) d JOIN pupil p ON p.authority_id = $1 AND p.store_key = d.pupil_key
     WHERE d.line <> d.first_line ORDER BY d.line LIMIT $2`,
    [authorityId, limit],
  );
  return rows.map((r) => ({ line: r.line, firstLine: r.first_line, date: r.date, upn: r.upn }));
}
