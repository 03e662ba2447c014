// Tasks and appointments (issue 15, "What to do today"): booked for today or later, reassigned, marked done (which
// records the work on the timeline), made by a window's milestones and by the daily job, kept in step with the
// queues, and held by the database for any writer.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { CLOSED_CASE_READ_ONLY } from "@/lib/domain/case-state";
import { NOT_YOUR_TASK } from "@/lib/domain/tasks";
import { today } from "@/lib/env";
import { makeAuthority, makeCalendar, makeCase, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { addCaseEvent } from "../cases/add-case-event";
import { closeCase } from "../cases/close-case";
import { openCase } from "../cases/open-case";
import { reassignCase } from "../cases/reassign-case";
import { startWindow } from "../cases/start-window";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { cancelTask } from "./cancel-task";
import { completeTask } from "./complete-task";
import { findCaseTasks } from "./find-case-tasks";
import { findMyDay } from "./find-my-day";
import { getTask } from "./get-task";
import { insertSystemTasks } from "./insert-system-tasks";
import { reassignTask } from "./reassign-task";
import { reassignTasks } from "./reassign-tasks";
import { scheduleTask } from "./schedule-task";

type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let school: School;
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let admin: Actor;
let staff: Actor;
let otherOfficer: Actor;

const now = today(); // Friday 20 November 2026
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
const fieldErrors = (e: unknown) => (e as ValidationError).fieldErrors;

async function openFor(actor: Actor, openedOn = addDays(now, -40)) {
  const pupil = await makePupil(testDb, { authority, school });
  return openCase(actor.role === "manager" ? manager : actor, {
    pupilId: pupil.id,
    openedOn,
    assignedOfficerId: actor.role === "manager" ? officer.id : undefined,
  });
}

const book = (actor: Actor, caseId: string, extra: Record<string, unknown> = {}) =>
  scheduleTask(actor, {
    caseId,
    kind: "home_visit",
    "dueOn-day": "23",
    "dueOn-month": "11",
    "dueOn-year": "2026",
    dueTime: "10:30",
    ...extra,
  } as never);

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer", name: "Olive Officer" });
  secondOfficer = await makeActor({ authority, role: "officer", name: "Sam Second" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  staff = await makeActor({ authority, role: "school", school });
  otherOfficer = await makeActor({ authority: other, role: "officer" });
});

describe("booking a visit, meeting, call or reminder", () => {
  it("books it for a later day and time, for the officer booking it", async () => {
    const kase = await openFor(officer);
    const task = await book(officer, kase.id, { notes: "Bring the attendance letter" });
    expect(task).toMatchObject({ kind: "home_visit", title: "Home visit", dueTime: "10:30", assignedTo: officer.id });
    expect(task.dueOn.toISOString().slice(0, 10)).toBe("2026-11-23");
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { action: "task.schedule", entityId: task.id } });
    expect(audit.actorUserId).toBe(officer.id);
  });

  it('accepts today and a date typed as "27/11/2026"; refuses a past day with a message naming today', async () => {
    const kase = await openFor(officer);
    const todays = await book(officer, kase.id, { "dueOn-day": "20", dueTime: "" });
    expect(todays.dueTime).toBeNull();
    const typed = await book(officer, kase.id, { "dueOn-day": "27/11/2026", "dueOn-month": "", "dueOn-year": "" });
    expect(typed.dueOn.toISOString().slice(0, 10)).toBe("2026-11-27");
    const past = await caught(book(officer, kase.id, { "dueOn-day": "19" }));
    expect(past).toBeInstanceOf(ValidationError);
    expect(fieldErrors(past).dueOn).toEqual([
      "The date must be today (20 November 2026) or later: to record work that has already happened, add it to the timeline instead",
    ]);
  });

  it("refuses a time that is not a time of day, and a bad date, naming the field", async () => {
    const kase = await openFor(officer);
    const e = await caught(book(officer, kase.id, { dueTime: "25:00", "dueOn-day": "31" }));
    expect(fieldErrors(e)).toMatchObject({
      dueTime: ["Enter a real time of day, like 9:30am, 2pm or 14:05"],
      dueOn: ["The date must be a real date"],
    });
  });

  it("ignores the form's context fields: the server's own clock decides", async () => {
    const kase = await openFor(officer);
    const e = await caught(
      book(officer, kase.id, { "dueOn-day": "19", today: "2026-11-01", caseOpenedOn: "2026-10-01" }),
    );
    expect(fieldErrors(e).dueOn?.[0]).toMatch(/today \(20 November 2026\) or later/);
  });

  it("is refused to another officer (not their case), school staff, administrators and other authorities", async () => {
    const kase = await openFor(officer);
    expect(await caught(book(secondOfficer, kase.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(book(staff, kase.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(book(admin, kase.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(book(otherOfficer, kase.id))).toBeInstanceOf(NotFoundError);
    expect(await testDb.caseTask.count({ where: { caseId: kase.id } })).toBe(0);
  });

  it("lets a manager book for an officer, never for school staff", async () => {
    const kase = await openFor(officer);
    const task = await book(manager, kase.id, { assignedTo: secondOfficer.id });
    expect(task.assignedTo).toBe(secondOfficer.id);
    const e = await caught(book(manager, kase.id, { assignedTo: staff.id }));
    expect(fieldErrors(e).assignedTo).toEqual(["Select an officer or manager of this authority"]);
  });
});

describe("reassigning, completing and cancelling", () => {
  it("reassigns a task to another officer, who may then complete it; an unrelated officer may not touch it", async () => {
    const kase = await openFor(officer);
    const task = await book(officer, kase.id);
    await reassignTask(officer, { taskId: task.id, version: 1, assignedTo: secondOfficer.id });
    const third = await makeActor({ authority, role: "officer" });
    const refused = await caught(reassignTask(third, { taskId: task.id, version: 2, assignedTo: third.id }));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toBe(NOT_YOUR_TASK);
    const stale = await caught(reassignTask(officer, { taskId: task.id, version: 1, assignedTo: officer.id }));
    expect(stale).toBeInstanceOf(ConflictError);

    const done = await completeTask(secondOfficer, {
      taskId: task.id,
      version: 2,
      doneOn: "2026-11-20",
      note: "Spoke to mother on the doorstep.",
    } as never);
    const event = await testDb.caseEvent.findUniqueOrThrow({ where: { id: done.eventId } });
    expect(event).toMatchObject({
      kind: "home_visit",
      note: "Spoke to mother on the doorstep.",
      actorUserId: secondOfficer.id,
    });
    expect(event.occurredOn.toISOString().slice(0, 10)).toBe("2026-11-20");
    const saved = await testDb.caseTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(saved).toMatchObject({ status: "done", doneBy: secondOfficer.id, doneEventId: event.id, version: 3 });
    // The timeline changed, so a form built on the case's old version is out of date.
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(kase.version + 1);
    const again = await caught(completeTask(officer, { taskId: task.id, version: 3, doneOn: "2026-11-20" } as never));
    expect((again as ValidationError).formError).toBe("This task has already been marked as done");
  });

  it("refuses to mark a task done in the future or before the case opened", async () => {
    const kase = await openFor(officer, "2026-11-02");
    const task = await book(officer, kase.id);
    const future = await caught(completeTask(officer, { taskId: task.id, version: 1, doneOn: "2026-11-21" } as never));
    expect(fieldErrors(future).doneOn).toEqual([
      "The date cannot be in the future: enter today (20 November 2026) or earlier",
    ]);
    const early = await caught(
      completeTask(officer, {
        taskId: task.id,
        version: 1,
        "doneOn-day": "1",
        "doneOn-month": "11",
        "doneOn-year": "2026",
      } as never),
    );
    expect(fieldErrors(early).doneOn).toEqual(["The date cannot be before the case opened on 2 November 2026"]);
    expect((await testDb.caseTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("open");
  });

  it("records a reminder as a note, and cancels a task with a reason", async () => {
    const kase = await openFor(officer);
    const reminder = await book(officer, kase.id, {
      kind: "reminder",
      title: "Ask school for the register",
      dueTime: "",
    });
    const done = await completeTask(officer, { taskId: reminder.id, version: 1, doneOn: now } as never);
    const event = await testDb.caseEvent.findUniqueOrThrow({ where: { id: done.eventId } });
    expect(event).toMatchObject({ kind: "note", note: "Ask school for the register" });

    const call = await book(officer, kase.id, { kind: "phone_call" });
    const blank = await caught(cancelTask(officer, { taskId: call.id, version: 1, reason: " " }));
    expect(fieldErrors(blank).reason).toBeDefined();
    await cancelTask(officer, { taskId: call.id, version: 1, reason: "Family moved the meeting" });
    expect(await testDb.caseTask.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: "cancelled",
      cancelReason: "Family moved the meeting",
    });
  });

  it("bulk reassigns all or nothing", async () => {
    const mine = await openFor(officer);
    const theirs = await openFor(secondOfficer);
    const a = await book(officer, mine.id);
    const b = await book(officer, mine.id, { kind: "meeting" });
    const c = await book(secondOfficer, theirs.id);
    const refused = await caught(reassignTasks(officer, { taskIds: [a.id, b.id, c.id], assignedTo: secondOfficer.id }));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((await testDb.caseTask.findUniqueOrThrow({ where: { id: a.id } })).assignedTo).toBe(officer.id);
    const moved = await reassignTasks(officer, { taskIds: `${a.id},${b.id}`, assignedTo: secondOfficer.id });
    expect(moved).toEqual({ moved: 2, unchanged: 0 });
    expect(await caught(reassignTasks(otherOfficer, { taskIds: [a.id], assignedTo: otherOfficer.id }))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it("moves the outgoing officer's open tasks with the case, and cancels open tasks when the case closes", async () => {
    const kase = await openFor(officer);
    const own = await book(officer, kase.id);
    const colleague = await book(officer, kase.id, { assignedTo: manager.id });
    const moved = await reassignCase(officer, { caseId: kase.id, version: kase.version, officerId: secondOfficer.id });
    expect((await testDb.caseTask.findUniqueOrThrow({ where: { id: own.id } })).assignedTo).toBe(secondOfficer.id);
    expect((await testDb.caseTask.findUniqueOrThrow({ where: { id: colleague.id } })).assignedTo).toBe(manager.id);
    await closeCase(secondOfficer, {
      caseId: kase.id,
      version: moved.version,
      outcome: "improved",
      reason: "Back in school",
    });
    const tasks = await testDb.caseTask.findMany({ where: { caseId: kase.id } });
    expect(tasks.map((t) => [t.status, t.cancelReason])).toEqual([
      ["cancelled", "The case was closed"],
      ["cancelled", "The case was closed"],
    ]);
    const refused = await caught(book(manager, kase.id));
    expect((refused as ValidationError).formError).toBe(CLOSED_CASE_READ_ONLY);
  });
});

describe("marking a booked visit done by recording it in full (ADR 063)", () => {
  const record = (caseId: string, version: number, taskId: string, taskVersion: number, extra = {}) =>
    addCaseEvent(officer, {
      caseId,
      version,
      kind: "home_visit",
      occurredOn: "2026-11-20",
      note: "Nobody home; card through the door.",
      contactTime: "4:30pm",
      contactOutcome: "card_left",
      childSeen: "no",
      nextStep: "Visit again on Monday before school",
      taskId,
      taskVersion,
      ...extra,
    } as never);

  it("records the visit with its contact record and marks the booking done by that entry, audited both ways", async () => {
    const kase = await openFor(officer);
    const task = await book(officer, kase.id);
    const saved = await record(kase.id, kase.version, task.id, 1);
    const event = await testDb.caseEvent.findUniqueOrThrow({ where: { id: saved.eventId } });
    expect(event).toMatchObject({
      kind: "home_visit",
      contactTime: "16:30",
      contactOutcome: "card_left",
      childSeen: false,
      nextStep: "Visit again on Monday before school",
    });
    expect(event.details).toMatchObject({ taskId: task.id, booked: "23 November 2026 at 10:30am" });
    expect(await testDb.caseTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "done",
      doneBy: officer.id,
      doneEventId: event.id,
      version: 2,
    });
    expect(await testDb.auditLog.count({ where: { entityId: task.id, action: "task.complete" } })).toBe(1);
    const caseAudit = await testDb.auditLog.findFirstOrThrow({
      where: { entityId: kase.id, action: "case.add_event" },
    });
    expect(caseAudit.detail).toMatchObject({ taskId: task.id, eventId: event.id });
  });

  it("refuses another kind than booked, a stale or finished booking, and another case's booking, saving nothing", async () => {
    const kase = await openFor(officer);
    const task = await book(officer, kase.id);
    const wrongKind = await caught(
      record(kase.id, kase.version, task.id, 1, { kind: "phone_call", childSeen: undefined }),
    );
    expect(fieldErrors(wrongKind)).toEqual({
      kind: ["This was booked as a home visit: record it as one, or record the other work separately"],
    });
    expect(await caught(record(kase.id, kase.version, task.id, 7))).toBeInstanceOf(ConflictError);
    const other = await openFor(officer);
    const otherTask = await book(officer, other.id);
    expect(await caught(record(kase.id, kase.version, otherTask.id, 1))).toBeInstanceOf(NotFoundError);
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "home_visit" } })).toBe(0);
    expect((await testDb.caseTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("open");
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(kase.version);

    await record(kase.id, kase.version, task.id, 1);
    const again = await caught(record(kase.id, kase.version + 1, task.id, 2));
    expect((again as ValidationError).formError).toBe("This task has already been marked as done");
    // A reminder is marked done on its own form, not recorded as a visit.
    const reminder = await book(officer, kase.id, { kind: "reminder", title: "Chase the school" });
    const refused = await caught(record(kase.id, kase.version + 1, reminder.id, 1));
    expect((refused as ValidationError).formError).toBe(
      "Only a booked visit, meeting or call is recorded from the timeline form",
    );
  });
});

describe("tasks the service makes", () => {
  it("makes a task of each of a window's milestones but the decision, for the case's officer", async () => {
    const kase = await openFor(officer, "2026-10-01");
    await startWindow(officer, {
      caseId: kase.id,
      version: kase.version,
      startDate: "2026-11-02",
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
    const tasks = await findCaseTasks(officer, kase.id);
    expect(tasks.map((t) => [t.kind, t.source, t.title, t.assignedTo.id, t.status])).toEqual([
      ["milestone", "milestone", "Action plan targets due", officer.id, "open"],
      ["milestone", "milestone", "Review", officer.id, "open"],
    ]);
    expect(tasks[0]!.dueOn < tasks[1]!.dueOn).toBe(true);
  });

  it("marks the milestone task done when a review recorded on the timeline meets it", async () => {
    const kase = await openFor(officer, "2026-09-01");
    const started = await startWindow(officer, {
      caseId: kase.id,
      version: kase.version,
      startDate: "2026-09-07",
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
    const saved = await addCaseEvent(officer, {
      caseId: kase.id,
      version: started.version,
      kind: "review",
      occurredOn: "2026-09-22",
      note: "Action plan agreed",
    });
    const tasks = await testDb.caseTask.findMany({ where: { caseId: kase.id }, orderBy: { dueOn: "asc" } });
    const review = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "review" } });
    expect(tasks.map((t) => t.status)).toEqual(["done", "open"]);
    expect(tasks[0]).toMatchObject({ doneEventId: review.id, doneBy: officer.id });
    // Completing the review milestone's task records a review, which is what meets it.
    const done = await completeTask(officer, {
      taskId: tasks[1]!.id,
      version: tasks[1]!.version,
      doneOn: "2026-11-19",
    } as never);
    expect((await testDb.caseEvent.findUniqueOrThrow({ where: { id: done.eventId } })).kind).toBe("review");
    expect(saved.version).toBeGreaterThan(started.version);
  });

  it("inserts the daily job's follow-up once, however often it runs", async () => {
    const kase = await openFor(officer);
    const task = {
      authorityId: authority.id,
      caseId: kase.id,
      assignedTo: officer.id,
      title: "Window decided: not referred",
      dueOn: now,
      notes: "Decide the next step with the family.",
      sourceKey: "decision:00000000-0000-4000-8000-000000000001",
    };
    await insertSystemTasks(rawPool, [task], new Date());
    await insertSystemTasks(rawPool, [task], new Date());
    const rows = await testDb.caseTask.findMany({ where: { caseId: kase.id } });
    expect(rows.map((r) => [r.kind, r.source, r.status, r.createdBy])).toEqual([
      ["follow_up", "daily_job", "open", null],
    ]);
  });
});

describe("My day", () => {
  it("lists the officer's own tasks overdue, today and coming up, in date and time order; the team view adds colleagues'", async () => {
    const authorityB = await makeAuthority(testDb);
    await makeCalendar(testDb, authorityB);
    const schoolB = await makeSchool(testDb, authorityB);
    const me = await makeActor({ authority: authorityB, role: "officer", name: "Mo Me" });
    const colleague = await makeActor({ authority: authorityB, role: "officer", name: "Cy Colleague" });
    const managerB = await makeActor({ authority: authorityB, role: "manager" });
    const mk = async (who: Actor) => {
      const pupil = await makePupil(testDb, { authority: authorityB, school: schoolB });
      return makeCase(testDb, { authority: authorityB, pupil, officer: who, openedOn: "2026-10-01" });
    };
    const mine = await mk(me);
    const theirs = await mk(colleague);
    const raw = (caseId: string, who: Actor, dueOn: string, dueTime: string | null, kind = "home_visit") =>
      testDb.caseTask.create({
        data: {
          authorityId: authorityB.id,
          caseId,
          kind,
          title: kind === "meeting" ? "Meeting" : "Home visit",
          dueOn: new Date(`${dueOn}T00:00:00Z`),
          dueTime,
          assignedTo: who.id,
          createdBy: who.id,
        },
      });
    const late = await raw(mine.id, me, "2026-11-18", null);
    const afternoon = await raw(mine.id, me, now, "14:00");
    const morning = await raw(mine.id, me, now, "09:30", "meeting");
    const soon = await raw(mine.id, me, "2026-11-25", "11:00");
    await raw(mine.id, me, "2026-12-10", "11:00"); // beyond the next 7 days
    const colleagues = await raw(theirs.id, colleague, now, "10:00");

    const day = await findMyDay(me);
    expect(day.view).toBe("mine");
    expect(day.sections.overdue.map((i) => i.task?.id)).toEqual([late.id]);
    expect(day.sections.today.map((i) => i.task?.id)).toEqual([morning.id, afternoon.id]);
    expect(day.sections.upcoming.map((i) => i.task?.id)).toEqual([soon.id]);
    expect(day.counts).toEqual({ overdue: 1, today: 2, upcoming: 1 });
    expect(day.sections.today[0]).toMatchObject({ label: "Meeting", time: "09:30", officer: "Mo Me" });

    const team = await findMyDay(me, "team");
    expect(team.sections.today.map((i) => i.task?.id)).toEqual([morning.id, colleagues.id, afternoon.id]);
    expect(team.sections.today.find((i) => i.task?.id === colleagues.id)?.task?.mayChange).toBe(false);
    expect((await findMyDay(managerB)).view).toBe("team");
    expect(await caught(findMyDay(staff))).toBeInstanceOf(ForbiddenError);
    // Both views are audited, in the order they were read (the chain's order: a read without an order may come back
    // in any order).
    const audits = await testDb.auditLog.findMany({
      where: { action: "my_day.view", actorUserId: me.id },
      orderBy: { chainSeq: "asc" },
    });
    expect(audits.map((a) => a.detail)).toMatchObject([
      { view: "mine", overdue: 1, today: 2, upcoming: 1 },
      { view: "team", today: 3 },
    ]);
  });

  it("getTask is a 404 outside scope and says why a colleague may not change a task", async () => {
    const kase = await openFor(officer);
    const task = await book(officer, kase.id);
    expect((await getTask(officer, task.id)).refused).toBeNull();
    expect((await getTask(secondOfficer, task.id)).refused).toBe(NOT_YOUR_TASK);
    expect(await caught(getTask(otherOfficer, task.id))).toBeInstanceOf(NotFoundError);
    expect(await caught(getTask(staff, task.id))).toBeInstanceOf(NotFoundError);
  });
});

/** The rule a refused write broke. Citus passes a worker's error on without its constraint field: a constraint's
 * (shard's) name is still in the message, and a rule that only case_task_rules() names (RAISE … USING CONSTRAINT)
 * is known by its message, with the same SQLSTATE (23514). */
const TRIGGER_RULES: [RegExp, string][] = [
  [/is before the case opened/, "case_task_not_before_case"],
  [/is assigned to an officer or a manager/, "case_task_assignee_role"],
  [/task cannot be changed/, "case_task_final"],
];
const brokenRule = (e: { constraint?: string; code?: string; message: string }) =>
  e.constraint ??
  /constraint "([a-z_]+?)(?:_\d+)?"/.exec(e.message)?.[1] ??
  (e.code === "23514" ? TRIGGER_RULES.find(([m]) => m.test(e.message))?.[1] : undefined) ??
  e.message;

describe("the database holds the rules for any writer", () => {
  const insert = (values: Record<string, unknown>) => {
    const cols = Object.keys(values);
    return rawPool
      .query(
        `INSERT INTO case_task (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
        Object.values(values),
      )
      .then(() => null, brokenRule);
  };
  let base: Record<string, unknown>;
  beforeAll(async () => {
    const kase = await openFor(officer, "2026-10-01");
    base = {
      authority_id: authority.id,
      case_id: kase.id,
      kind: "home_visit",
      title: "Home visit",
      due_on: "2026-11-23",
      assigned_to: officer.id,
      created_by: officer.id,
    };
  });

  it("accepts a good row", async () => {
    expect(await insert(base)).toBeNull();
  });

  it("refuses a time that is not a time of day, a day before the case opened, and school staff as assignee", async () => {
    expect(await insert({ ...base, due_time: "25:00" })).toBe("case_task_due_time_check");
    expect(await insert({ ...base, due_on: "2026-09-30" })).toBe("case_task_not_before_case");
    const schoolUser = await makeUser(testDb, { authority, role: "school", school });
    expect(await insert({ ...base, assigned_to: schoolUser.id })).toBe("case_task_assignee_role");
  });

  it("refuses done without its entry, cancelled without a reason, and a service task without its key", async () => {
    expect(await insert({ ...base, status: "done", done_on: "2026-11-20", done_by: officer.id })).toBe(
      "case_task_done_iff_recorded",
    );
    expect(await insert({ ...base, status: "cancelled" })).toBe("case_task_cancelled_iff_reason");
    expect(await insert({ ...base, kind: "milestone", source: "milestone" })).toBe("case_task_service_has_key");
    expect(await insert({ ...base, kind: "follow_up" })).toBe("case_task_kind_matches_source");
  });

  it("makes a service task once, and keeps done tasks done", async () => {
    const key = { ...base, kind: "follow_up", source: "daily_job", source_key: "decision:x", created_by: null };
    expect(await insert(key)).toBeNull();
    expect(await insert(key)).toBe("case_task_made_once");
    const { rows } = await rawPool.query<{ id: string }>(
      `SELECT id FROM case_task WHERE case_id = $1 AND source_key = 'decision:x'`,
      [base.case_id],
    );
    await rawPool.query(`UPDATE case_task SET status = 'cancelled', cancel_reason = 'x' WHERE id = $1`, [rows[0]!.id]);
    const reopened = await rawPool
      .query(`UPDATE case_task SET status = 'open', cancel_reason = NULL WHERE id = $1`, [rows[0]!.id])
      .then(() => null, brokenRule);
    expect(reopened).toBe("case_task_final");
  });
});
