import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { canChangeTask, compareTasks, type TaskKind, type TaskSource, type TaskStatus } from "@/lib/domain/tasks";
import type { Actor } from "../actor";
import { db } from "../db";
import { findScopedCase } from "../cases/find-scoped-case";
import { findUserNames } from "../users/find-user-names";
import { taskScope } from "./task-scope";

export type CaseTaskView = {
  id: string;
  version: number;
  kind: TaskKind;
  source: TaskSource;
  title: string;
  dueOn: string;
  dueTime: string | null;
  notes: string;
  status: TaskStatus;
  /** An open milestone of a window that is no longer running: nothing to do any more. */
  lapsed: boolean;
  assignedTo: { id: string; name: string };
  doneOn: string | null;
  cancelReason: string | null;
  /** Cosmetic: whether to show the change links (the server re-checks). */
  mayChange: boolean;
};

/** The tasks of one case (open first, by date and time; then done and cancelled, latest first), in the actor's
 * scope. The case page has already audited its view of the case, so this read adds no row. */
export async function findCaseTasks(actor: Actor, caseId: string): Promise<CaseTaskView[]> {
  // The case and the users' names are the ones the case page reads once for all its sections (cache()).
  const [kase, tasks, users] = await Promise.all([
    findScopedCase(actor, caseId),
    db.caseTask.findMany({ where: { AND: [taskScope(actor), { caseId }] } }),
    findUserNames(actor.authorityId),
  ]);
  if (!kase) return [];
  const views = tasks.map((t) => ({
    id: t.id,
    version: t.version,
    kind: t.kind as TaskKind,
    source: t.source as TaskSource,
    title: t.title,
    dueOn: toIsoDate(t.dueOn),
    dueTime: t.dueTime,
    notes: t.notes,
    status: t.status as TaskStatus,
    lapsed: t.status === "open" && t.kind === "milestone" && kase.status !== "window_active",
    assignedTo: { id: t.assignedTo, name: users.get(t.assignedTo)?.name ?? "a former user" },
    doneOn: t.doneOn ? toIsoDate(t.doneOn) : null,
    cancelReason: t.cancelReason,
    mayChange:
      t.status === "open" &&
      !(t.kind === "milestone" && kase.status !== "window_active") &&
      kase.status !== "closed" &&
      canChangeTask(actor, { assignedTo: t.assignedTo, caseOfficerId: kase.assignedOfficerId }).ok,
  }));
  const open = views.filter((t) => t.status === "open" && !t.lapsed).sort(compareTasks);
  const finished = views
    .filter((t) => t.status !== "open" || t.lapsed)
    .sort((a, b) => -compareTasks({ ...a, dueOn: a.doneOn ?? a.dueOn }, { ...b, dueOn: b.doneOn ?? b.dueOn }));
  return [...open, ...finished];
}
