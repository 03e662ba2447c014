import "server-only";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { now, today } from "@/lib/env";
import { correctCaseEventSchema, isCorrectable, type CorrectCaseEventInput } from "@/lib/schemas/corrections";
import type { Actor } from "../actor";
import { dateOnly } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { changeCase } from "./change-case";
import { parseInput } from "./parse-input";

/**
 * Corrects an entry of recorded work on the case's timeline (its date and note), with a reason: by the case's
 * officer or a manager, on an open case, through changeCase (scope, version, audit). The entry then shows
 * "corrected", with who, when and why; the audit row keeps the entry as it was. The date follows the rule for
 * recording work: not in the future, not before the case opened. The database refuses any other change to an entry.
 */
export async function correctCaseEvent(actor: Actor, raw: CorrectCaseEventInput) {
  const input = parseInput(correctCaseEventSchema, raw);
  return changeCase(actor, input, { action: "case.correct_event" }, async (kase, tx) => {
    const entry = await tx.caseEvent.findFirst({
      where: { id: input.eventId, caseId: kase.id, authorityId: kase.authorityId },
    });
    if (!entry) throw new NotFoundError("Timeline entry");
    if (!isCorrectable(entry.kind) || !entry.actorUserId) {
      throw new ValidationError({}, "Only the work recorded on the timeline can be corrected here");
    }
    const day = today();
    const openedOn = toIsoDate(kase.openedOn);
    if (input.occurredOn > day) {
      throw new ValidationError({
        occurredOn: [`The date cannot be in the future: enter today (${formatUkDate(day)}) or earlier`],
      });
    }
    if (input.occurredOn < openedOn) {
      throw new ValidationError({
        occurredOn: [`The date cannot be before the case was opened on ${formatUkDate(openedOn)}`],
      });
    }
    if (entry.kind === "note" && input.note === "") throw new ValidationError({ note: ["Enter the note"] });
    const before = toIsoDate(entry.occurredOn);
    if (before === input.occurredOn && entry.note === input.note) {
      throw new ValidationError({}, "Nothing has changed: correct the date or the note, or go back to the case");
    }
    await tx.caseEvent.update({
      where: { id: entry.id },
      data: {
        occurredOn: dateOnly(input.occurredOn),
        note: input.note,
        correctedAt: now(),
        correctedBy: actor.id,
        correctionReason: input.reason,
      },
    });
    return {
      data: {},
      events: [],
      auditDetail: {
        eventId: entry.id,
        kind: entry.kind,
        reason: input.reason,
        original: {
          occurredOn: before,
          note: entry.note,
          correctedAt: entry.correctedAt?.toISOString() ?? null,
          correctionReason: entry.correctionReason,
        },
        corrected: { occurredOn: input.occurredOn, note: input.note },
      },
    };
  });
}
