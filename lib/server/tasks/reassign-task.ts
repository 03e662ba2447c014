import "server-only";
import { now } from "@/lib/env";
import { reassignTaskSchema, type ReassignTaskInput } from "@/lib/schemas/tasks";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { ConflictError, ValidationError } from "../errors";
import { checkTaskAssignee } from "./check-task-assignee";
import { loadTaskForChange, STALE_TASK } from "./load-task-for-change";

/** Gives an open task to another officer or manager of the authority (loadTaskForChange's rules). Audited with who
 * it moved from and to. */
export async function reassignTask(actor: Actor, raw: ReassignTaskInput) {
  authorize(actor, "task.manage");
  const input = parseInput(reassignTaskSchema, raw);
  return db.$transaction(async (tx) => {
    const task = await loadTaskForChange(tx, actor, input);
    if (task.assignedTo === input.assignedTo) {
      throw new ValidationError({ assignedTo: ["The task is already assigned to this person"] });
    }
    await checkTaskAssignee(tx, task.authorityId, input.assignedTo, "assignedTo");
    const { count } = await tx.caseTask.updateMany({
      where: { id: task.id, authorityId: task.authorityId, version: input.version, status: "open" },
      data: { assignedTo: input.assignedTo, version: { increment: 1 }, updatedAt: now() },
    });
    if (count === 0) throw new ConflictError({ version: [STALE_TASK] }, STALE_TASK);
    await audit(
      actor,
      {
        action: "task.reassign",
        entityType: "task",
        entityId: task.id,
        detail: { caseId: task.caseId, from: task.assignedTo, to: input.assignedTo },
      },
      tx,
    );
    return { id: task.id, caseId: task.caseId };
  });
}
