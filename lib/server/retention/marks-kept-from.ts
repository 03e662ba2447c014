import "server-only";
import { today } from "@/lib/env";
import type pg from "pg";

/** The authority's register marks period, and the first day whose marks are kept today (marks before it are
 * erased by the daily job: retention_marks_before, the same boundary). An import refuses marks before it. */
export async function marksKeptFrom(
  client: pg.PoolClient,
  authorityId: string,
): Promise<{ erasedBefore: string; keepMonths: number }> {
  const { rows } = await client.query<{ before: string; months: number }>(
    `SELECT retention_marks_before($1, $2::date)::text AS before,
            retention_keep_months($1, 'register_marks') AS months`,
    [authorityId, today()],
  );
  return { erasedBefore: rows[0]!.before, keepMonths: Number(rows[0]!.months) };
}
