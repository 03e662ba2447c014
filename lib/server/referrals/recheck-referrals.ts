import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import type { ReferralReason } from "@/lib/domain/referral-grounds";
import { audit } from "../audit";
import { db } from "../db";
import { unsafeJudgeReferralsNow } from "./referral-grounds-now";

/** A referral awaiting review that the rules in force would not make, with why, for the manager to reject. */
export type UngroundedReferral = {
  referralId: string;
  authority: { laCode: string; name: string };
  caseId: string;
  pupil: { name: string; upn: string };
  parent: { name: string };
  referredOn: string;
  periodStart: string;
  periodEnd: string;
  reasons: ReferralReason[];
};

/**
 * Section 6 of issue 10 (ADR 016): judges again, under today's rules and on their own frozen evidence, every
 * referral still awaiting review (in one authority, or all), and lists those the rules would not make now. Changes
 * nothing: managers reject them on the referral's page, where the reason is filled in. The operator's command
 * (`npm run cli -- referrals recheck`) calls it; one audit row per authority records that the list was read.
 */
export async function recheckAwaitingReferrals(
  input: { authorityId?: string } = {},
): Promise<{ checked: number; ungrounded: UngroundedReferral[] }> {
  const judged = await unsafeJudgeReferralsNow({
    status: "awaiting_review",
    ...(input.authorityId ? { authorityId: input.authorityId } : {}),
  });
  const ungroundedIds = judged.filter((j) => !j.grounded).map((j) => j.referralId);
  const referrals = await db.prosecutionReferral.findMany({
    where: { id: { in: ungroundedIds } },
    include: { kase: { select: { pupilId: true } } },
  });
  const [pupils, parents, authorities] = await Promise.all([
    db.pupil.findMany({ where: { id: { in: referrals.map((r) => r.kase.pupilId) } } }),
    db.parent.findMany({ where: { id: { in: referrals.map((r) => r.parentId) } } }),
    db.authority.findMany({ where: { id: { in: [...new Set(judged.map((j) => j.authorityId))] } } }),
  ]);
  const ungrounded = judged
    .filter((j) => !j.grounded)
    .map((j): UngroundedReferral => {
      const r = referrals.find((x) => x.id === j.referralId)!;
      const pupil = pupils.find((p) => p.id === r.kase.pupilId)!;
      const parent = parents.find((p) => p.id === r.parentId)!;
      const authority = authorities.find((a) => a.id === r.authorityId)!;
      return {
        referralId: r.id,
        authority: { laCode: authority.laCode, name: authority.name },
        caseId: r.caseId,
        pupil: { name: `${pupil.firstName} ${pupil.lastName}`, upn: pupil.upn },
        parent: { name: `${parent.firstName} ${parent.lastName}` },
        referredOn: toIsoDate(r.createdAt),
        periodStart: toIsoDate(r.periodStart),
        periodEnd: toIsoDate(r.periodEnd),
        reasons: j.reasons,
      };
    });
  await audit(
    { system: "cli" },
    authorities.map(({ id: authorityId }) => ({
      authorityId,
      action: "referral.recheck",
      entityType: "referral",
      purpose: "npm run cli -- referrals recheck",
      detail: {
        checked: judged.filter((j) => j.authorityId === authorityId).length,
        ungrounded: judged.filter((j) => j.authorityId === authorityId && !j.grounded).map((j) => j.referralId),
      },
    })),
  );
  return { checked: judged.length, ungrounded };
}
