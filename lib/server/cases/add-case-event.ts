import "server-only";
import { randomUUID } from "node:crypto";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { bookedKindMismatch, formatTaskTime, isRecordedInFull, type TaskKind } from "@/lib/domain/tasks";
import { now, today } from "@/lib/env";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import { addCaseEventSchema, type AddCaseEventInput } from "@/lib/schemas/case";
import type { Actor } from "../actor";
import { dateOnly, type Tx } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { loadTaskForChange, STALE_TASK } from "../tasks/load-task-for-change";
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
    // A booked visit, meeting or call recorded in full ("Mark as done" on My day): the task is done by this entry.
    const booking = input.taskId
      ? await completeBooking(tx, actor, kase, { taskId: input.taskId, version: input.taskVersion ?? 0 }, id, input)
      : null;
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
          ...(booking
            ? {
                details: {
                  taskId: booking.id,
                  task: booking.title,
                  booked: `${formatUkDate(toIsoDate(booking.dueOn))}${booking.dueTime ? ` at ${formatTaskTime(booking.dueTime)}` : ""}`,
                },
              }
            : {}),
        },
      ],
      auditDetail: {
        kind: input.kind,
        occurredOn: input.occurredOn,
        eventId: id,
        parentIds: input.parentIds,
        ...(input.outcome ? { outcome: input.outcome } : {}),
        ...(contact ? { contact } : {}),
        ...(booking ? { taskId: booking.id } : {}),
      },
      moreAudit: booking
        ? [
            {
              action: "task.complete",
              entityType: "task",
              entityId: booking.id,
              detail: { caseId: kase.id, doneOn: input.occurredOn, eventId: id, eventKind: input.kind },
            },
          ]
        : [],
    };
  });
  return { ...kase, eventId: id };
}

/**
 * Marks the booked task done by the entry being recorded, in the caller's transaction: the task must be in scope and
 * on this case (else NotFoundError), changeable by the actor, open and at the form's version (loadTaskForChange), a
 * visit, meeting or call, and recorded as the kind it was booked as (else ValidationError on the kind).
 */
async function completeBooking(
  tx: Tx,
  actor: Actor,
  kase: AttendanceCase,
  ref: { taskId: string; version: number },
  eventId: string,
  input: { kind: string; occurredOn: string },
) {
  const task = await loadTaskForChange(tx, actor, ref);
  if (task.caseId !== kase.id) throw new NotFoundError("Task");
  const kind = task.kind as TaskKind;
  if (!isRecordedInFull(kind)) {
    throw new ValidationError({}, "Only a booked visit, meeting or call is recorded from the timeline form");
  }
  const mismatch = bookedKindMismatch(kind, input.kind);
  if (mismatch) throw new ValidationError({ kind: [mismatch] });
  const { count } = await tx.caseTask.updateMany({
    where: { id: task.id, authorityId: task.authorityId, version: ref.version, status: "open" },
    data: {
      status: "done",
      doneOn: dateOnly(input.occurredOn),
      doneBy: actor.id,
      doneEventId: eventId,
      version: { increment: 1 },
      updatedAt: now(),
    },
  });
  if (count === 0) throw new ConflictError({ taskVersion: [STALE_TASK] }, STALE_TASK);
  return task;
}
