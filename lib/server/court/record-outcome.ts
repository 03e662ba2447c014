import "server-only";
import { OFFENCE_LABELS, PLEA_LABELS, VERDICT_LABELS, validateOutcome, type Offence } from "@/lib/domain/sentencing";
import { today } from "@/lib/env";
import { outcomeSchema, type OutcomeInput } from "@/lib/schemas/referrals";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { referralScope, UUID } from "../referrals/referral-scope";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

const ALREADY_RECORDED = "The outcome for this parent has already been recorded";

/**
 * A manager records the court's outcome for one parent (one referral): plea, verdict, sentences, costs and victim
 * surcharge. Checked with validateOutcome against the offence stored on the referral (never one the caller sends),
 * so going over a cap is refused with a message naming the limit and the offence, and nothing is saved; the
 * database's CHECK constraints hold the same caps. Only for an approved referral, once (UNIQUE referral_id); the
 * referral becomes concluded. On the timeline and audited.
 */
export async function recordOutcome(actor: Actor, referralId: string, raw: OutcomeInput) {
  authorize(actor, "court.record");
  if (!UUID.test(referralId)) throw new NotFoundError("Referral");
  const outcome = parseInput(outcomeSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const referral = await tx.prosecutionReferral.findFirst({
        where: { AND: [referralScope(actor), { id: referralId }] },
      });
      if (!referral) throw new NotFoundError("Referral");
      if (referral.status === "concluded") throw new ValidationError({}, ALREADY_RECORDED);
      if (referral.status !== "approved" || !referral.offence) {
        throw new ValidationError({}, "An outcome can only be recorded for a referral approved for prosecution");
      }
      const offence = referral.offence as Offence;
      const problems = validateOutcome(offence, outcome);
      if (problems.length > 0) {
        const fieldErrors: FieldErrors = {};
        for (const p of problems) (fieldErrors[p.field] ??= []).push(p.message);
        throw new ValidationError(fieldErrors);
      }
      const saved = await tx.courtOutcome.create({
        data: {
          authorityId: referral.authorityId,
          referralId: referral.id,
          offence,
          plea: outcome.plea,
          verdict: outcome.verdict,
          costsPence: outcome.costsPence,
          victimSurchargePence: outcome.victimSurchargePence,
          recordedBy: actor.id,
          sentences: {
            create: outcome.sentences.map((s) => ({
              authorityId: referral.authorityId,
              sentenceType: s.type,
              amountPence: s.type === "fine" ? s.amountPence : null,
              days: s.type === "custody" ? s.days : null,
              suspended: s.type === "custody" ? s.suspended : null,
              months: "months" in s ? s.months : null,
            })),
          },
        },
      });
      await tx.prosecutionReferral.update({
        where: { id: referral.id },
        data: { status: "concluded", version: { increment: 1 }, updatedAt: new Date() },
      });
      await writeTimelineEvents(tx, [
        {
          caseId: referral.caseId,
          authorityId: referral.authorityId,
          kind: "court_outcome",
          occurredOn: today(),
          note: `${OFFENCE_LABELS[offence]}: plea ${PLEA_LABELS[outcome.plea].toLowerCase()}, verdict ${VERDICT_LABELS[outcome.verdict].toLowerCase()}`,
          actorUserId: actor.id,
          details: { referralId: referral.id, parentId: referral.parentId, outcomeId: saved.id, ...outcome },
        },
      ]);
      await audit(
        actor,
        {
          action: "outcome.record",
          entityType: "referral",
          entityId: referral.id,
          detail: { outcomeId: saved.id, verdict: outcome.verdict },
        },
        tx,
      );
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error, "court_outcome_one_per_referral")) throw new ValidationError({}, ALREADY_RECORDED);
    throw error;
  }
}
