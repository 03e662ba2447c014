import "server-only";
import type pg from "pg";

/** The authority's school weeks numbered by their Monday, and the academic years its calendar covers. */
export async function loadSchoolWeeks(
  client: pg.PoolClient,
  authorityId: string,
): Promise<{ ordinals: Map<string, number>; calendarYears: Set<number> }> {
  const { rows } = await client.query<{ week_start: string; ordinal: number; academic_year: number }>(
    `SELECT week_start::text, ordinal, academic_year(week_start) AS academic_year FROM school_week
     WHERE authority_id = $1`,
    [authorityId],
  );
  return {
    ordinals: new Map(rows.map((r) => [r.week_start, r.ordinal])),
    calendarYears: new Set(rows.map((r) => r.academic_year)),
  };
}
