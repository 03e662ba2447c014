import "server-only";
import { formatUkDate, londonDate } from "@/lib/domain/dates";
import { hearingDateProblem } from "@/lib/domain/hearings";
import { formatTimeOfDay } from "@/lib/domain/time-of-day";
import { today } from "@/lib/env";
import { addHearingSchema, HEARING_TYPE_LABELS, type AddHearingInput } from "@/lib/schemas/referrals";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { db, dateOnly } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { referralScope, UUID } from "../referrals/referral-scope";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

/**
 * A manager records a court hearing (past or listed) for an approved referral: date and time, a court from the
 * authority's list, type, and whether it was adjourned and why. Refused: a referral not approved for prosecution, a
 * date before the approval, a Sunday, a Saturday not confirmed, a time outside court hours, a court not on the
 * authority's (active) list. On the timeline and audited.
 */
export async function addHearing(actor: Actor, raw: AddHearingInput) {
  authorize(actor, "court.record");
  const input = parseInput(addHearingSchema, raw);
  if (!UUID.test(input.referralId)) throw new NotFoundError("Referral");
  return db.$transaction(async (tx) => {
    const referral = await tx.prosecutionReferral.findFirst({
      where: { AND: [referralScope(actor), { id: input.referralId }] },
    });
    if (!referral) throw new NotFoundError("Referral");
    if (referral.status !== "approved" && referral.status !== "concluded") {
      throw new ValidationError({}, "Hearings can only be recorded once the referral is approved for prosecution");
    }
    const tooEarly = referral.reviewedAt && hearingDateProblem(input.hearingDate, londonDate(referral.reviewedAt));
    if (tooEarly) throw new ValidationError({ hearingDate: [tooEarly] });
    const court = await tx.court.findFirst({
      where: { id: input.courtId, authorityId: referral.authorityId, active: true },
    });
    if (!court) throw new ValidationError({ courtId: ["Select a court from the authority's list"] });
    const hearing = await tx.courtHearing.create({
      data: {
        authorityId: referral.authorityId,
        referralId: referral.id,
        hearingDate: dateOnly(input.hearingDate),
        hearingTime: input.hearingTime,
        saturdayConfirmed: input.saturdayConfirmed,
        courtId: court.id,
        courtName: court.name,
        hearingType: input.hearingType,
        adjourned: input.adjourned,
        adjournmentReason: input.adjourned ? input.adjournmentReason : null,
        notes: input.notes,
        createdBy: actor.id,
      },
    });
    // A hearing listed for a later date goes on the timeline on the day it was recorded.
    const on = input.hearingDate <= today() ? input.hearingDate : today();
    await writeTimelineEvents(tx, [
      {
        caseId: referral.caseId,
        authorityId: referral.authorityId,
        kind: "hearing",
        occurredOn: on,
        note:
          `${HEARING_TYPE_LABELS[input.hearingType]} at ${court.name} on ${formatUkDate(input.hearingDate)} at ` +
          `${formatTimeOfDay(input.hearingTime)}` +
          (input.adjourned ? `: adjourned (${input.adjournmentReason})` : ""),
        actorUserId: actor.id,
        details: {
          referralId: referral.id,
          parentId: referral.parentId,
          hearingId: hearing.id,
          hearingDate: input.hearingDate,
          hearingTime: input.hearingTime,
          courtId: court.id,
          type: input.hearingType,
          adjourned: input.adjourned,
        },
      },
    ]);
    await audit(
      actor,
      {
        action: "hearing.add",
        entityType: "referral",
        entityId: referral.id,
        detail: {
          hearingId: hearing.id,
          hearingDate: input.hearingDate,
          hearingTime: input.hearingTime,
          courtId: court.id,
        },
      },
      tx,
    );
    return hearing;
  });
}
