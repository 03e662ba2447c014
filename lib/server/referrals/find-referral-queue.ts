import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { loadReadinessOfMany } from "./load-readiness";
import { readFigures } from "./referral-figures";
import { unsafeJudgeReferralsNow } from "./referral-grounds-now";
import { referralScope } from "./referral-scope";

export type ReferralQueueRow = Awaited<ReturnType<typeof findReferralQueue>>[number];

/**
 * "Cases due for prosecution": the referrals awaiting a manager's review in the actor's authority, oldest first,
 * with the pupil, the parent, the decision's figures, the record items still missing (issue 10: letters, warning,
 * support, interview, certificate) and, for a referral the rules in force would not make now (made before them),
 * why not (ADR 016). Managers only; the view is audited.
 */
export async function findReferralQueue(actor: Actor) {
  authorize(actor, "referral.review");
  const referrals = await db.prosecutionReferral.findMany({
    where: { AND: [referralScope(actor), { status: "awaiting_review" }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      kase: true,
      decision: { select: { figures: true, asOf: true } },
      evidence: { select: { figures: true } },
    },
  });
  const [pupils, parents, judged, readiness] = await Promise.all([
    db.pupil.findMany({
      where: { authorityId: actor.authorityId, id: { in: [...new Set(referrals.map((r) => r.kase.pupilId))] } },
      select: { id: true, upn: true, firstName: true, lastName: true },
    }),
    db.parent.findMany({
      where: { authorityId: actor.authorityId, id: { in: [...new Set(referrals.map((r) => r.parentId))] } },
      select: { id: true, firstName: true, lastName: true },
    }),
    // In scope: the referrals found above.
    unsafeJudgeReferralsNow({ id: { in: referrals.map((r) => r.id) }, authorityId: actor.authorityId }),
    loadReadinessOfMany(referrals, null),
  ]);
  await audit(actor, { action: "referral.queue_view", entityType: "referral", detail: { count: referrals.length } });
  return referrals.map((r, i) => {
    const groundsNow = judged.find((j) => j.referralId === r.id);
    const pupil = pupils.find((p) => p.id === r.kase.pupilId);
    const parent = parents.find((p) => p.id === r.parentId);
    return {
      id: r.id,
      caseId: r.caseId,
      createdAt: r.createdAt,
      referredOn: toIsoDate(r.createdAt),
      periodStart: toIsoDate(r.periodStart),
      periodEnd: toIsoDate(r.periodEnd),
      source: r.source,
      pupil: { id: pupil?.id ?? "", upn: pupil?.upn ?? "", name: pupil ? `${pupil.firstName} ${pupil.lastName}` : "" },
      parent: { id: r.parentId, name: parent ? `${parent.firstName} ${parent.lastName}` : "" },
      figures: readFigures(r.decision?.figures ?? r.evidence.figures),
      /** The record's items still missing (the manager's own, ESO and defences, are given on approval). */
      missing: readiness[i]!.items.filter((x) => !x.met && x.key !== "eso" && x.key !== "defences").map((x) => x.key),
      /** Why the rules in force would not make this referral now; null when they would. */
      notGroundedNow: groundsNow && !groundsNow.grounded ? groundsNow.reasons : null,
    };
  });
}
