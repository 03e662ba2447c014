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

/** Records work on the case's timeline (a meeting, home visit, phone call, letter, note, attendance contract or
 * review) on the date it happened: not in the future and not before the case opened. */
export async function addCaseEvent(actor: Actor, raw: AddCaseEventInput) {
  const input = parseInput(addCaseEventSchema, raw);
  return changeCase(actor, input, { action: "case.add_event" }, async (kase, tx) => {
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
    // A review or meeting may meet a milestone of the window: its task is then done, by this entry.
    const id = randomUUID();
    if (input.kind === "review" || input.kind === "meeting") {
      await markMetMilestoneTasks(tx, actor, kase, { eventId: id, on: input.occurredOn });
    }
    return {
      data: {},
      events: [{ id, kind: input.kind, occurredOn: input.occurredOn, note: input.note }],
      auditDetail: { kind: input.kind, occurredOn: input.occurredOn },
    };
  });
}
