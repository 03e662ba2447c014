import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import type { Tx } from "../db";
import { queryable, type DbClient } from "../queryable";

/**
 * The issue dates of a parent's notices for a pupil that count towards the 2024 framework's limit of two in
 * 3 years (domain.md §5.2): every notice except those withdrawn and those whose prosecution ended without a
 * conviction. The definition is the database's view penalty_notice_counting, which the issue trigger reads too,
 * so the form, the server and the database count the same notices. Pass the result to countPriorNotices.
 */
export async function findCountingNoticeDates(
  tx: Pick<Tx, "$queryRaw">,
  args: { parentId: string; pupilId: string },
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ issue_date: Date }[]>`
    SELECT issue_date FROM penalty_notice_counting
    WHERE parent_id = ${args.parentId}::uuid AND pupil_id = ${args.pupilId}::uuid
    ORDER BY issue_date`;
  return rows.map((r) => toIsoDate(r.issue_date));
}

/** findCountingNoticeDates for several parents of one pupil in one query: each parent's dates (none: []). A Queryable,
 * so that the case page sends it through pg (ADR 084). */
export async function findCountingNoticeDatesOf(
  client: DbClient,
  args: { parentIds: string[]; pupilId: string },
): Promise<Map<string, string[]>> {
  const dates = new Map<string, string[]>(args.parentIds.map((id) => [id, []]));
  if (args.parentIds.length === 0) return dates;
  const { rows } = await queryable(client).query(
    `SELECT parent_id::text, issue_date::text FROM penalty_notice_counting
     WHERE parent_id = ANY($1::uuid[]) AND pupil_id = $2::uuid
     ORDER BY parent_id, issue_date`,
    [args.parentIds, args.pupilId],
  );
  for (const r of rows as { parent_id: string; issue_date: string }[]) dates.get(r.parent_id)?.push(r.issue_date);
  return dates;
}
