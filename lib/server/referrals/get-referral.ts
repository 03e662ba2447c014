import "server-only";
import { compareEvidenceWithRegister } from "../decisions/compare-evidence-with-register";
import { toIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { approvalBlockedByPenaltyNotice, type EvidenceChecklist } from "@/lib/domain/referral-checklist";
import { bySentenceType, type Offence, type Plea, type SentenceType, type Verdict } from "@/lib/domain/sentencing";
import { today } from "@/lib/env";
import type { HearingType, ReferralStatus, RejectRoute } from "@/lib/schemas/referrals";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { loadPenaltyNoticesForReferral } from "./load-penalty-notices-for-referral";
import { loadReadiness } from "./load-readiness";
import { unsafeJudgeReferralsNow } from "./referral-grounds-now";
import { readFigures, readMarks } from "./referral-figures";
import { referralScope, UUID } from "./referral-scope";

export type ReferralDetail = Awaited<ReturnType<typeof getReferral>>;

/**
 * One referral with its case, pupil, parent, decision figures, frozen evidence, checklist, hearings and outcome,
 * and why approval is blocked by a penalty notice (if it is). In the actor's scope (referralScope), else
 * NotFoundError, so school staff and other authorities learn nothing. Each read is audited.
 */
export async function getReferral(actor: Actor, referralId: string, via: "page" | "api" | "file" = "page") {
  if (!can(actor, "referral.read") || !UUID.test(referralId)) throw new NotFoundError("Referral");
  const r = await db.prosecutionReferral.findFirst({
    where: { AND: [referralScope(actor), { id: referralId }] },
    include: {
      kase: true,
      decision: true,
      evidence: true,
      hearings: { orderBy: [{ hearingDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
      outcomes: { include: { sentences: true } },
    },
  });
  if (!r) throw new NotFoundError("Referral");
  const [pupil, link, reviewer] = await Promise.all([
    db.pupil.findFirstOrThrow({ where: { id: r.kase.pupilId, authorityId: r.authorityId } }),
    db.pupilParent.findFirst({ where: { pupilId: r.kase.pupilId, parentId: r.parentId }, include: { parent: true } }),
    r.reviewedBy
      ? db.appUser.findFirst({ where: { id: r.reviewedBy, authorityId: r.authorityId }, select: { name: true } })
      : null,
  ]);
  const parent =
    link?.parent ?? (await db.parent.findFirstOrThrow({ where: { id: r.parentId, authorityId: r.authorityId } }));
  const periodStart = toIsoDate(r.periodStart);
  const periodEnd = toIsoDate(r.periodEnd);
  const notices =
    r.status === "awaiting_review"
      ? await loadPenaltyNoticesForReferral({
          authorityId: r.authorityId,
          parentId: r.parentId,
          pupilId: pupil.id,
          periodStart,
          periodEnd,
        })
      : [];
  const outcome = r.outcomes[0] ?? null;
  // Scoped above (the referral is the actor's); the snapshot never changes, the register may have since.
  const liveRegister = await compareEvidenceWithRegister(r.evidence.id);
  const checklist = r.checklist as EvidenceChecklist | null;
  // The readiness items, computed from the record now (with the manager's own items as stored once approved), and
  // what an approval rested on.
  const readiness = await loadReadiness(
    r,
    checklist
      ? {
          esoConsidered: checklist.esoConsidered,
          esoReasoning: checklist.esoReasoning,
          defencesConsidered: checklist.defencesConsidered,
        }
      : null,
  );
  const reliedOn = checklist
    ? await db.referralApprovalEvidence.findMany({ where: { referralId: r.id, authorityId: r.authorityId } })
    : [];
  // A referral awaiting review that today's rules would not make (made before issue 10): shown to the manager, with
  // the reason to reject it.
  const groundsNow =
    r.status === "awaiting_review"
      ? (await unsafeJudgeReferralsNow({ id: r.id, authorityId: r.authorityId }))[0]
      : null;

  await audit(actor, {
    action: "referral.view",
    entityType: "referral",
    entityId: r.id,
    detail: { via, caseId: r.caseId },
  });
  return {
    id: r.id,
    version: r.version,
    status: r.status as ReferralStatus,
    source: r.source,
    createdAt: r.createdAt,
    periodStart,
    periodEnd,
    offence: r.offence as Offence | null,
    checklist,
    readiness,
    reliedOn: reliedOn.map((x) => ({
      item: x.item,
      letterId: x.letterId,
      eventId: x.eventId,
      certificateId: x.certificateId,
    })),
    notGroundedNow: groundsNow && !groundsNow.grounded ? groundsNow.reasons : null,
    rejectReason: r.rejectReason,
    rejectRoute: r.rejectRoute as RejectRoute | null,
    reviewedBy: reviewer?.name ?? null,
    reviewedAt: r.reviewedAt,
    penaltyNoticeBlock: r.status === "awaiting_review" ? approvalBlockedByPenaltyNotice(notices, today()) : null,
    case: { id: r.kase.id, status: r.kase.status, version: r.kase.version, openedOn: toIsoDate(r.kase.openedOn) },
    pupil: {
      id: pupil.id,
      upn: pupil.upn,
      firstName: pupil.firstName,
      lastName: pupil.lastName,
      dateOfBirth: toIsoDate(pupil.dateOfBirth),
    },
    parent: {
      id: parent.id,
      name: `${parent.firstName} ${parent.lastName}`,
      relationship: link?.relationship ?? null,
      address: [parent.addressLine1, parent.addressLine2, parent.town, parent.postcode]
        .filter((s): s is string => !!s)
        .join(", "),
    },
    decision: r.decision
      ? {
          id: r.decision.id,
          asOf: toIsoDate(r.decision.asOf),
          outcome: r.decision.outcome,
          windowStart: toIsoDate(r.decision.windowStart),
          windowEnd: toIsoDate(r.decision.windowEnd),
          figures: readFigures(r.decision.figures),
        }
      : null,
    evidence: {
      id: r.evidence.id,
      periodStart: toIsoDate(r.evidence.periodStart),
      periodEnd: toIsoDate(r.evidence.periodEnd),
      marks: readMarks(r.evidence),
      figures: readFigures(r.evidence.figures),
      contentHash: r.evidence.contentHash,
      frozenAt: r.evidence.createdAt,
      liveRegister,
    },
    hearings: r.hearings.map((h) => ({
      id: h.id,
      date: toIsoDate(h.hearingDate),
      courtName: h.courtName,
      time: h.hearingTime,
      courtId: h.courtId,
      saturdayConfirmed: h.saturdayConfirmed,
      type: h.hearingType as HearingType,
      adjourned: h.adjourned,
      adjournmentReason: h.adjournmentReason,
      notes: h.notes,
    })),
    outcome: outcome
      ? {
          id: outcome.id,
          plea: outcome.plea as Plea,
          verdict: outcome.verdict as Verdict,
          costsPence: outcome.costsPence,
          victimSurchargePence: outcome.victimSurchargePence,
          recordedAt: outcome.createdAt,
          hearingId: outcome.hearingId,
          decidedOn: outcome.decidedOn ? toIsoDate(outcome.decidedOn) : null,
          correctedAt: outcome.correctedAt,
          correctionReason: outcome.correctionReason,
          correctedBy: outcome.correctedBy
            ? ((
                await db.appUser.findFirst({
                  where: { id: outcome.correctedBy, authorityId: r.authorityId },
                  select: { name: true },
                })
              )?.name ?? "a former user")
            : null,
          sentences: outcome.sentences.sort(bySentenceType((s) => s.sentenceType)).map((s) => ({
            type: s.sentenceType as SentenceType,
            amountPence: s.amountPence,
            days: s.days,
            suspended: s.suspended,
            months: s.months,
          })),
        }
      : null,
  };
}
