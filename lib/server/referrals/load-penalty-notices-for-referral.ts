import "server-only";
import type { PenaltyNoticeDates } from "@/lib/domain/penalty-notices";
import { toIsoDate } from "@/lib/domain/dates";
import { db, type Tx } from "../db";

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v instanceof Date ? toIsoDate(v) : typeof v === "string" ? v.slice(0, 10) : null);

/**
 * The parent's penalty notices for this pupil whose offence period overlaps the referral's period, for
 * approvalBlockedByPenaltyNotice. The penalty_notice table comes with migration 20261128060000_penalty_notices,
 * built at the same time as this: until it exists this returns [] (checked with to_regclass on every call, so no
 * restart is needed once it lands). The ONE place the review reads penalty notices: tighten it to a typed Prisma
 * query once the table and its model are on main.
 */
export async function loadPenaltyNoticesForReferral(
  referral: { authorityId: string; parentId: string; pupilId: string; periodStart: string; periodEnd: string },
  tx: Tx = db,
): Promise<PenaltyNoticeDates[]> {
  const [exists] = await tx.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('public.penalty_notice') IS NOT NULL AS present`;
  if (!exists?.present) return [];
  const rows = await tx.$queryRaw<Row[]>`
    SELECT to_jsonb(n) AS notice FROM penalty_notice n
    WHERE n.authority_id = ${referral.authorityId}::uuid AND n.parent_id = ${referral.parentId}::uuid
      AND n.pupil_id = ${referral.pupilId}::uuid`;
  return rows.flatMap(({ notice }) => {
    const n = notice as Row;
    const issueDate = iso(n.issue_date ?? n.issued_on);
    if (!issueDate) return [];
    const start = iso(n.period_start ?? n.offence_start);
    const end = iso(n.period_end ?? n.offence_end);
    // "For the same period": the notice's offence period overlaps the referral's (a notice without a period counts).
    if (start && end && (end < referral.periodStart || start > referral.periodEnd)) return [];
    return [{ issueDate, receivedOn: iso(n.received_on), paidOn: iso(n.paid_on), withdrawnOn: iso(n.withdrawn_on) }];
  });
}
