// Integration tests for the triage pages' server functions: one flag for the triage page, the queue's school
// filter, and accepting a flag with a back-dated opening.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { getCase } from "../cases/get-case";
import { openCase } from "../cases/open-case";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { acceptFlag } from "./accept-flag";
import { findFlags } from "./find-flags";
import { flagPupil } from "./flag-pupil";
import { getFlag } from "./get-flag";

type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let schoolA: School;
let schoolB: School;
let officer: Actor;
let manager: Actor;
let admin: Actor;
let staffA: Actor;
let otherOfficer: Actor;
let staffB: Actor;

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
const flagAt = async (staff: Actor, school: School) => {
  const pupil = await makePupil(testDb, { authority, school });
  const flag = await flagPupil(staff, {
    pupilId: pupil.id,
    reason: "Missed 30 sessions",
    triedMeeting: true,
    triedAttendanceContract: false,
    triedEarlyHelp: true,
    triedOther: "Breakfast club",
  });
  return { pupil, flag };
};

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  schoolA = await makeSchool(testDb, authority);
  schoolB = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  staffA = await makeActor({ authority, role: "school", school: schoolA });
  staffB = await makeActor({ authority, role: "school", school: schoolB });
  otherOfficer = await makeActor({ authority: other, role: "officer" });
});

describe("getFlag", () => {
  it("gives officers the flag with its pupil, school, who flagged it and the pupil's open case, audited", async () => {
    const { pupil, flag } = await flagAt(staffA, schoolA);
    const detail = await getFlag(officer, flag.id);
    expect(detail).toMatchObject({
      id: flag.id,
      status: "new",
      pupil: { id: pupil.id },
      school: { id: schoolA.id },
      flaggedBy: staffA.name,
      tried: { meeting: true, attendanceContract: false, earlyHelp: true, other: "Breakfast club" },
      openCaseId: null,
    });
    expect(detail.figures).toMatchObject({ basis: "academic_year_to_date" });
    expect(await testDb.auditLog.count({ where: { action: "flag.view", entityId: flag.id } })).toBe(1);

    const kase = await openCase(officer, { pupilId: pupil.id });
    expect((await getFlag(manager, flag.id)).openCaseId).toBe(kase.id);
  });

  it("refuses school staff and administrators, and is not found in another authority", async () => {
    const { flag } = await flagAt(staffA, schoolA);
    expect(await caught(getFlag(staffA, flag.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(getFlag(admin, flag.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(getFlag(otherOfficer, flag.id))).toBeInstanceOf(NotFoundError);
    expect(await caught(getFlag(officer, "nope"))).toBeInstanceOf(NotFoundError);
  });
});

describe("findFlags school filter", () => {
  it("lists only the chosen school's flags for officers; school staff always see only their own school's", async () => {
    const a = await flagAt(staffA, schoolA);
    const b = await flagAt(staffB, schoolB);
    const onlyA = await findFlags(officer, { schoolId: schoolA.id });
    expect(onlyA.map((f) => f.id)).toContain(a.flag.id);
    expect(onlyA.map((f) => f.id)).not.toContain(b.flag.id);
    const all = await findFlags(officer, {});
    expect(all.map((f) => f.id)).toEqual(expect.arrayContaining([a.flag.id, b.flag.id]));
    // Oldest first.
    expect(all.findIndex((f) => f.id === a.flag.id)).toBeLessThan(all.findIndex((f) => f.id === b.flag.id));
    const staffView = await findFlags(staffA, { schoolId: schoolB.id });
    expect(staffView.map((f) => f.id)).not.toContain(b.flag.id);
    expect(await caught(findFlags(officer, { schoolId: "not-a-school" }))).toBeInstanceOf(ValidationError);
  });
});

describe("acceptFlag opening date", () => {
  it("opens today by default, or back-dated with the timeline saying so; never in the future", async () => {
    const { flag } = await flagAt(staffA, schoolA);
    const future = await caught(acceptFlag(officer, { flagId: flag.id, openedOn: addDays(today(), 1) }));
    expect((future as ValidationError).fieldErrors.openedOn).toBeDefined();
    const back = addDays(today(), -14);
    const { case: kase } = await acceptFlag(officer, { flagId: flag.id, openedOn: back });
    const detail = await getCase(officer, kase.id);
    expect(detail).toMatchObject({ openedOn: back, backDated: true });
    expect(detail.timeline.at(-1)!.note).toContain("back-dated");
  });
});
