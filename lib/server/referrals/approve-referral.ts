import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toIsoDate } from "@/lib/domain/dates";
import { approvalBlockedByPenaltyNotice, missingEvidence } from "@/lib/domain/referral-checklist";
import { OFFENCE_LABELS } from "@/lib/domain/sentencing";
import { now, today } from "@/lib/env";
import { approveReferralSchema, checklistOf, type ApproveReferralInput } from "@/lib/schemas/referrals";
import type { Actor } from "../actor";
import { parseInput } from "../cases/parse-input";
import { ValidationError, type FieldErrors } from "../errors";
import { changeReferral } from "./change-referral";
import { loadPenaltyNoticesForReferral } from "./load-penalty-notices-for-referral";

export const NOT_AWAITING_REVIEW = "This referral has already been decided";

/**
 * A manager approves a referral for prosecution of one parent, choosing that parent's offence. Refused (422, with
 * every missing item named on its field) unless the evidence checklist is complete (missingEvidence), and refused
 * while that parent has a penalty notice for the same period that is paid or still payable
 * (approvalBlockedByPenaltyNotice). Only a referral awaiting review; version-checked; on the timeline and audited.
 */
export async function approveReferral(actor: Actor, raw: ApproveReferralInput) {
  const input = parseInput(approveReferralSchema, raw);
  const checklist = checklistOf(input);
  return changeReferral(
    actor,
    input,
    { permission: "referral.review", audit: "referral.approve" },
    async (referral, tx) => {
      if (referral.status !== "awaiting_review") throw new ValidationError({}, NOT_AWAITING_REVIEW);
      const missing = missingEvidence(checklist);
      if (missing.length > 0) {
        const fieldErrors: FieldErrors = {};
        for (const m of missing) (fieldErrors[m.field] ??= []).push(m.message);
        throw new ValidationError(fieldErrors);
      }
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
          details: { offence: input.offence },
        },
        auditDetail: { offence: input.offence },
        notify: `A prosecution referral on your case was approved under ${OFFENCE_LABELS[input.offence]}`,
      };
    },
  );
}
