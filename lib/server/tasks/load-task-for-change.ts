import "server-only";
import { canChangeTask, taskIsOpen, type TaskStatus } from "@/lib/domain/tasks";
import { CLOSED_CASE_READ_ONLY } from "@/lib/domain/case-state";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { taskScope } from "./task-scope";

export const STALE_TASK =
  "This task was changed by someone else after you opened it. Reload the page to see their changes; nothing you " +
  "entered has been saved.";

const ID = /^[0-9a-f-]{36}$/i;

/**
 * A task about to change, with its case, in one transaction: in the actor's scope (else NotFoundError); the actor
 * may change it (canChangeTask, else ForbiddenError); it is still open and its case is not closed (else
 * ValidationError); and it is at the version the user's page was built from (else ConflictError).
 */
export async function loadTaskForChange(tx: Tx, actor: Actor, ref: { taskId: string; version: number }) {
  if (!ID.test(ref.taskId)) throw new NotFoundError("Task");
  const task = await tx.caseTask.findFirst({
    where: { AND: [taskScope(actor), { id: ref.taskId }] },
    include: { kase: true },
  });
  if (!task) throw new NotFoundError("Task");
  const may = canChangeTask(actor, { assignedTo: task.assignedTo, caseOfficerId: task.kase.assignedOfficerId });
  if (!may.ok) throw new ForbiddenError(may.message);
  const open = taskIsOpen(task.status as TaskStatus);
  if (!open.ok) throw new ValidationError({}, open.message);
  if (task.kase.status === "closed") throw new ValidationError({}, CLOSED_CASE_READ_ONLY);
  if (task.version !== ref.version) throw new ConflictError({ version: [STALE_TASK] }, STALE_TASK);
  return task;
}
