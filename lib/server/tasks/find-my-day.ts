import "server-only";
import { RECORDABLE_EVENT_KINDS } from "@/lib/schemas/case";
import { toIsoDate } from "@/lib/domain/dates";
import { sectionMyDay, type MyDay, type MyDayItem, type MyDayView } from "@/lib/domain/my-day";
import {
  canChangeTask,
  compareTasks,
  myDayHorizon,
  TASK_KIND_LABELS,
  type TaskKind,
  type TaskSource,
} from "@/lib/domain/tasks";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { dateOnly, db } from "../db";
import { loadQueues } from "../queues/load-queues";
import { taskScope } from "./task-scope";

export type { MyDay, MyDayItem, MyDayView };

/**
 * My day: what the actor (or, in the team view, every officer) has overdue, due today and coming up in the next
 * MY_DAY_AHEAD_DAYS days, in date and time order: open tasks (visits, meetings, calls, reminders, milestones,
 * follow-ups); windows ending within the horizon; ended windows the daily job has not decided; and referrals a
 * manager sent back to casework that no work has followed yet. "mine" is the default for officers, "team" for
 * managers (who rarely hold cases). Officers and managers only; audited, one row per view.
 */
export async function findMyDay(actor: Actor, requested?: MyDayView): Promise<MyDay> {
  authorize(actor, "task.manage");
  const view: MyDayView = requested ?? (actor.role === "manager" ? "team" : "mine");
  const day = today();
  const horizon = myDayHorizon(day);
  const mine = view === "mine";

  const [tasks, queues, returned] = await Promise.all([
    db.caseTask.findMany({
      where: {
        AND: [
          taskScope(actor),
          { status: "open", dueOn: { lte: dateOnly(horizon) } },
          // A milestone is due only while its window runs: once the window has ended, the daily job decides it.
          { OR: [{ kind: { not: "milestone" } }, { kase: { status: "window_active" } }] },
          mine ? { assignedTo: actor.id } : {},
        ],
      },
      include: { kase: { select: { id: true, pupilId: true, assignedOfficerId: true, status: true } } },
    }),
    loadQueues(actor, {
      queue: "my-cases",
      school: "",
      officer: mine ? actor.id : "all",
      sort: "date",
      dir: "asc",
      page: 1,
    }),
    db.prosecutionReferral.findMany({
      where: {
        authorityId: actor.authorityId,
        status: "rejected",
        rejectRoute: "casework",
        kase: { AND: [caseScope(actor), { status: { not: "closed" } }, mine ? { assignedOfficerId: actor.id } : {}] },
      },
      select: { id: true, caseId: true, rejectReason: true, reviewedAt: true },
    }),
  ]);

  // Referrals sent back: only those no recorded work has followed yet.
  const followed = returned.length
    ? await db.caseEvent.findMany({
        where: {
          authorityId: actor.authorityId,
          caseId: { in: returned.map((r) => r.caseId) },
          kind: { in: [...RECORDABLE_EVENT_KINDS] },
        },
        select: { caseId: true, createdAt: true },
      })
    : [];
  const stillReturned = returned.filter(
    (r) => !followed.some((e) => e.caseId === r.caseId && r.reviewedAt && e.createdAt > r.reviewedAt),
  );

  const caseIds = [...new Set([...tasks.map((t) => t.caseId), ...stillReturned.map((r) => r.caseId)])];
  const [cases, users] = await Promise.all([
    caseIds.length
      ? db.attendanceCase.findMany({
          where: { authorityId: actor.authorityId, id: { in: caseIds } },
          select: { id: true, pupilId: true, assignedOfficerId: true },
        })
      : [],
    db.appUser.findMany({
      where: { authorityId: actor.authorityId, role: { in: ["officer", "manager"] } },
      select: { id: true, name: true },
    }),
  ]);
  const pupils = cases.length
    ? await db.pupil.findMany({
        where: { authorityId: actor.authorityId, id: { in: cases.map((c) => c.pupilId) } },
        select: { id: true, firstName: true, lastName: true, upn: true },
      })
    : [];
  const userName = (id: string) => users.find((u) => u.id === id)?.name ?? "";
  const pupilOf = (caseId: string) => {
    const c = cases.find((k) => k.id === caseId);
    const p = c ? pupils.find((x) => x.id === c.pupilId) : undefined;
    return { pupil: p ? `${p.firstName} ${p.lastName}` : "", upn: p?.upn ?? "" };
  };

  const items: MyDayItem[] = [];
  for (const t of [...tasks].sort((a, b) =>
    compareTasks(
      { dueOn: toIsoDate(a.dueOn), dueTime: a.dueTime, id: a.id },
      { dueOn: toIsoDate(b.dueOn), dueTime: b.dueTime, id: b.id },
    ),
  )) {
    items.push({
      key: `task-${t.id}`,
      kind: "task",
      date: toIsoDate(t.dueOn),
      time: t.dueTime,
      label: t.kind === "milestone" || t.kind === "follow_up" ? t.title : TASK_KIND_LABELS[t.kind as TaskKind],
      detail:
        t.kind === "milestone" || t.kind === "follow_up"
          ? t.notes
          : t.title === TASK_KIND_LABELS[t.kind as TaskKind]
            ? t.notes
            : t.title,
      caseId: t.caseId,
      ...pupilOf(t.caseId),
      officer: userName(t.assignedTo),
      task: {
        id: t.id,
        version: t.version,
        kind: t.kind as TaskKind,
        source: t.source as TaskSource,
        mayChange:
          t.kase.status !== "closed" &&
          canChangeTask(actor, { assignedTo: t.assignedTo, caseOfficerId: t.kase.assignedOfficerId }).ok,
      },
    });
  }
  // The queues' officer filter knows officers only: a manager's own view has tasks, not other people's cases.
  const caseRows = (q: "ending-soon" | "overdue") => (mine && actor.role !== "officer" ? [] : queues.rows[q]);
  for (const r of caseRows("ending-soon")) {
    if (!r.windowEnd || r.windowEnd > horizon) continue;
    items.push({
      key: `ending-${r.id}`,
      kind: "window_ending",
      date: r.windowEnd,
      time: null,
      label: "Fast Track window ends",
      detail: "The daily job decides the window the day it ends: check the register is up to date.",
      caseId: r.id,
      pupil: pupilName(r.pupil),
      upn: r.upn,
      officer: r.officer,
      task: null,
    });
  }
  for (const r of caseRows("overdue")) {
    const decision = r.items.find((i) => i.label.startsWith("Decision"));
    if (!decision) continue;
    items.push({
      key: `decision-${r.id}`,
      kind: "decision_due",
      date: decision.due,
      time: null,
      label: "Window ended: no decision yet",
      detail: "The daily job decides it once the window's register marks are in.",
      caseId: r.id,
      pupil: pupilName(r.pupil),
      upn: r.upn,
      officer: r.officer,
      task: null,
    });
  }
  for (const r of stillReturned) {
    const c = cases.find((k) => k.id === r.caseId);
    items.push({
      key: `returned-${r.id}`,
      kind: "referral_returned",
      date: r.reviewedAt ? toIsoDate(r.reviewedAt) : day,
      time: null,
      label: "Referral sent back to casework",
      detail: r.rejectReason ?? "",
      caseId: r.caseId,
      ...pupilOf(r.caseId),
      officer: c ? userName(c.assignedOfficerId) : "",
      task: null,
    });
  }

  const { sections, counts } = sectionMyDay(items, day);
  await audit(actor, {
    action: "my_day.view",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: { view, ...counts },
  });
  return {
    today: day,
    horizon,
    view,
    sections,
    counts,
    flagsAwaitingTriage: queues.rows.flags.length,
  };
}

/** "Surname, First" (the queues' sort form) → "First Surname". */
function pupilName(sortName: string): string {
  const [last, first] = sortName.split(", ");
  return first ? `${first} ${last}` : sortName;
}
