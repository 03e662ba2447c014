import "server-only";
import { addDays, mondayOf } from "@/lib/domain/dates";
import { PENALTY_NOTICE_CODES, PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/penalty-notice-threshold";
import type { Tx } from "../db";
import { dateOnly } from "../db";
import { queryable, type DbClient } from "../queryable";

/**
 * What the penalty-notice threshold is judged on for a pupil over start..end: the unauthorised sessions with a
 * threshold code (G, N, O, U) on the register, and the school weeks the period touches on the authority's
 * calendar (school_week: any Monday–Sunday week with at least one school day).
 */
export async function countThreshold(
  tx: Tx,
  args: { authorityId: string; pupilId: string; start: string; end: string },
): Promise<{ unauthorisedSessions: number; schoolWeeks: number }> {
  const [marks] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM attendance_mark m
    JOIN pupil p ON p.authority_id = m.authority_id AND p.store_key = m.pupil_key
    WHERE p.id = ${args.pupilId}::uuid AND m.authority_id = ${args.authorityId}::uuid
      AND m.date BETWEEN ${dateOnly(args.start)}::date AND ${dateOnly(args.end)}::date
      AND attendance_code_text(m.code_id) = ANY(${[...PENALTY_NOTICE_CODES]}::text[])`;
  const schoolWeeks = await tx.schoolWeek.count({
    where: {
      authorityId: args.authorityId,
      weekStart: { gte: dateOnly(mondayOf(args.start)), lte: dateOnly(mondayOf(args.end)) },
    },
  });
  return { unauthorisedSessions: marks?.n ?? 0, schoolWeeks };
}

/**
 * The offence period the issue form offers: the last 10 school weeks up to `today` (from the first school week
 * of that run to today). Null when the authority has no term calendar.
 */
export async function suggestedPeriod(
  tx: Tx,
  authorityId: string,
  today: string,
): Promise<{ start: string; end: string } | null> {
  const weeks = await tx.schoolWeek.findMany({
    where: { authorityId, weekStart: { lte: dateOnly(mondayOf(today)) } },
    orderBy: { weekStart: "desc" },
    take: PENALTY_NOTICE_THRESHOLD.schoolWeeks,
    select: { weekStart: true },
  });
  const first = weeks.at(-1);
  if (!first) return null;
  const start = first.weekStart.toISOString().slice(0, 10);
  // Today is part of the period only once the day's registers are in: the period ends yesterday at the latest.
  const end = addDays(today, -1) < start ? start : addDays(today, -1);
  return { start, end };
}

/**
 * suggestedPeriod and countThreshold over it, in one query (the case page's penalty-notice section reads the
 * threshold on every view): the last 10 school weeks up to `today`, the period from the first of them to
 * yesterday, and the threshold's counts over that period. Null when the authority has no term calendar. Kept equal
 * to the two by penalty-notices.int.test.ts.
 */
export async function thresholdToday(
  client: DbClient,
  args: { authorityId: string; pupilId: string; today: string },
): Promise<{ start: string; end: string; unauthorisedSessions: number; schoolWeeks: number } | null> {
  const yesterday = addDays(args.today, -1);
  // A Queryable, so that the case page sends it through pg (ADR 084) and a transaction through Prisma's.
  const { rows } = await queryable(client).query(
    `WITH period AS (
      SELECT min(week_start) AS start, greatest(min(week_start), $1::date) AS "end"
      FROM (SELECT week_start FROM school_week
            WHERE authority_id = $2::uuid AND week_start <= $3::date
            ORDER BY week_start DESC LIMIT $4::int) w)
    SELECT period.start::text AS start, period."end"::text AS "end",
      (SELECT count(*)::int FROM attendance_mark m
       JOIN pupil p ON p.authority_id = m.authority_id AND p.store_key = m.pupil_key
       WHERE p.id = $5::uuid AND m.authority_id = $2::uuid
         AND m.date BETWEEN period.start AND period."end"
         AND attendance_code_text(m.code_id) = ANY($6::text[])) AS n,
      (SELECT count(*)::int FROM school_week
       WHERE authority_id = $2::uuid
         AND week_start BETWEEN date_trunc('week', period.start)::date AND date_trunc('week', period."end")::date) AS weeks
    FROM period WHERE period.start IS NOT NULL`,
    [
      yesterday,
      args.authorityId,
      mondayOf(args.today),
      PENALTY_NOTICE_THRESHOLD.schoolWeeks,
      args.pupilId,
      [...PENALTY_NOTICE_CODES],
    ],
  );
  const row = rows[0] as { start: string; end: string; n: number; weeks: number } | undefined;
  if (!row) return null;
  return { start: row.start, end: row.end, unauthorisedSessions: row.n, schoolWeeks: row.weeks };
}
