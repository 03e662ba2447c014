import "server-only";
import { now } from "@/lib/env";
import { cancelTaskSchema, type CancelTaskInput } from "@/lib/schemas/tasks";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { ConflictError } from "../errors";
import { loadTaskForChange, STALE_TASK } from "./load-task-for-change";

/** Cancels an open task with a reason (loadTaskForChange's rules); it stays on the case's list as cancelled.
 * Audited. */
export async function cancelTask(actor: Actor, raw: CancelTaskInput) {
  authorize(actor, "task.manage");
  const input = parseInput(cancelTaskSchema, raw);
  return db.$transaction(async (tx) => {
    const task = await loadTaskForChange(tx, actor, input);
    const { count } = await tx.caseTask.updateMany({
      where: { id: task.id, authorityId: task.authorityId, version: input.version, status: "open" },
      data: { status: "cancelled", cancelReason: input.reason, version: { increment: 1 }, updatedAt: now() },
    });
    if (count === 0) throw new ConflictError({ version: [STALE_TASK] }, STALE_TASK);
    await audit(
      actor,
      { action: "task.cancel", entityType: "task", entityId: task.id, detail: { caseId: task.caseId } },
      tx,
    );
    return { id: task.id, caseId: task.caseId };
  });
}
