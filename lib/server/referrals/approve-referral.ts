import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toIsoDate } from "@/lib/domain/dates";
import { approvalBlockedByPenaltyNotice, type EvidenceChecklist } from "@/lib/domain/referral-checklist";
import {
  READINESS_FIELDS,
  READINESS_LABELS,
  type InterviewOutcome,
  type ReadinessItem,
} from "@/lib/domain/referral-readiness";
import { OFFENCE_LABELS } from "@/lib/domain/sentencing";
import { now, today } from "@/lib/env";
import { approveReferralSchema, type ApproveReferralInput } from "@/lib/schemas/referrals";
import type { Actor } from "../actor";
import { parseInput } from "../cases/parse-input";
import { ValidationError, type FieldErrors } from "../errors";
import { changeReferral } from "./change-referral";
import { loadPenaltyNoticesForReferral } from "./load-penalty-notices-for-referral";
import { loadReadiness } from "./load-readiness";

export const NOT_AWAITING_REVIEW = "This referral has already been decided";

/** The items the record proves, and the request's claim for each (undefined when it makes none). */
const CLAIMS = ["letters", "warning", "support", "interview", "certificate"] as const;

/**
 * A manager approves a referral for prosecution of one parent, choosing that parent's offence. Every readiness item
 * the record proves is computed from the record (loadReadiness: letters, the warning before the period, support,
 * the interview under caution, the signed s.566 certificate); the manager gives the ESO reasoning and the defences.
 * Refused (422, each unmet item named on its field, nothing saved) while any item is unmet, so a request claiming an
 * item the record lacks (`lettersSent: true` with no letter to this parent) is refused on that field; refused while
 * the parent has a penalty notice for the period that is paid or still payable. The approval stores the checklist as
 * found and the ids of the letters, events and certificate it rested on (referral_approval_evidence; the database
 * refuses an approval without them). Only a referral awaiting review; version-checked; on the timeline and audited.
 */
export async function approveReferral(actor: Actor, raw: ApproveReferralInput) {
  const input = parseInput(approveReferralSchema, raw);
  return changeReferral(
    actor,
    input,
    { permission: "referral.review", audit: "referral.approve" },
    async (referral, tx) => {
      if (referral.status !== "awaiting_review") throw new ValidationError({}, NOT_AWAITING_REVIEW);
      const readiness = await loadReadiness(
        referral,
        {
          esoConsidered: input.esoConsidered,
          esoReasoning: input.esoReasoning,
          defencesConsidered: input.defencesConsidered,
        },
        tx,
      );
      const claimed: Record<(typeof CLAIMS)[number], boolean | undefined> = {
        letters: input.lettersSent,
        warning: input.warningGiven,
        support: input.supportOffered,
        certificate: input.attendanceCertificate,
        interview: input.interviewUnderCaution ? true : undefined,
      };
      const fieldErrors: FieldErrors = {};
      for (const item of readiness.items.filter((i) => !i.met)) {
        const field = READINESS_FIELDS[item.key];
        const claim = (CLAIMS as readonly string[]).includes(item.key)
          ? claimed[item.key as (typeof CLAIMS)[number]]
          : undefined;
        const message =
          claim === true
            ? `${READINESS_LABELS[item.key]}: the request says this is met, but the record does not show it. ${item.message}`
            : `${READINESS_LABELS[item.key]}: ${item.message}`;
        (fieldErrors[field === "esoConsidered" && input.esoConsidered ? "esoReasoning" : field] ??= []).push(message);
      }
      if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);

      const notices = await loadPenaltyNoticesForReferral(
        {
          authorityId: referral.authorityId,
          parentId: referral.parentId,
          pupilId: referral.kase.pupilId,
          periodStart: toIsoDate(referral.periodStart),
          periodEnd: toIsoDate(referral.periodEnd),
        },
        tx,
      );
      const blocked = approvalBlockedByPenaltyNotice(notices, today());
      if (blocked) throw new ValidationError({}, blocked);

      // What the approval rests on: every record each item found (the database checks these exist on commit).
      const item = (key: ReadinessItem["key"]) => readiness.items.find((i) => i.key === key)!;
      const rows = CLAIMS.flatMap((key) =>
        item(key).evidence.map((e) => ({
          authorityId: referral.authorityId,
          referralId: referral.id,
          item: key,
          letterId: e.kind === "letter" ? e.id : null,
          eventId: e.kind === "event" ? e.id : null,
          certificateId: e.kind === "certificate" ? e.id : null,
        })),
      );
      await tx.referralApprovalEvidence.createMany({ data: rows });
      const interview = item("interview").evidence.at(-1);
      const interviewOutcome = interview
        ? ((await tx.caseEvent.findFirst({ where: { id: interview.id, authorityId: referral.authorityId } }))
            ?.outcome as InterviewOutcome | null)
        : null;
      const checklist: EvidenceChecklist = {
        attendanceCertificate: true,
        lettersSent: true,
        warningGiven: true,
        supportOffered: true,
        esoConsidered: input.esoConsidered,
        esoReasoning: input.esoReasoning,
        interviewUnderCaution: interviewOutcome ?? null,
        defencesConsidered: input.defencesConsidered,
      };
      const reliedOn = Object.fromEntries(CLAIMS.map((key) => [key, item(key).evidence.map((e) => e.id)]));
      return {
        data: {
          status: "approved",
          offence: input.offence,
          checklist: checklist as unknown as Prisma.InputJsonValue,
          reviewedBy: actor.id,
          reviewedAt: now(),
        },
        event: {
          kind: "referral_approved",
          occurredOn: today(),
          note: `Approved for prosecution under ${OFFENCE_LABELS[input.offence]}`,
          details: { offence: input.offence, reliedOn },
        },
        auditDetail: { offence: input.offence, reliedOn },
        notify: `A prosecution referral on your case was approved under ${OFFENCE_LABELS[input.offence]}`,
      };
    },
  );
}
