import "server-only";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { outcomeDateProblem } from "@/lib/domain/hearings";
import { OFFENCE_LABELS, PLEA_LABELS, VERDICT_LABELS, validateOutcome, type Offence } from "@/lib/domain/sentencing";
import { today } from "@/lib/env";
import { outcomeSchema, type OutcomeInput } from "@/lib/schemas/referrals";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { db, dateOnly, type Tx } from "../db";
import { NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { referralScope, UUID } from "../referrals/referral-scope";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

const ALREADY_RECORDED = "The outcome for this parent has already been recorded";

/**
 * A manager records the court's outcome for one parent (one referral): plea, verdict, sentences, costs and victim
 * surcharge. Checked with validateOutcome against the offence stored on the referral (never one the caller sends),
 * so going over a cap is refused with a message naming the limit and the offence, and nothing is saved; the
 * database's CHECK constraints hold the same caps. Only for an approved referral, once (UNIQUE referral_id); the
 * referral becomes concluded. The outcome belongs to one of the referral's hearings (by default its latest past hearing
 * that was not adjourned), which must have taken place and not been adjourned, and is dated on or after it and not
 * in the future (outcomeDateProblem; by default the hearing's day): the timeline entry is dated that day. Audited.
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
      const { hearing, decidedOn } = await outcomeHearing(tx, referral, outcome);
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
          hearingId: hearing.id,
          hearingDate: hearing.hearingDate,
          hearingAdjourned: hearing.adjourned,
          decidedOn: dateOnly(decidedOn),
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
          occurredOn: decidedOn,
          note: outcomeNote(offence, outcome, toIsoDate(hearing.hearingDate)),
          actorUserId: actor.id,
          details: {
            referralId: referral.id,
            parentId: referral.parentId,
            outcomeId: saved.id,
            ...outcome,
            hearingId: hearing.id,
            decidedOn,
          },
        },
      ]);
      await audit(
        actor,
        {
          action: "outcome.record",
          entityType: "referral",
          entityId: referral.id,
          detail: { outcomeId: saved.id, verdict: outcome.verdict, hearingId: hearing.id, decidedOn },
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

/** The timeline's words for an outcome. */
export function outcomeNote(
  offence: Offence,
  outcome: { plea: keyof typeof PLEA_LABELS; verdict: keyof typeof VERDICT_LABELS },
  hearingDate: string,
): string {
  return (
    `${OFFENCE_LABELS[offence]}: plea ${PLEA_LABELS[outcome.plea].toLowerCase()}, verdict ` +
    `${VERDICT_LABELS[outcome.verdict].toLowerCase()} (hearing on ${formatUkDate(hearingDate)})`
  );
}

/**
 * The hearing an outcome belongs to and the day it is dated: the one named, or else the referral's latest hearing
 * that has taken place and was not adjourned; dated as given, or else that hearing's day. Checked with
 * outcomeDateProblem on the service's clock; the problem is reported against the form's field.
 */
export async function outcomeHearing(
  tx: Tx,
  referral: { id: string; authorityId: string },
  input: { hearingId?: string; decidedOn?: string },
) {
  const now = today();
  const hearings = await tx.courtHearing.findMany({
    where: { referralId: referral.id, authorityId: referral.authorityId },
    orderBy: [{ hearingDate: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const hearing = input.hearingId
    ? hearings.find((h) => h.id === input.hearingId)
    : hearings.find((h) => !h.adjourned && toIsoDate(h.hearingDate) <= now);
  if (!hearing) {
    throw new ValidationError({
      hearingId: [
        input.hearingId
          ? "Select one of this referral's hearings"
          : "Record the hearing that decided the outcome first",
      ],
    });
  }
  const hearingDate = toIsoDate(hearing.hearingDate);
  const decidedOn = input.decidedOn ?? hearingDate;
  const problem = outcomeDateProblem({ hearingDate, adjourned: hearing.adjourned, decidedOn, today: now });
  if (problem) throw new ValidationError({ [problem.field]: [problem.message] });
  return { hearing, decidedOn };
}
