import { beforeAll, describe, expect, it } from "vitest";
import { STALE_VERSION, NOT_YOUR_CASE } from "@/lib/domain/case-rules";
import { CLOSED_CASE_READ_ONLY, WINDOW_ALREADY_STARTED } from "@/lib/domain/case-state";
import { addDays } from "@/lib/domain/dates";
import { DEFAULT_WINDOW_SETTINGS, planWindow } from "@/lib/domain/fast-track-window";
import { schoolCalendar, type CalendarEntry } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import {
  makeAuthority,
  makeCalendar,
  makeCase,
  makeParent,
  makePupil,
  makeSchool,
  TERMS_2026_27,
} from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { addCaseEvent } from "./add-case-event";
import { closeCase } from "./close-case";
import { findLetterParties } from "../letters/find-letter-parties";
import { getCase } from "./get-case";
import { getCaseForChange } from "./get-case-for-change";
import { openCase } from "./open-case";
import { reassignCase } from "./reassign-case";
import { reopenCase } from "./reopen-case";
import { setWindowSettings } from "./set-window-settings";
import { startWindow } from "./start-window";

type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let noCalendar: Authority;
let school: School;
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let admin: Actor;
let staff: Actor;
let otherOfficer: Actor;
let noCalendarOfficer: Actor;
let otherSchool: School;

const now = today();
const calendar = schoolCalendar(TERMS_2026_27 as unknown as CalendarEntry[]);
const newPupil = () => makePupil(testDb, { authority, school });
const caseFor = async (actor: Actor = officer, openedOn = addDays(now, -30)) =>
  openCase(actor, {
    pupilId: (await newPupil()).id,
    openedOn,
    assignedOfficerId: actor.role === "manager" ? officer.id : undefined,
  });
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
const target = { minAttendancePct: 90, maxUnauthorisedSessions: null };

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  noCalendar = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  school = await makeSchool(testDb, authority);
  otherSchool = await makeSchool(testDb, noCalendar);
  officer = await makeActor({ authority, role: "officer" });
  secondOfficer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  staff = await makeActor({ authority, role: "school", school });
  otherOfficer = await makeActor({ authority: other, role: "officer" });
  noCalendarOfficer = await makeActor({ authority: noCalendar, role: "officer" });
});

describe("openCase", () => {
  it("opens today by default with the parents with parental responsibility as parties, audited", async () => {
    const pupil = await newPupil();
    const mother = await makeParent(testDb, { authority, pupil });
    await makeParent(testDb, { authority, pupil, relationship: "other_relative", parentalResponsibility: false });
    const kase = await openCase(officer, { pupilId: pupil.id });
    expect(kase).toMatchObject({ status: "open", backDated: false, assignedOfficerId: officer.id, version: 1 });
    const detail = await getCase(officer, kase.id);
    expect(detail.openedOn).toBe(now);
    expect(detail.parties.map((p) => p.id)).toEqual([mother.id]);
    expect(detail.timeline[0]).toMatchObject({ kind: "opened", occurredOn: now, note: "" });
    expect(
      await testDb.auditLog.count({ where: { entityId: kase.id, action: { in: ["case.open", "case.view"] } } }),
    ).toBe(2);
  });

  it("names the parties chosen, which must be the pupil's own parents/carers", async () => {
    const pupil = await newPupil();
    await makeParent(testDb, { authority, pupil });
    const carer = await makeParent(testDb, { authority, pupil, relationship: "carer", parentalResponsibility: false });
    const stranger = await makeParent(testDb, { authority, pupil: await newPupil() });
    const error = await caught(openCase(officer, { pupilId: pupil.id, parentIds: [stranger.id] }));
    expect((error as ValidationError).fieldErrors.parentIds).toBeDefined();
    const kase = await openCase(officer, { pupilId: pupil.id, parentIds: [carer.id] });
    expect((await getCase(officer, kase.id)).parties.map((p) => p.id)).toEqual([carer.id]);
  });

  it("may be back-dated, and the timeline says so; never future-dated", async () => {
    const openedOn = addDays(now, -20);
    const kase = await caseFor(officer, openedOn);
    expect(kase.backDated).toBe(true);
    const opened = (await getCase(officer, kase.id)).timeline.find((e) => e.kind === "opened")!;
    expect(opened.occurredOn).toBe(openedOn);
    expect(opened.note).toMatch(/back-dated/);
    expect(opened.details).toMatchObject({ backDated: true, recordedOn: now });
    const error = await caught(caseFor(officer, addDays(now, 1)));
    expect((error as ValidationError).fieldErrors.openedOn).toBeDefined();
  });

  it("keeps a pupil to one open case, on the server and in the database", async () => {
    const pupil = await newPupil();
    await openCase(officer, { pupilId: pupil.id });
    await expect(openCase(officer, { pupilId: pupil.id })).rejects.toThrow(/already has an open case/);
    await expect(makeCase(testDb, { authority, pupil, officer })).rejects.toThrow(
      /attendance_case_one_open_per_pupil|Unique constraint/,
    );
  });

  it("is assigned only to an officer, in the database too (a raw write naming a manager is refused)", async () => {
    const pupil = await newPupil();
    await expect(makeCase(testDb, { authority, pupil, officer: manager })).rejects.toThrow(
      /attendance_case_assignee_is_officer|must be an officer/,
    );
    const kase = await makeCase(testDb, { authority, pupil, officer });
    await expect(
      rawPool.query("UPDATE attendance_case SET assigned_officer_id = $1 WHERE id = $2", [manager.id, kase.id]),
    ).rejects.toThrow(/must be an officer/);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).assignedOfficerId).toBe(
      officer.id,
    );
  });

  it("is refused to school staff and administrators, and for another authority's pupil", async () => {
    const pupil = await newPupil();
    await expect(openCase(staff, { pupilId: pupil.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openCase(admin, { pupilId: pupil.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openCase(otherOfficer, { pupilId: pupil.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names the field and what is allowed for bad input, and opens nothing", async () => {
    const pupil = await newPupil();
    const attempts: [() => Promise<unknown>, string, RegExp][] = [
      [() => openCase(officer, { pupilId: pupil.id, openedOn: "2026-02-30" }), "openedOn", /real date/],
      [() => openCase(officer, { pupilId: pupil.id, openedOn: addDays(now, 1) }), "openedOn", /./],
      [() => openCase(manager, { pupilId: pupil.id, assignedOfficerId: staff.id }), "assignedOfficerId", /officer/i],
      [() => openCase(officer, { pupilId: pupil.id, note: "x".repeat(5001) }), "note", /5000 characters/],
    ];
    for (const [attempt, field, message] of attempts) {
      const error = await caught(attempt());
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]?.join(" ")).toMatch(message);
    }
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(0);
  });
});

describe("who sees and changes a case", () => {
  it("is not found for another authority, school staff and administrators", async () => {
    const kase = await caseFor();
    for (const actor of [otherOfficer, staff, admin])
      await expect(getCase(actor, kase.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addCaseEvent(otherOfficer, { caseId: kase.id, version: 1, kind: "note", occurredOn: now, note: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      closeCase(otherOfficer, { caseId: kase.id, version: 1, outcome: "other", reason: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is changed only by the assigned officer or a manager", async () => {
    const kase = await caseFor();
    const error = await caught(
      addCaseEvent(secondOfficer, {
        caseId: kase.id,
        version: 1,
        kind: "phone_call",
        occurredOn: now,
        note: "Rang mum",
      }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toBe(NOT_YOUR_CASE);
    await expect(
      addCaseEvent(staff, { caseId: kase.id, version: 1, kind: "note", occurredOn: now, note: "x" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const byManager = await addCaseEvent(manager, {
      caseId: kase.id,
      version: 1,
      kind: "home_visit",
      occurredOn: now,
      note: "No answer",
    });
    expect(byManager.version).toBe(2);
    await addCaseEvent(officer, { caseId: kase.id, version: 2, kind: "letter", occurredOn: now, note: "" });
  });

  it("records a reassignment on the timeline; the old officer can no longer change the case", async () => {
    const kase = await caseFor();
    await expect(reassignCase(officer, { caseId: kase.id, version: 1, officerId: staff.id })).rejects.toThrow(
      /Select an officer/,
    );
    const moved = await reassignCase(officer, {
      caseId: kase.id,
      version: 1,
      officerId: secondOfficer.id,
      reason: "Caseload",
    });
    expect(moved).toMatchObject({ assignedOfficerId: secondOfficer.id, version: 2 });
    const event = (await getCase(manager, kase.id)).timeline[0]!;
    expect(event).toMatchObject({
      kind: "reassigned",
      note: "Caseload",
      details: { from: officer.id, to: secondOfficer.id },
    });
    await expect(
      addCaseEvent(officer, { caseId: kase.id, version: 2, kind: "note", occurredOn: now, note: "x" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await testDb.auditLog.count({ where: { action: "case.reassign", entityId: kase.id } })).toBe(1);
  });
});

describe("concurrent edits", () => {
  it("refuses the second of two saves made from the same version, and loses nothing from the first", async () => {
    const kase = await caseFor();
    await addCaseEvent(officer, { caseId: kase.id, version: 1, kind: "meeting", occurredOn: now, note: "First save" });
    const error = await caught(
      addCaseEvent(manager, { caseId: kase.id, version: 1, kind: "note", occurredOn: now, note: "Second save" }),
    );
    // A conflict (409 in the API), shown on the page like any other validation message.
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ValidationError).formError).toBe(STALE_VERSION);
    const notes = (await getCase(officer, kase.id)).timeline.map((e) => e.note);
    expect(notes).toContain("First save");
    expect(notes).not.toContain("Second save");
  });

  it("lets exactly one of two simultaneous saves through", async () => {
    const kase = await caseFor();
    const results = await Promise.allSettled([
      reassignCase(officer, { caseId: kase.id, version: 1, officerId: secondOfficer.id }),
      closeCase(manager, { caseId: kase.id, version: 1, outcome: "moved_school", reason: "Moved to Leeds" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as Error).message).toBe(STALE_VERSION);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(2);
  });
});

describe("startWindow", () => {
  it("takes its end date from the calendar and the default settings, records the target, and is audited", async () => {
    const kase = await caseFor(officer, addDays(now, -30));
    const startDate = addDays(now, -7);
    const started = await startWindow(officer, {
      caseId: kase.id,
      version: 1,
      startDate,
      minAttendancePct: "92.5",
      maxUnauthorisedSessions: "",
    });
    const plan = planWindow(calendar, startDate, DEFAULT_WINDOW_SETTINGS);
    expect(started).toMatchObject({
      status: "window_active",
      version: 2,
      targetMinAttendanceTenths: 925,
      targetMaxUnauthorised: null,
    });
    const detail = await getCase(officer, kase.id);
    expect(detail.window).toEqual({ start: startDate, end: plan.end });
    expect(detail.target).toEqual({ minAttendancePct: 92.5, maxUnauthorisedSessions: null });
    expect(detail.timeline[0]).toMatchObject({ kind: "window_started", occurredOn: startDate });
    expect(await testDb.auditLog.count({ where: { action: "case.start_window", entityId: kase.id } })).toBe(1);

    // Not twice.
    const again = await caught(startWindow(officer, { caseId: kase.id, version: 2, startDate, ...target }));
    expect((again as ValidationError).formError).toBe(WINDOW_ALREADY_STARTED);
  });

  it("uses the authority's own window length", async () => {
    await setWindowSettings(admin, {
      lengthWeeks: 6,
      milestones: [
        { key: "review", label: "Review", week: 3 },
        { key: "decision", label: "Decision", week: 6 },
      ],
    });
    try {
      const kase = await caseFor();
      const startDate = addDays(now, -2);
      await startWindow(officer, { caseId: kase.id, version: 1, startDate, ...target });
      const six = planWindow(calendar, startDate, {
        lengthWeeks: 6,
        milestones: [{ key: "decision", label: "D", week: 6 }],
      });
      expect((await getCase(officer, kase.id)).window?.end).toBe(six.end);
    } finally {
      await setWindowSettings(admin, {
        ...DEFAULT_WINDOW_SETTINGS,
        milestones: [...DEFAULT_WINDOW_SETTINGS.milestones],
      });
    }
    await expect(setWindowSettings(admin, { lengthWeeks: 6, milestones: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(setWindowSettings(officer, DEFAULT_WINDOW_SETTINGS as never)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("cannot start before the case opened, in the future, or without a valid target", async () => {
    const openedOn = addDays(now, -10);
    const kase = await caseFor(officer, openedOn);
    const before = await caught(
      startWindow(officer, { caseId: kase.id, version: 1, startDate: addDays(openedOn, -1), ...target }),
    );
    expect((before as ValidationError).fieldErrors.startDate?.[0]).toMatch(/before the case was opened/);
    const future = await caught(
      startWindow(officer, { caseId: kase.id, version: 1, startDate: addDays(now, 1), ...target }),
    );
    expect((future as ValidationError).fieldErrors.startDate?.[0]).toMatch(/future/);
    const noTarget = await caught(
      startWindow(officer, {
        caseId: kase.id,
        version: 1,
        startDate: now,
        minAttendancePct: null,
        maxUnauthorisedSessions: null,
      }),
    );
    expect((noTarget as ValidationError).fieldErrors.minAttendancePct).toBeDefined();
    const badTarget = await caught(
      startWindow(officer, {
        caseId: kase.id,
        version: 1,
        startDate: now,
        minAttendancePct: 101,
        maxUnauthorisedSessions: -1,
      }),
    );
    expect(Object.keys((badTarget as ValidationError).fieldErrors).sort()).toEqual([
      "maxUnauthorisedSessions",
      "minAttendancePct",
    ]);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(1);
  });

  it("is refused with a plain message when no calendar covers the window", async () => {
    const pupil = await makePupil(testDb, { authority: noCalendar, school: otherSchool });
    const kase = await openCase(noCalendarOfficer, { pupilId: pupil.id, openedOn: addDays(now, -5) });
    const error = await caught(
      startWindow(noCalendarOfficer, { caseId: kase.id, version: 1, startDate: now, ...target }),
    );
    expect((error as ValidationError).fieldErrors.startDate?.[0]).toMatch(/no term calendar.*Ask an administrator/);
  });

  it("is held by the database too: no window before opening, an end from nowhere, or a window without a target", async () => {
    const kase = await caseFor(officer, addDays(now, -10));
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const update = (data: object) => testDb.attendanceCase.update({ where: { id: kase.id }, data });
    await expect(
      update({ windowStart: day(addDays(now, -11)), windowEnd: day(addDays(now, 60)), targetMaxUnauthorised: 4 }),
    ).rejects.toThrow(/attendance_case_window_not_before_opening|constraint/);
    await expect(update({ windowStart: day(now), targetMaxUnauthorised: 4 })).rejects.toThrow(
      /attendance_case_window_both_or_neither|constraint/,
    );
    await expect(update({ windowStart: day(now), windowEnd: day(addDays(now, 60)) })).rejects.toThrow(
      /attendance_case_window_has_target|constraint/,
    );
    await expect(update({ status: "window_active" })).rejects.toThrow(/attendance_case_state_needs_window|constraint/);
  });

  it("is held by the database too: a window, once started, is never moved, re-targeted or started again", async () => {
    const kase = await caseFor(officer, addDays(now, -10));
    // A stale page's context fields (the form's pre-check) do not sway the server, which checks with its own.
    const started = await startWindow(officer, {
      caseId: kase.id,
      version: 1,
      startDate: addDays(now, -3),
      ...target,
      today: "2000-01-01",
      caseOpenedOn: "2999-01-01",
    });
    const before = await testDb.attendanceCase.findUniqueOrThrow({ where: { id: started.id } });
    const raw = (set: string) => rawPool.query(`UPDATE attendance_case SET ${set} WHERE id = $1`, [kase.id]);
    await expect(raw("window_start = window_start + 1")).rejects.toThrow(/cannot be changed or started again/);
    await expect(raw("window_end = window_end + 7")).rejects.toThrow(/cannot be changed or started again/);
    await expect(raw("window_start = NULL, window_end = NULL, status = 'open'")).rejects.toThrow(
      /cannot be changed or started again/,
    );
    await expect(raw("target_min_attendance_tenths = 500")).rejects.toThrow(/cannot be changed or started again/);
    await expect(raw("target_max_unauthorised = 99")).rejects.toThrow(/cannot be changed or started again/);
    await raw("version = version"); // other changes to the case are untouched by the rule
    expect(await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).toEqual(before);
  });
});

describe("timeline, closing and reopening", () => {
  it("lists work newest first and refuses dates in the future or before the case opened", async () => {
    const openedOn = addDays(now, -10);
    const kase = await caseFor(officer, openedOn);
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 1,
      kind: "meeting",
      occurredOn: addDays(now, -5),
      note: "Met both parents",
    });
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 2,
      kind: "attendance_contract",
      occurredOn: addDays(now, -1),
      note: "",
    });
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 3,
      kind: "phone_call",
      occurredOn: addDays(now, -3),
      note: "",
    });
    const kinds = (await getCase(officer, kase.id)).timeline.map((e) => e.kind);
    expect(kinds).toEqual(["attendance_contract", "phone_call", "meeting", "opened"]);
    for (const occurredOn of [addDays(now, 1), addDays(openedOn, -1)]) {
      const error = await caught(
        addCaseEvent(officer, { caseId: kase.id, version: 4, kind: "note", occurredOn, note: "x" }),
      );
      expect((error as ValidationError).fieldErrors.occurredOn).toBeDefined();
    }
    const noKind = await caught(
      addCaseEvent(officer, { caseId: kase.id, version: 4, kind: "closed" as never, occurredOn: now, note: "x" }),
    );
    expect((noKind as ValidationError).fieldErrors.kind).toBeDefined();
  });

  it("closes with an outcome and a reason, is then read-only, and reopens with a reason", async () => {
    const kase = await caseFor();
    const noReason = await caught(
      closeCase(officer, { caseId: kase.id, version: 1, outcome: "improved", reason: " " }),
    );
    expect((noReason as ValidationError).fieldErrors.reason).toBeDefined();
    await expect(testDb.attendanceCase.update({ where: { id: kase.id }, data: { status: "closed" } })).rejects.toThrow(
      /attendance_case_close_outcome_iff_closed|constraint/,
    );

    const closed = await closeCase(officer, {
      caseId: kase.id,
      version: 1,
      outcome: "improved",
      reason: "Attendance at 97% for a term",
    });
    expect(closed).toMatchObject({ status: "closed", closeOutcome: "improved", version: 2 });
    const readOnly = await caught(
      addCaseEvent(officer, { caseId: kase.id, version: 2, kind: "note", occurredOn: now, note: "x" }),
    );
    expect((readOnly as ValidationError).formError).toBe(CLOSED_CASE_READ_ONLY);
    await expect(reopenCase(secondOfficer, { caseId: kase.id, version: 2, reason: "x" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(reopenCase(officer, { caseId: kase.id, version: 2, reason: "" })).rejects.toBeInstanceOf(
      ValidationError,
    );

    const reopened = await reopenCase(officer, { caseId: kase.id, version: 2, reason: "Absences started again" });
    expect(reopened).toMatchObject({ status: "open", closeOutcome: null, closeReason: null, version: 3 });
    const timeline = (await getCase(officer, kase.id)).timeline;
    expect(timeline.map((e) => e.kind).slice(0, 2)).toEqual(["reopened", "closed"]);
    expect(timeline[0]!.details).toMatchObject({ previousOutcome: "improved" });
    await expect(reopenCase(officer, { caseId: kase.id, version: 3, reason: "x" })).rejects.toThrow(
      /Only a closed case/,
    );
    // The database holds the reason too: a reopening entry without one is refused whoever writes it.
    await expect(
      rawPool.query(
        "INSERT INTO case_event (case_id, authority_id, kind, occurred_on, note, actor_user_id) VALUES ($1, $2, 'reopened', $3, '  ', $4)",
        [kase.id, authority.id, now, officer.id],
      ),
    ).rejects.toThrow(/case_event_reopened_has_reason/);
  });

  it("refuses to reopen when the pupil has had another case opened since", async () => {
    const pupil = await newPupil();
    const first = await openCase(officer, { pupilId: pupil.id });
    await closeCase(officer, { caseId: first.id, version: 1, outcome: "other", reason: "Duplicate" });
    await openCase(officer, { pupilId: pupil.id });
    await expect(reopenCase(officer, { caseId: first.id, version: 2, reason: "Mistake" })).rejects.toThrow(
      /another open case/,
    );
  });

  it("audits every read and every write of a case", async () => {
    const kase = await caseFor();
    await getCase(officer, kase.id);
    await addCaseEvent(officer, { caseId: kase.id, version: 1, kind: "review", occurredOn: now, note: "" });
    await startWindow(officer, { caseId: kase.id, version: 2, startDate: now, ...target });
    await reassignCase(manager, { caseId: kase.id, version: 3, officerId: secondOfficer.id });
    await closeCase(secondOfficer, { caseId: kase.id, version: 4, outcome: "other", reason: "Family moved away" });
    await reopenCase(manager, { caseId: kase.id, version: 5, reason: "Came back" });
    await getCase(manager, kase.id);
    const actions = (
      await testDb.auditLog.findMany({ where: { entityType: "case", entityId: kase.id }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual([
      "case.open",
      "case.view",
      "case.add_event",
      "case.start_window",
      "case.reassign",
      "case.close",
      "case.reopen",
      "case.view",
    ]);
  });
});

describe("every case form refuses the wrong role and bad input, changing nothing", () => {
  /** The case row, its timeline and its audit rows: what a refused change must leave exactly as it was. */
  const snapshot = async (caseId: string) => ({
    kase: await testDb.attendanceCase.findUniqueOrThrow({ where: { id: caseId } }),
    events: await testDb.caseEvent.findMany({ where: { caseId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    audits: await testDb.auditLog.count({ where: { entityId: caseId, action: { not: "case.view" } } }),
  });

  it("refuses school staff and administrators, and hides the case from another authority, on every change and change page", async () => {
    const kase = await caseFor();
    const closed = await caseFor();
    await closeCase(officer, { caseId: closed.id, version: 1, outcome: "other", reason: "Duplicate" });
    const before = [await snapshot(kase.id), await snapshot(closed.id)];
    const changes = (actor: Actor) => [
      () => startWindow(actor, { caseId: kase.id, version: 1, startDate: now, ...target }),
      () => reassignCase(actor, { caseId: kase.id, version: 1, officerId: secondOfficer.id }),
      () => closeCase(actor, { caseId: kase.id, version: 1, outcome: "improved", reason: "Better" }),
      () => addCaseEvent(actor, { caseId: kase.id, version: 1, kind: "note", occurredOn: now, note: "x" }),
      () => reopenCase(actor, { caseId: closed.id, version: 2, reason: "Came back" }),
    ];
    for (const actor of [staff, admin]) {
      for (const change of changes(actor)) expect(await caught(change())).toBeInstanceOf(ForbiddenError);
      expect(await caught(getCaseForChange(actor, kase.id))).toBeInstanceOf(NotFoundError);
      expect(await caught(findLetterParties(actor, kase.id))).toBeInstanceOf(NotFoundError);
    }
    for (const change of changes(otherOfficer)) expect(await caught(change())).toBeInstanceOf(NotFoundError);
    expect(await caught(getCaseForChange(otherOfficer, kase.id))).toBeInstanceOf(NotFoundError);
    expect(await caught(findLetterParties(otherOfficer, kase.id))).toBeInstanceOf(NotFoundError);
    // An officer of the authority who is not assigned sees the change page with the reason instead of the form.
    expect((await getCaseForChange(secondOfficer, kase.id)).refused).toBe(NOT_YOUR_CASE);
    expect([await snapshot(kase.id), await snapshot(closed.id)]).toEqual(before);
  });

  it("names the field and what is allowed for bad input, and saves nothing", async () => {
    const kase = await caseFor();
    const closed = await caseFor();
    await closeCase(officer, { caseId: closed.id, version: 1, outcome: "other", reason: "Duplicate" });
    const before = [await snapshot(kase.id), await snapshot(closed.id)];
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [
        () => startWindow(officer, { caseId: kase.id, version: 1, startDate: "31/2/2026", ...target }),
        "startDate",
        /real date/,
      ],
      [
        () =>
          startWindow(officer, {
            caseId: kase.id,
            version: 1,
            startDate: now,
            minAttendancePct: "ninety",
            maxUnauthorisedSessions: null,
          }),
        "minAttendancePct",
        /must be a number/,
      ],
      [() => reassignCase(officer, { caseId: kase.id, version: 1, officerId: "" }), "officerId", /officer/],
      [
        () =>
          reassignCase(officer, { caseId: kase.id, version: 1, officerId: secondOfficer.id, reason: "x".repeat(2001) }),
        "reason",
        /2000 characters/,
      ],
      [
        () => closeCase(officer, { caseId: kase.id, version: 1, outcome: "happy" as never, reason: "Better" }),
        "outcome",
        /Choose the outcome/,
      ],
      [
        () => closeCase(officer, { caseId: kase.id, version: 1, outcome: "improved", reason: "" }),
        "reason",
        /reason for closing/,
      ],
      [
        () => addCaseEvent(officer, { caseId: kase.id, version: 1, kind: "note", occurredOn: "", note: "x" }),
        "occurredOn",
        /date it happened/,
      ],
      [
        () =>
          addCaseEvent(officer, { caseId: kase.id, version: 1, kind: "note", occurredOn: now, note: "x".repeat(5001) }),
        "note",
        /5000 characters/,
      ],
      [() => reopenCase(officer, { caseId: closed.id, version: 2, reason: "  " }), "reason", /reason for reopening/],
    ];
    for (const [attempt, field, message] of cases) {
      const error = await caught(attempt());
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]?.join(" ")).toMatch(message);
    }
    expect([await snapshot(kase.id), await snapshot(closed.id)]).toEqual(before);
  });

  it("window settings: administrators only; bad settings name the field and leave the saved ones as they were", async () => {
    const settingsOf = () => testDb.authorityCaseSettings.findUnique({ where: { authorityId: authority.id } });
    const before = await settingsOf();
    for (const actor of [officer, manager, staff]) {
      expect(
        await caught(
          setWindowSettings(actor, { ...DEFAULT_WINDOW_SETTINGS, milestones: [...DEFAULT_WINDOW_SETTINGS.milestones] }),
        ),
      ).toBeInstanceOf(ForbiddenError);
    }
    const error = await caught(
      setWindowSettings(admin, { lengthWeeks: "twelve" as never, milestones: [...DEFAULT_WINDOW_SETTINGS.milestones] }),
    );
    expect((error as ValidationError).fieldErrors.lengthWeeks?.join(" ")).toMatch(/number of school weeks/);
    expect(await settingsOf()).toEqual(before);
  });
});
