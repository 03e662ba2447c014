import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import type { Offence, Plea, SentenceType, Verdict } from "@/lib/domain/sentencing";
import type { HearingType, ReferralStatus } from "@/lib/schemas/referrals";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { findCaseParents } from "../cases/find-case-parents";
import type { ViewAudit } from "../cases/get-case";
import { referralScope, UUID } from "./referral-scope";

/** The case's referrals, one per parent, with their hearings and outcome; [] out of scope or without referral.read. Audited. */
export async function findCaseReferrals(actor: Actor, caseId: string, view: ViewAudit = {}) {
  if (!can(actor, "referral.read") || !UUID.test(caseId)) return [];
  // The referrals' parents are among the case's parents the page reads once (findCaseParents), parties now or not.
  const [referrals, parents] = await Promise.all([
    db.prosecutionReferral.findMany({
      where: { AND: [referralScope(actor), { caseId }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { hearings: { orderBy: { hearingDate: "asc" } }, outcomes: { include: { sentences: true } } },
    }),
    findCaseParents(actor.authorityId, caseId),
  ]);
  if (referrals.length === 0) return [];
  if (!view.auditedBy)
    await audit(actor, {
      action: "referral.list",
      entityType: "case",
      entityId: caseId,
      detail: { count: referrals.length },
    });
  return referrals.map((r) => {
    const parent = parents.get(r.parentId);
    const outcome = r.outcomes[0];
    return {
      id: r.id,
      status: r.status as ReferralStatus,
      offence: r.offence as Offence | null,
      parentName: parent ? `${parent.firstName} ${parent.lastName}` : "",
      createdOn: toIsoDate(r.createdAt),
      hearings: r.hearings.map((h) => ({
        id: h.id,
        date: toIsoDate(h.hearingDate),
        courtName: h.courtName,
        type: h.hearingType as HearingType,
        adjourned: h.adjourned,
      })),
      outcome: outcome
        ? {
            plea: outcome.plea as Plea,
            verdict: outcome.verdict as Verdict,
            sentences: outcome.sentences.map((s) => ({
              type: s.sentenceType as SentenceType,
              amountPence: s.amountPence,
              days: s.days,
              suspended: s.suspended,
              months: s.months,
            })),
          }
        : null,
    };
  });
}
