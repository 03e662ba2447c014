import "server-only";
import { CLOSED_CASE_READ_ONLY } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import { canScheduleTask, TASK_KIND_LABELS } from "@/lib/domain/tasks";
import { today } from "@/lib/env";
import { scheduleTaskSchema, type ScheduleTaskInput } from "@/lib/schemas/tasks";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { assertMayChangeCase } from "../cases/assert-may-change-case";
import { caseScope } from "../cases/case-scope";
import { parseInput } from "../cases/parse-input";
import { dateOnly, db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { checkTaskAssignee } from "./check-task-assignee";

/**
 * Books a home visit, meeting, phone call or reminder on a case for today or a later day (canScheduleTask, with the
 * service's clock and the case as stored; the form's context fields are ignored), for the case's officer or a
 * manager. It is assigned to the person booking it (an officer), or to whoever they choose among the authority's
 * officers and managers. A closed case takes no new tasks. Audited.
 */
export async function scheduleTask(actor: Actor, raw: ScheduleTaskInput) {
  authorize(actor, "task.manage");
  const input = parseInput(scheduleTaskSchema, { ...(raw as object), caseOpenedOn: undefined, today: undefined });
  return db.$transaction(async (tx) => {
    const kase = await tx.attendanceCase.findFirst({ where: { AND: [caseScope(actor), { id: input.caseId }] } });
    if (!kase) throw new NotFoundError("Case");
    assertMayChangeCase(actor, kase);
    if (kase.status === "closed") throw new ValidationError({}, CLOSED_CASE_READ_ONLY);
    const check = canScheduleTask({ dueOn: input.dueOn, today: today(), caseOpenedOn: toIsoDate(kase.openedOn) });
    if (!check.ok) throw new ValidationError({ dueOn: [check.message] });
    const assignedTo = input.assignedTo ?? (actor.role === "officer" ? actor.id : kase.assignedOfficerId);
    await checkTaskAssignee(tx, kase.authorityId, assignedTo, "assignedTo");
    const task = await tx.caseTask.create({
      data: {
        authorityId: kase.authorityId,
        caseId: kase.id,
        kind: input.kind,
        title: input.title ?? TASK_KIND_LABELS[input.kind],
        dueOn: dateOnly(input.dueOn),
        dueTime: input.dueTime ?? null,
        notes: input.notes,
        assignedTo,
        source: "officer",
        createdBy: actor.id,
      },
    });
    await audit(
      actor,
      {
        action: "task.schedule",
        entityType: "task",
        entityId: task.id,
        detail: { caseId: kase.id, kind: input.kind, dueOn: input.dueOn, dueTime: input.dueTime ?? null, assignedTo },
      },
      tx,
    );
    return task;
  });
}
