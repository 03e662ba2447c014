// The school's view of a case its flag opened (issue 15, "Schools kept in the loop"): what the school sees, what it
// never sees (the family's casework notes), who is refused, and the notifications the school gets.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCalendar, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { addCaseEvent } from "../cases/add-case-event";
import { startWindow } from "../cases/start-window";
import { NotFoundError } from "../errors";
import { acceptFlag } from "../flags/accept-flag";
import { addToFlag } from "../flags/add-to-flag";
import { declineFlag } from "../flags/decline-flag";
import { findFlags } from "../flags/find-flags";
import { flagPupil } from "../flags/flag-pupil";
import { findSchoolCaseIdForPupil, getSchoolCaseView } from "./get-school-case-view";

type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let schoolA: School;
let schoolB: School;
let officer: Actor;
let manager: Actor;
let staffA: Actor;
let staffB: Actor;
let otherStaff: Actor;

const PRIVATE_NOTE = "Mother disclosed a private family matter during the home visit";
const flagInput = (pupilId: string) => ({
  pupilId,
  reason: "Absent most Mondays since September",
  triedMeeting: true,
  triedAttendanceContract: false,
  triedEarlyHelp: false,
  triedOther: "",
});
const notices = (user: Actor, caseId?: string) =>
  testDb.notification.findMany({
    where: { userId: user.id, ...(caseId ? { caseId } : {}) },
    orderBy: { createdAt: "asc" },
  });

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  schoolA = await makeSchool(testDb, authority);
  schoolB = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer", name: "Olive Officer" });
  manager = await makeActor({ authority, role: "manager" });
  staffA = await makeActor({ authority, role: "school", school: schoolA });
  staffB = await makeActor({ authority, role: "school", school: schoolB });
  otherStaff = await makeActor({ authority: other, role: "school", school: await makeSchool(testDb, other) });
});

async function acceptedCase() {
  const pupil = await makePupil(testDb, { authority, school: schoolA, enrolledOn: "2025-09-01" });
  await makeParent(testDb, { authority, pupil });
  const flag = await flagPupil(staffA, flagInput(pupil.id));
  const { case: kase } = await acceptFlag(officer, { flagId: flag.id, openedOn: "2026-10-01" });
  return { pupil, flag, kase };
}

describe("the school's view of a case its flag opened", () => {
  it("shows the officer, the window's dates, target and milestones, and never the casework notes", async () => {
    const { pupil, kase } = await acceptedCase();
    const started = await startWindow(officer, {
      caseId: kase.id,
      version: kase.version,
      startDate: "2026-11-02",
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: started.version,
      kind: "home_visit",
      occurredOn: "2026-11-10",
      note: PRIVATE_NOTE,
    });

    const view = await getSchoolCaseView(staffA, kase.id);
    expect(view.officer.name).toBe("Olive Officer");
    expect(view.pupil.id).toBe(pupil.id);
    expect(view.window).toMatchObject({ start: "2026-11-02", target: { minAttendancePct: 90 } });
    expect(view.window!.milestones.length).toBeGreaterThan(0);
    const serialised = JSON.stringify(view);
    expect(serialised).not.toContain(PRIVATE_NOTE);
    expect(serialised).not.toContain("Opened from a school flag");
    expect(await testDb.auditLog.count({ where: { action: "case.school_view", entityId: kase.id } })).toBe(1);
    expect(await findSchoolCaseIdForPupil(staffA, pupil.id)).toBe(kase.id);
  });

  it("is not found for another school, another authority, the officers' roles and a pupil who left", async () => {
    const { pupil, kase } = await acceptedCase();
    for (const actor of [staffB, otherStaff, officer, manager]) {
      await expect(getSchoolCaseView(actor, kase.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await findSchoolCaseIdForPupil(staffB, pupil.id)).toBeNull();
    await expect(getSchoolCaseView(staffA, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await testDb.enrolment.updateMany({ where: { pupilId: pupil.id }, data: { endDate: new Date("2026-10-01") } });
    await expect(getSchoolCaseView(staffA, kase.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("notifications to the school", () => {
  it("tells the school's staff when the flag is accepted and when the window starts, naming the pupil", async () => {
    const { pupil, kase } = await acceptedCase();
    await startWindow(officer, {
      caseId: kase.id,
      version: kase.version,
      startDate: "2026-11-02",
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
    // Both written on the test's fixed clock (the same created_at): compared by kind, not by order.
    const told = await notices(staffA, kase.id);
    expect(told.map((n) => n.kind).sort()).toEqual(["flag_accepted", "window_started"]);
    expect(told.every((n) => n.message.includes(pupil.lastName))).toBe(true);
    expect(told.find((n) => n.kind === "flag_accepted")!.message).toContain("Olive Officer");
    expect(await notices(staffB, kase.id)).toEqual([]);
  });

  it("tells the school when the flag is declined, with no case", async () => {
    const pupil = await makePupil(testDb, { authority, school: schoolA, enrolledOn: "2025-09-01" });
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    await declineFlag(officer, { flagId: flag.id, reason: "Attendance is improving already" });
    const told = (await notices(staffA)).filter((n) => n.kind === "flag_declined");
    expect(told.some((n) => n.message.includes(pupil.lastName))).toBe(true);
  });
});

describe("flagging a pupil who already has an open flag or case", () => {
  it("says so, and lets the school add to the waiting flag or to the open case", async () => {
    const pupil = await makePupil(testDb, { authority, school: schoolA, enrolledOn: "2025-09-01" });
    await makeParent(testDb, { authority, pupil });
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    await expect(flagPupil(staffA, flagInput(pupil.id))).rejects.toThrow(/add to that flag instead/);
    const note = await addToFlag(staffA, { flagId: flag.id, note: "He missed Monday again" });
    expect(note.flagId).toBe(flag.id);
    await expect(addToFlag(staffB, { flagId: flag.id, note: "Not our pupil" })).rejects.toBeInstanceOf(NotFoundError);

    const { case: kase } = await acceptFlag(officer, { flagId: flag.id });
    await expect(addToFlag(staffA, { flagId: flag.id, note: "Too late" })).rejects.toThrow(/already decided/);
    // The database refuses a note on a decided flag too.
    await expect(
      testDb.caseFlagNote.create({
        data: { authorityId: authority.id, flagId: flag.id, schoolId: schoolA.id, addedBy: staffA.id, note: "Raw" },
      }),
    ).rejects.toThrow(/case_flag_note/);

    await expect(flagPupil(staffA, flagInput(pupil.id))).rejects.toThrow(/open case for this pupil/);
    const added = await flagPupil(staffA, { ...flagInput(pupil.id), addToOpenCase: "on" });
    expect(added).toMatchObject({ status: "merged", caseId: kase.id });
    const timeline = await testDb.caseEvent.findMany({ where: { caseId: kase.id, kind: "flag_merged" } });
    expect(timeline).toHaveLength(1);
    expect((await notices(officer, kase.id)).map((n) => n.kind)).toContain("flag_added_by_school");
    const mine = await findFlags(staffA);
    const seen = mine.find((f) => f.id === added.id);
    expect(seen && "followCaseId" in seen ? seen.followCaseId : undefined).toBe(kase.id);
  });
});
