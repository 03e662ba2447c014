// Demo tasks and appointments (issue 15, My day), after the demo cases and enforcement: every running window's
// milestones as tasks for its officer (done where the timeline's reviews and meetings already meet them, exactly as
// startWindow and markMetMilestoneTasks leave them), and each authority's officers' booked work around the demo
// clock's today: a home visit and a phone call today, a meeting and a visit in the coming days, and a reminder that
// was due yesterday, so that My day has something in every section. Written directly with Prisma (the booking
// dates lie in the past); every CHECK and the case_task_rules trigger hold.
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { CaseState } from "../lib/domain/case-state";
import type { QueueMilestone } from "../lib/domain/case-queues";
import { addDays } from "../lib/domain/dates";
import { metMilestoneTaskKeys, milestoneBecomesTask, milestoneTaskKey } from "../lib/domain/tasks";
import { DEMO_AUTHORITIES, demoEmail } from "./seed";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The demo's booked work, relative to today, for the officer's open cases (oldest first) in turn. */
const BOOKINGS = [
  {
    kind: "home_visit",
    title: "Home visit",
    offset: 0,
    time: "10:00",
    notes: "Check the morning routine with mother.",
  },
  { kind: "phone_call", title: "Phone call", offset: 0, time: "14:30", notes: "Call father about the review meeting." },
  { kind: "reminder", title: "Ask school for the latest register", offset: -1, time: null, notes: "" },
  {
    kind: "meeting",
    title: "Meeting at school",
    offset: 1,
    time: "09:15",
    notes: "With the head of year and both parents.",
  },
  { kind: "home_visit", title: "Home visit", offset: 3, time: "11:00", notes: "" },
] as const;

export async function seedTasks(db: PrismaClient, today: string, log: (line: string) => void = () => {}) {
  for (const demo of DEMO_AUTHORITIES) {
    const authority = await db.authority.findFirst({ where: { laCode: demo.laCode } });
    if (!authority) continue;
    const users = await db.appUser.findMany({ where: { authorityId: authority.id } });
    const officer = users.find((u) => u.email === demoEmail(demo.slug, "officer"));
    const officer2 = users.find((u) => u.email === demoEmail(demo.slug, "officer2"));

    // Milestone tasks of every running window.
    const running = await db.attendanceCase.findMany({
      where: { authorityId: authority.id, status: "window_active" },
      include: { events: { where: { kind: { in: ["window_started", "review", "meeting"] } } } },
      orderBy: { id: "asc" },
    });
    let milestoneTasks = 0;
    for (const kase of running) {
      const started = kase.events.find((e) => e.kind === "window_started");
      const milestones = ((started?.details as { plan?: { milestones?: (QueueMilestone & { week: number })[] } })?.plan
        ?.milestones ?? []) as (QueueMilestone & { week: number })[];
      const work = kase.events
        .filter((e) => e.kind !== "window_started")
        .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
      for (const m of milestones.filter((x) => milestoneBecomesTask(x.key))) {
        const key = milestoneTaskKey(m);
        // The first review or meeting that meets it (as the queues judge), if any.
        const by = work.find(
          (e) =>
            metMilestoneTaskKeys({
              status: kase.status as CaseState,
              openedOn: iso(kase.openedOn),
              windowStart: iso(kase.windowStart!),
              windowEnd: iso(kase.windowEnd!),
              milestones,
              workDates: [iso(e.occurredOn)],
            }).includes(key) && e.actorUserId,
        );
        await db.caseTask.create({
          data: {
            authorityId: authority.id,
            caseId: kase.id,
            kind: "milestone",
            title: m.label,
            dueOn: d(m.due),
            assignedTo: kase.assignedOfficerId,
            source: "milestone",
            sourceKey: key,
            notes: `Week ${m.week} of the Fast Track window: record a review or meeting with the family.`,
            ...(by
              ? { status: "done", doneOn: by.occurredOn, doneBy: by.actorUserId!, doneEventId: by.id }
              : { status: "open" }),
            createdAt: kase.windowStart!,
          },
        });
        milestoneTasks++;
      }
    }

    // Booked work for the two officers' open cases.
    let booked = 0;
    for (const [who, bookings] of [
      [officer, BOOKINGS],
      [officer2, BOOKINGS.slice(0, 2)],
    ] as const) {
      if (!who) continue;
      const cases = await db.attendanceCase.findMany({
        where: { authorityId: authority.id, assignedOfficerId: who.id, status: { not: "closed" } },
        orderBy: [{ openedOn: "asc" }, { id: "asc" }],
        take: bookings.length,
      });
      for (const [i, b] of bookings.entries()) {
        const kase = cases[i % Math.max(cases.length, 1)];
        if (!kase) break;
        const dueOn = addDays(today, b.offset);
        if (dueOn < iso(kase.openedOn)) continue;
        await db.caseTask.create({
          data: {
            authorityId: authority.id,
            caseId: kase.id,
            kind: b.kind,
            title: b.title,
            dueOn: d(dueOn),
            dueTime: b.time,
            notes: b.notes,
            assignedTo: who.id,
            source: "officer",
            createdBy: who.id,
            createdAt: new Date(`${addDays(today, -3)}T09:00:00Z`),
          },
        });
        booked++;
      }
    }
    log(`  ${demo.name}: ${milestoneTasks} milestone tasks, ${booked} booked visits, meetings, calls and reminders`);
  }
}
