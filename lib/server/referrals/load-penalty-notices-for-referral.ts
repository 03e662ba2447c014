import "server-only";
import type { PenaltyNoticeDates } from "@/lib/domain/penalty-notices";
import { toIsoDate } from "@/lib/domain/dates";
import { db, dateOnly, type Tx } from "../db";

/**
 * The parent's penalty notices for this pupil whose offence period overlaps the referral's period ("for the same
 * period"), as approvalBlockedByPenaltyNotice takes them. The ONE place the review reads penalty notices. Notices
 * are taken as received the day they are issued, as the penalty_notice table's payment dates are
 * (migration 20261128060000_penalty_notices).
 */
export async function loadPenaltyNoticesForReferral(
  referral: { authorityId: string; parentId: string; pupilId: string; periodStart: string; periodEnd: string },
  tx: Tx = db,
): Promise<PenaltyNoticeDates[]> {
  const notices = await tx.penaltyNotice.findMany({
    where: {
      authorityId: referral.authorityId,
      parentId: referral.parentId,
      pupilId: referral.pupilId,
      periodStart: { lte: dateOnly(referral.periodEnd) },
      periodEnd: { gte: dateOnly(referral.periodStart) },
    },
    orderBy: [{ issueDate: "asc" }, { id: "asc" }],
    select: { issueDate: true, paidOn: true, withdrawnOn: true },
  });
  return notices.map((n) => ({
    issueDate: toIsoDate(n.issueDate),
    receivedOn: null,
    paidOn: n.paidOn ? toIsoDate(n.paidOn) : null,
    withdrawnOn: n.withdrawnOn ? toIsoDate(n.withdrawnOn) : null,
  }));
}
