import "server-only";
import { canChangeTask } from "@/lib/domain/tasks";
import { now } from "@/lib/env";
import { reassignTasksSchema, type ReassignTasksInput } from "@/lib/schemas/tasks";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { checkTaskAssignee } from "./check-task-assignee";
import { taskScope } from "./task-scope";

export const MAX_BULK_TASKS = 200;

/**
 * Gives several open tasks to one officer or manager at once (bulk select on My day). All or nothing: every task
 * must be in scope (else NotFoundError), changeable by the actor (else ForbiddenError, naming how many are not) and
 * open on an open case (else ValidationError), or none moves. Tasks already with that person are left as they are.
 * One audit row per task moved.
 */
export async function reassignTasks(actor: Actor, raw: ReassignTasksInput) {
  authorize(actor, "task.manage");
  const input = parseInput(reassignTasksSchema, raw);
  const ids = [...new Set(input.taskIds)];
  if (ids.length > MAX_BULK_TASKS) {
    throw new ValidationError({ taskIds: [`Select ${MAX_BULK_TASKS} tasks or fewer at a time`] });
  }
  return db.$transaction(async (tx) => {
    const tasks = await tx.caseTask.findMany({
      where: { AND: [taskScope(actor), { id: { in: ids } }] },
      include: { kase: { select: { assignedOfficerId: true, status: true } } },
    });
    if (tasks.length !== ids.length) throw new NotFoundError("Task");
    const refused = tasks.filter(
      (t) => !canChangeTask(actor, { assignedTo: t.assignedTo, caseOfficerId: t.kase.assignedOfficerId }).ok,
    );
    if (refused.length > 0) {
      throw new ForbiddenError(
        `${refused.length} of the tasks selected ${refused.length === 1 ? "is" : "are"} not yours to change: ` +
          "only a task's assignee, the case's officer or a manager can reassign it. Nothing was changed.",
      );
    }
    const closed = tasks.filter((t) => t.status !== "open" || t.kase.status === "closed");
    if (closed.length > 0) {
      throw new ValidationError(
        { taskIds: [`${closed.length} of the tasks selected ${closed.length === 1 ? "is" : "are"} no longer open`] },
        "Only open tasks on open cases can be reassigned. Nothing was changed.",
      );
    }
    await checkTaskAssignee(tx, actor.authorityId, input.assignedTo, "assignedTo");
    const moving = tasks.filter((t) => t.assignedTo !== input.assignedTo);
    if (moving.length > 0) {
      await tx.caseTask.updateMany({
        where: { authorityId: actor.authorityId, id: { in: moving.map((t) => t.id) }, status: "open" },
        data: { assignedTo: input.assignedTo, version: { increment: 1 }, updatedAt: now() },
      });
    }
    for (const t of moving) {
      await audit(
        actor,
        {
          action: "task.reassign",
          entityType: "task",
          entityId: t.id,
          detail: { caseId: t.caseId, from: t.assignedTo, to: input.assignedTo, bulk: true },
        },
        tx,
      );
    }
    return { moved: moving.length, unchanged: tasks.length - moving.length };
  });
}
