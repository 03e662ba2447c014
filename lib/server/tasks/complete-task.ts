import "server-only";
import { randomUUID } from "node:crypto";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { canCompleteTask, formatTaskTime, TASK_EVENT_KIND, type TaskKind, type TaskStatus } from "@/lib/domain/tasks";
import { now, today } from "@/lib/env";
import { completeTaskSchema, type CompleteTaskInput } from "@/lib/schemas/tasks";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { dateOnly, db } from "../db";
import { ConflictError, ValidationError } from "../errors";
import { loadTaskForChange, STALE_TASK } from "./load-task-for-change";
import { markMetMilestoneTasks } from "./mark-met-milestone-tasks";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

/**
 * Marks an open task done on the day it happened (canCompleteTask: not in the future, not before the case opened),
 * which records the work on the case's timeline in the same transaction: a visit, meeting or call as itself, a
 * milestone as a review, a reminder or follow-up as a note (TASK_EVENT_KIND), with the officer's note. The case's
 * version moves on (its timeline changed), and a review or meeting also marks done any milestone task it meets.
 * By the task's assignee, the case's officer or a manager (loadTaskForChange). Audited.
 */
export async function completeTask(actor: Actor, raw: CompleteTaskInput) {
  authorize(actor, "task.manage");
  const input = parseInput(completeTaskSchema, { ...(raw as object), caseOpenedOn: undefined, today: undefined });
  return db.$transaction(async (tx) => {
    const task = await loadTaskForChange(tx, actor, input);
    const check = canCompleteTask({
      status: task.status as TaskStatus,
      doneOn: input.doneOn,
      today: today(),
      caseOpenedOn: toIsoDate(task.kase.openedOn),
    });
    if (!check.ok) throw new ValidationError({ doneOn: [check.message] });

    const eventId = randomUUID();
    const kind = TASK_EVENT_KIND[task.kind as TaskKind];
    const booked = `${formatUkDate(toIsoDate(task.dueOn))}${task.dueTime ? ` at ${formatTaskTime(task.dueTime)}` : ""}`;
    const { count } = await tx.caseTask.updateMany({
      where: { id: task.id, authorityId: task.authorityId, version: input.version, status: "open" },
      data: {
        status: "done",
        doneOn: dateOnly(input.doneOn),
        doneBy: actor.id,
        doneEventId: eventId,
        version: { increment: 1 },
        updatedAt: now(),
      },
    });
    if (count === 0) throw new ConflictError({ version: [STALE_TASK] }, STALE_TASK);
    await writeTimelineEvents(tx, [
      {
        id: eventId,
        caseId: task.caseId,
        authorityId: task.authorityId,
        kind,
        occurredOn: input.doneOn,
        note: input.note || task.title,
        actorUserId: actor.id,
        details: { taskId: task.id, task: task.title, booked },
      },
    ]);
    await tx.attendanceCase.updateMany({
      where: { id: task.caseId, authorityId: task.authorityId },
      data: { version: { increment: 1 }, updatedAt: now() },
    });
    if (kind === "review" || kind === "meeting") {
      await markMetMilestoneTasks(tx, actor, task.kase, { eventId, on: input.doneOn });
    }
    await audit(
      actor,
      {
        action: "task.complete",
        entityType: "task",
        entityId: task.id,
        detail: { caseId: task.caseId, doneOn: input.doneOn, eventId, eventKind: kind },
      },
      tx,
    );
    return { id: task.id, caseId: task.caseId, eventId };
  });
}
