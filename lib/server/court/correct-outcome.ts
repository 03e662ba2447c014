import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { bySentenceType, validateOutcome, type Offence, type Outcome } from "@/lib/domain/sentencing";
import { now } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db, dateOnly } from "../db";
import { NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { referralScope, UUID } from "../referrals/referral-scope";
import { outcomeHearing, outcomeNote } from "./record-outcome";

export type OutcomeCorrection = Outcome & { hearingId?: string; decidedOn?: string; reason: string };

/**
 * A manager corrects a recorded court outcome (a wrong plea, a mistyped fine, the wrong hearing), giving a reason.
 * The same rules as recording it apply (validateOutcome against the referral's offence, outcomeDateProblem); the
 * outcome and its sentences are replaced, the outcome and its timeline entry say "corrected" with who, when and why,
 * and the original (the outcome, its sentences and the entry as they were) goes into the audit row with the
 * correction, in the same transaction. Nothing changes when a rule is broken.
 */
export async function correctOutcome(actor: Actor, referralId: string, input: OutcomeCorrection) {
  authorize(actor, "court.record");
  if (!UUID.test(referralId)) throw new NotFoundError("Referral");
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError({ reason: ["Enter the reason for the correction"] });
  return db.$transaction(async (tx) => {
    const referral = await tx.prosecutionReferral.findFirst({
      where: { AND: [referralScope(actor), { id: referralId }] },
      include: { outcomes: { include: { sentences: true } } },
    });
    if (!referral) throw new NotFoundError("Referral");
    const original = referral.outcomes[0];
    if (!original || !referral.offence)
      throw new ValidationError({}, "No outcome has been recorded for this parent yet");
    const offence = referral.offence as Offence;
    const outcome: Outcome = {
      plea: input.plea,
      verdict: input.verdict,
      sentences: input.sentences,
      costsPence: input.costsPence,
      victimSurchargePence: input.victimSurchargePence,
    };
    const problems = validateOutcome(offence, outcome);
    if (problems.length > 0) {
      const fieldErrors: FieldErrors = {};
      for (const p of problems) (fieldErrors[p.field] ??= []).push(p.message);
      throw new ValidationError(fieldErrors);
    }
    const { hearing, decidedOn } = await outcomeHearing(tx, referral, input);
    const at = now();

    await tx.courtSentence.deleteMany({ where: { outcomeId: original.id, authorityId: original.authorityId } });
    await tx.courtOutcome.update({
      where: { id: original.id },
      data: {
        plea: outcome.plea,
        verdict: outcome.verdict,
        costsPence: outcome.costsPence,
        victimSurchargePence: outcome.victimSurchargePence,
        hearingId: hearing.id,
        hearingDate: hearing.hearingDate,
        hearingAdjourned: hearing.adjourned,
        decidedOn: dateOnly(decidedOn),
        correctedAt: at,
        correctedBy: actor.id,
        correctionReason: reason,
      },
    });
    if (outcome.sentences.length > 0) {
      await tx.courtSentence.createMany({
        data: outcome.sentences.map((s) => ({
          authorityId: original.authorityId,
          outcomeId: original.id,
          offence,
          verdict: outcome.verdict,
          sentenceType: s.type,
          amountPence: s.type === "fine" ? s.amountPence : null,
          days: s.type === "custody" ? s.days : null,
          suspended: s.type === "custody" ? s.suspended : null,
          months: "months" in s ? s.months : null,
        })),
      });
    }
    const entry = await tx.caseEvent.findFirst({
      where: {
        caseId: referral.caseId,
        authorityId: referral.authorityId,
        kind: "court_outcome",
        details: { path: ["outcomeId"], equals: original.id },
      },
    });
    if (entry) {
      await tx.caseEvent.update({
        where: { id: entry.id },
        data: {
          occurredOn: dateOnly(decidedOn),
          note: outcomeNote(offence, outcome, toIsoDate(hearing.hearingDate)),
          details: {
            ...(entry.details as object),
            ...outcome,
            hearingId: hearing.id,
            decidedOn,
          },
          correctedAt: at,
          correctedBy: actor.id,
          correctionReason: reason,
        },
      });
    }
    await audit(
      actor,
      {
        action: "outcome.correct",
        entityType: "referral",
        entityId: referral.id,
        reason,
        detail: {
          outcomeId: original.id,
          original: {
            plea: original.plea,
            verdict: original.verdict,
            costsPence: original.costsPence,
            victimSurchargePence: original.victimSurchargePence,
            hearingId: original.hearingId,
            decidedOn: original.decidedOn ? toIsoDate(original.decidedOn) : null,
            sentences: original.sentences.sort(bySentenceType((s) => s.sentenceType)).map((s) => ({
              type: s.sentenceType,
              amountPence: s.amountPence,
              days: s.days,
              suspended: s.suspended,
              months: s.months,
            })),
            timeline: entry ? { occurredOn: toIsoDate(entry.occurredOn), note: entry.note } : null,
          },
          corrected: { ...outcome, hearingId: hearing.id, decidedOn },
        },
      },
      tx,
    );
    return { id: original.id };
  });
}
