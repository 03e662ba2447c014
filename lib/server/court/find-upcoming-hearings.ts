import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import type { HearingType } from "@/lib/schemas/referrals";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db, dateOnly } from "../db";

/** Hearings from today on across the actor's authority, soonest first, with the pupil and parent. Audited. */
export async function findUpcomingHearings(actor: Actor) {
  authorize(actor, "referral.read");
  const hearings = await db.courtHearing.findMany({
    where: { authorityId: actor.authorityId, hearingDate: { gte: dateOnly(today()) } },
    orderBy: [{ hearingDate: "asc" }, { createdAt: "asc" }],
    include: { referral: { include: { kase: { select: { id: true, pupilId: true } } } } },
    take: 500,
  });
  const [pupils, parents] = await Promise.all([
    db.pupil.findMany({
      where: { authorityId: actor.authorityId, id: { in: hearings.map((h) => h.referral.kase.pupilId) } },
      select: { id: true, firstName: true, lastName: true },
    }),
    db.parent.findMany({
      where: { authorityId: actor.authorityId, id: { in: hearings.map((h) => h.referral.parentId) } },
      select: { id: true, firstName: true, lastName: true },
    }),
  ]);
  await audit(actor, { action: "hearing.list", entityType: "hearing", detail: { count: hearings.length } });
  return hearings.map((h) => {
    const pupil = pupils.find((p) => p.id === h.referral.kase.pupilId);
    const parent = parents.find((p) => p.id === h.referral.parentId);
    return {
      id: h.id,
      date: toIsoDate(h.hearingDate),
      courtName: h.courtName,
      type: h.hearingType as HearingType,
      adjourned: h.adjourned,
      referralId: h.referralId,
      caseId: h.referral.caseId,
      pupilName: pupil ? `${pupil.firstName} ${pupil.lastName}` : "",
      parentName: parent ? `${parent.firstName} ${parent.lastName}` : "",
    };
  });
}
