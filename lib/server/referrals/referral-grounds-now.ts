import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import {
  DEFAULT_REFERRAL_SETTINGS,
  evaluateReferralGrounds,
  notAParentReason,
  type ReferralReason,
} from "@/lib/domain/referral-grounds";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import { readMarks } from "./referral-figures";

/** A referral judged again under today's rules (issue 10), on its own frozen evidence. */
export type ReferralGroundsNow = {
  referralId: string;
  caseId: string;
  authorityId: string;
  parentId: string;
  status: string;
  /** True when today's rules would make this referral. */
  grounded: boolean;
  /** Why not (empty when grounded), in plain words. */
  reasons: ReferralReason[];
};

/**
 * Judges referrals again with evaluateReferralGrounds over their frozen evidence: the pupil's date of birth and
 * enrolments, the parent's link to the pupil, and the authority's referral minimum today (a penalty-notice
 * referral was at the national threshold when the notice was issued, so only "at least one unauthorised session"
 * is asked of it). Changes nothing. Not scoped ("unsafe"): callers scope the referrals they pass (the referral page,
 * the CLI for operators, the seed test).
 */
export async function unsafeJudgeReferralsNow(
  where: Prisma.ProsecutionReferralWhereInput,
  tx: Tx = db,
): Promise<ReferralGroundsNow[]> {
  const referrals = await tx.prosecutionReferral.findMany({
    where,
    include: { kase: true, evidence: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (referrals.length === 0) return [];
  const pupilIds = [...new Set(referrals.map((r) => r.kase.pupilId))];
  const authorityIds = [...new Set(referrals.map((r) => r.authorityId))];
  const [pupils, enrolments, links, settings] = await Promise.all([
    tx.pupil.findMany({ where: { id: { in: pupilIds } }, select: { id: true, dateOfBirth: true } }),
    tx.enrolment.findMany({ where: { pupilId: { in: pupilIds } }, orderBy: [{ startDate: "asc" }, { id: "asc" }] }),
    tx.pupilParent.findMany({ where: { pupilId: { in: pupilIds } }, include: { parent: true } }),
    tx.authorityCaseSettings.findMany({ where: { authorityId: { in: authorityIds } } }),
  ]);
  return referrals.map((r) => {
    const pupil = pupils.find((p) => p.id === r.kase.pupilId)!;
    const link = links.find((l) => l.pupilId === r.kase.pupilId && l.parentId === r.parentId);
    const minimum =
      r.source === "window"
        ? (settings.find((s) => s.authorityId === r.authorityId)?.referralMinimum ??
          DEFAULT_REFERRAL_SETTINGS.referralMinimum)
        : 1;
    const parentLink = link
      ? {
          parentId: link.parentId,
          name: `${link.parent.firstName} ${link.parent.lastName}`,
          relationship: link.relationship,
          parentalResponsibility: link.parentalResponsibility,
          livesWithPupil: link.livesWithPupil,
        }
      : null;
    const grounds = evaluateReferralGrounds({
      window: { start: toIsoDate(r.evidence.periodStart), end: toIsoDate(r.evidence.periodEnd) },
      dateOfBirth: toIsoDate(pupil.dateOfBirth),
      enrolments: enrolments
        .filter((e) => e.pupilId === pupil.id)
        .map((e) => ({
          schoolId: e.schoolId,
          start: toIsoDate(e.startDate),
          end: e.endDate ? toIsoDate(e.endDate) : null,
        })),
      marks: readMarks(r.evidence).map((m) => ({ ...m, session: m.session === "PM" ? "PM" : "AM" })),
      referralMinimum: minimum,
      parties: [{ parentId: r.parentId, link: parentLink }],
    });
    const reasons = grounds.refer
      ? []
      : grounds.reasons.length > 0
        ? grounds.reasons
        : [notAParentReason(r.parentId, parentLink)];
    return {
      referralId: r.id,
      caseId: r.caseId,
      authorityId: r.authorityId,
      parentId: r.parentId,
      status: r.status,
      grounded: grounds.refer,
      reasons,
    };
  });
}
