import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { canChangeTask, taskIsOpen, type TaskKind, type TaskSource, type TaskStatus } from "@/lib/domain/tasks";
import { CLOSED_CASE_READ_ONLY } from "@/lib/domain/case-state";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { taskScope } from "./task-scope";

export type TaskDetail = Awaited<ReturnType<typeof getTask>>;

/**
 * One task with its case's pupil, for the task's pages (mark done, reassign, cancel): in the actor's scope, else
 * NotFoundError (school staff and administrators too). `refused` says why the actor may not change it, or null.
 * Audited (it names the pupil).
 */
export async function getTask(actor: Actor, taskId: string) {
  if (!can(actor, "task.manage") || !/^[0-9a-f-]{36}$/i.test(taskId)) throw new NotFoundError("Task");
  const task = await db.caseTask.findFirst({
    where: { AND: [taskScope(actor), { id: taskId }] },
    include: { kase: true },
  });
  if (!task) throw new NotFoundError("Task");
  const [pupil, assignee] = await Promise.all([
    db.pupil.findFirstOrThrow({
      where: { id: task.kase.pupilId, authorityId: task.authorityId },
      select: { firstName: true, lastName: true, upn: true },
    }),
    db.appUser.findFirst({ where: { id: task.assignedTo, authorityId: task.authorityId }, select: { name: true } }),
  ]);
  await audit(actor, { action: "task.view", entityType: "task", entityId: task.id, detail: { caseId: task.caseId } });
  const may = canChangeTask(actor, { assignedTo: task.assignedTo, caseOfficerId: task.kase.assignedOfficerId });
  const open = taskIsOpen(task.status as TaskStatus);
  return {
    id: task.id,
    version: task.version,
    caseId: task.caseId,
    caseOpenedOn: toIsoDate(task.kase.openedOn),
    kind: task.kind as TaskKind,
    source: task.source as TaskSource,
    title: task.title,
    dueOn: toIsoDate(task.dueOn),
    dueTime: task.dueTime,
    notes: task.notes,
    status: task.status as TaskStatus,
    assignedTo: { id: task.assignedTo, name: assignee?.name ?? "a former user" },
    pupilName: `${pupil.firstName} ${pupil.lastName}`,
    upn: pupil.upn,
    refused: !may.ok
      ? may.message
      : !open.ok
        ? open.message
        : task.kase.status === "closed"
          ? CLOSED_CASE_READ_ONLY
          : null,
  };
}
