import "server-only";
import type pg from "pg";
import {
  emptyCounts,
  isPersistentAbsence,
  isSevereAbsence,
  roundedRates,
  type SessionCounts,
} from "@/lib/domain/attendance-rates";
import type { Category } from "@/lib/domain/attendance-codes";

/** The figures every attendance surface shows, for one set of counts. */
export function figures(counts: SessionCounts) {
  return {
    ...counts,
    ...roundedRates(counts),
    persistentAbsence: isPersistentAbsence(counts),
    severeAbsence: isSevereAbsence(counts),
  };
}
export type Figures = ReturnType<typeof figures>;

/** Counts from rows of (category, n). */
export function countsFromRows(rows: { category: Category; n: string | number }[]): SessionCounts {
  const c = emptyCounts();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.category === "not_possible") continue;
    c.possible += n;
    if (r.category === "present") c.present += n;
    else if (r.category === "approved_activity") c.approvedActivity += n;
    else if (r.category === "authorised") c.authorised += n;
    else c.unauthorised += n;
  }
  return c;
}

/** Counts from a summary row with possible/present/approved_activity/authorised/unauthorised columns. */
export function countsFromSummary(row: Record<string, unknown> | undefined): SessionCounts {
  if (!row) return emptyCounts();
  return {
    possible: Number(row.possible ?? 0),
    present: Number(row.present ?? 0),
    approvedActivity: Number(row.approved_activity ?? 0),
    authorised: Number(row.authorised ?? 0),
    unauthorised: Number(row.unauthorised ?? 0),
  };
}

/** A pupil's counts from the raw marks over a date range (optionally at one school only). */
export async function pupilCounts(
  client: pg.Pool | pg.PoolClient,
  pupilId: string,
  from: string,
  to: string,
  schoolId: string | null,
) {
  const { rows } = await client.query<{ category: Category; n: string }>(
    `SELECT attendance_mark_category(m.code_id) AS category, count(*) AS n
     FROM pupil p JOIN attendance_mark m ON m.authority_id = p.authority_id AND m.pupil_key = p.store_key
     WHERE p.id = $1 AND m.date BETWEEN $2 AND $3
       AND ($4::uuid IS NULL OR m.school_key = (SELECT store_key FROM school WHERE id = $4))
     GROUP BY 1`,
    [pupilId, from, to, schoolId],
  );
  return countsFromRows(rows);
}
