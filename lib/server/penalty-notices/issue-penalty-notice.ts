import "server-only";
import { assertMayChangeCase } from "../cases/assert-may-change-case";
import { formatUkDate } from "@/lib/domain/dates";
import { checkThreshold } from "@/lib/domain/penalty-notice-threshold";
import { canIssueNotice, paymentPeriods, THIRD_NOTICE } from "@/lib/domain/penalty-notices";
import { today } from "@/lib/env";
import { issuePenaltyNoticeSchema, type IssuePenaltyNoticeInput } from "@/lib/schemas/penalty-notices";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { parseInput } from "../cases/parse-input";
import { db, dateOnly } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { findCountingNoticeDates } from "./find-counting-notice-dates";
import { countThreshold } from "./count-threshold";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

/**
 * Issues a penalty notice to one parent/carer on the case, for the case's pupil and an offence period. Refused
 * unless the period meets the threshold (10 unauthorised sessions in no more than 10 school weeks), and when it
 * would be a third notice within 3 years to that parent for that pupil (the database trigger holds the same
 * rule against a race). The amounts and payment dates are the scheme's for the issue date; a second notice
 * within 3 years under the 2024 framework is the flat repeat amount. On the timeline and audited.
 */
export async function issuePenaltyNotice(actor: Actor, raw: IssuePenaltyNoticeInput) {
  authorize(actor, "penalty_notice.manage");
  const input = parseInput(issuePenaltyNoticeSchema, raw);
  if (input.issueDate > today()) {
    throw new ValidationError({
      issueDate: [`The date the notice is issued cannot be after today (${formatUkDate(today())})`],
    });
  }
  try {
    return await db.$transaction(async (tx) => {
      const kase = await tx.attendanceCase.findFirst({
        where: { id: input.caseId, ...caseScope(actor) },
        include: { parties: true },
      });
      if (!kase) throw new NotFoundError("Case");
      assertMayChangeCase(actor, kase);
      if (!kase.parties.some((p) => p.parentId === input.parentId)) {
        throw new ValidationError({ parentId: ["Select a parent or carer named on this case"] });
      }

      const counts = await countThreshold(tx, {
        authorityId: kase.authorityId,
        pupilId: kase.pupilId,
        start: input.periodStart,
        end: input.periodEnd,
      });
      const threshold = checkThreshold(counts);
      // The issue trigger's lock, taken first, so two issues for one parent and pupil are judged one after the other.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('penalty_notice'), hashtext(${input.parentId}::text || ${kase.pupilId}::text))`;
      const priorNoticeDates = await findCountingNoticeDates(tx, { parentId: input.parentId, pupilId: kase.pupilId });
      const decision = canIssueNotice({
        threshold: { sessions: counts.unauthorisedSessions, reached: threshold.reached },
        priorNoticeDates,
        issueDate: input.issueDate,
      });
      if (!decision.ok) {
        if (decision.message === THIRD_NOTICE) throw new ValidationError({ parentId: [THIRD_NOTICE] });
        if (!threshold.reached) throw new ValidationError({ periodStart: [threshold.message] });
        throw new ValidationError({ issueDate: [decision.message] });
      }

      const { scheme, lowerUntil, lastDay } = paymentPeriods(input.issueDate);
      const repeat = decision.sequence === 2 && scheme.repeat ? scheme.repeat.pence : null;
      const notice = await tx.penaltyNotice.create({
        data: {
          authorityId: kase.authorityId,
          caseId: kase.id,
          parentId: input.parentId,
          pupilId: kase.pupilId,
          issueDate: dateOnly(input.issueDate),
          periodStart: dateOnly(input.periodStart),
          periodEnd: dateOnly(input.periodEnd),
          unauthorisedSessions: counts.unauthorisedSessions,
          sequence: decision.sequence,
          lowerAmountPence: repeat ?? scheme.lowerPence,
          higherAmountPence: repeat ?? scheme.higherPence,
          lowerUntil: dateOnly(lowerUntil),
          lastDay: dateOnly(lastDay),
          issuedBy: actor.id,
        },
      });
      await writeTimelineEvents(tx, [
        {
          caseId: kase.id,
          authorityId: kase.authorityId,
          kind: "penalty_notice_issued",
          occurredOn: input.issueDate,
          actorUserId: actor.id,
          note: "",
          details: {
            noticeId: notice.id,
            parentId: input.parentId,
            sequence: decision.sequence,
            periodStart: input.periodStart,
            periodEnd: input.periodEnd,
            unauthorisedSessions: counts.unauthorisedSessions,
            schoolWeeks: counts.schoolWeeks,
            lowerAmountPence: notice.lowerAmountPence,
            higherAmountPence: notice.higherAmountPence,
            lastDay,
          },
        },
      ]);
      await audit(
        actor,
        {
          action: "penalty_notice.issue",
          entityType: "penalty_notice",
          entityId: notice.id,
          detail: {
            caseId: kase.id,
            parentId: input.parentId,
            sequence: decision.sequence,
            issueDate: input.issueDate,
          },
        },
        tx,
      );
      return notice;
    });
  } catch (error) {
    // The trigger's answer to two notices issued at once, when this one would be the third.
    if (String((error as Error).message).includes("third penalty notice"))
      throw new ValidationError({ parentId: [THIRD_NOTICE] });
    throw error;
  }
}
