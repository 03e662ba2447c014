import "server-only";
import { randomUUID } from "node:crypto";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { addCaseEventSchema, type AddCaseEventInput } from "@/lib/schemas/case";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { markMetMilestoneTasks } from "../tasks/mark-met-milestone-tasks";
import { changeCase } from "./change-case";
import { parseInput } from "./parse-input";

/** Records work on the case's timeline (a meeting, home visit, phone call, letter, note, attendance contract, review,
 * support offered, or an interview under caution with its outcome) on the date it happened: not in the future and
 * not before the case opened. The parents it concerns must be parties to the case; an interview names at least one. */
export async function addCaseEvent(actor: Actor, raw: AddCaseEventInput) {
  const parsed = parseInput(addCaseEventSchema, raw);
  const input = { ...parsed, parentIds: parsed.parentIds ?? [] };
  const id = randomUUID();
  // A visit, meeting or call recorded in full (the schema checked it whole: contactRecordProblems).
  const contact =
    input.contactOutcome && input.contactTime && input.nextStep
      ? {
          time: input.contactTime,
          outcome: input.contactOutcome,
          childSeen: input.childSeen ?? null,
          othersSeen: input.othersSeen ?? null,
          nextStep: input.nextStep,
        }
      : null;
  const kase = await changeCase(actor, input, { action: "case.add_event" }, async (kase, tx) => {
    const now = today();
    const openedOn = toIsoDate(kase.openedOn);
    if (input.occurredOn > now) {
      throw new ValidationError({
        occurredOn: [`The date cannot be in the future: enter today (${formatUkDate(now)}) or earlier`],
      });
    }
    if (input.occurredOn < openedOn) {
      throw new ValidationError({
        occurredOn: [`The date cannot be before the case was opened on ${formatUkDate(openedOn)}`],
      });
    }
    const parties = await tx.caseParty.findMany({ where: { caseId: kase.id }, select: { parentId: true } });
    const strangers = input.parentIds.filter((p) => !parties.some((x) => x.parentId === p));
    if (strangers.length > 0 || new Set(input.parentIds).size !== input.parentIds.length) {
      throw new ValidationError({ parentIds: ["Select only parents or carers named on this case, each once"] });
    }
    // A review or meeting may meet a milestone of the window: its task is then done, by this entry.
    if (input.kind === "review" || input.kind === "meeting") {
      await markMetMilestoneTasks(tx, actor, kase, { eventId: id, on: input.occurredOn });
    }
    return {
      data: {},
      events: [
        {
          id,
          kind: input.kind,
          occurredOn: input.occurredOn,
          note: input.note,
          outcome: input.outcome,
          parentIds: input.parentIds,
          contact,
        },
      ],
      auditDetail: {
        kind: input.kind,
        occurredOn: input.occurredOn,
        eventId: id,
        parentIds: input.parentIds,
        ...(input.outcome ? { outcome: input.outcome } : {}),
        ...(contact ? { contact } : {}),
      },
    };
  });
  return { ...kase, eventId: id };
}
