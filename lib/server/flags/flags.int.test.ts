import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { importRegisterCsv } from "../attendance/import-register";
import { getCase } from "../cases/get-case";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { acceptFlag } from "./accept-flag";
import { declineFlag } from "./decline-flag";
import { findFlags } from "./find-flags";
import { flagPupil } from "./flag-pupil";
import { mergeFlag } from "./merge-flag";

type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let schoolA: School;
let schoolB: School;
let officer: Actor;
let manager: Actor;
let admin: Actor;
let staffA: Actor;
let staffB: Actor;
let otherOfficer: Actor;

const pupilAt = (school: School) => makePupil(testDb, { authority, school, enrolledOn: "2025-09-01" });
const flagInput = (pupilId: string) => ({
  pupilId,
  reason: "Absent most Mondays and Fridays since September",
  triedMeeting: true,
  triedAttendanceContract: "on",
  triedEarlyHelp: false,
  triedOther: "",
});
const auditCount = (action: string, entityId?: string) =>
  testDb.auditLog.count({ where: { action, ...(entityId ? { entityId } : {}) } });

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

describe("flagPupil", () => {
  it("records the reason, what was tried and a snapshot of the figures at the school, and audits it", async () => {
    const pupil = await pupilAt(schoolA);
    const lines = ["upn,date,session,code"];
    for (const d of ["2026-09-07", "2026-09-08"]) lines.push(`${pupil.upn},${d},AM,/`, `${pupil.upn},${d},PM,/`);
    lines.push(`${pupil.upn},2026-09-09,AM,N`, `${pupil.upn},2026-09-09,PM,O`);
    await importRegisterCsv({ actor: staffA, input: Readable.from([lines.join("\n")]) });

    const flag = await flagPupil(staffA, flagInput(pupil.id));
    expect(flag).toMatchObject({
      status: "new",
      schoolId: schoolA.id,
      triedMeeting: true,
      triedAttendanceContract: true,
      triedEarlyHelp: false,
      triedOther: null,
    });
    expect(flag.figures).toMatchObject({ basis: "academic_year_to_date", possible: 6, present: 4, unauthorised: 2 });
    expect(await auditCount("flag.create", flag.id)).toBe(1);

    // A snapshot: later marks do not change it.
    await importRegisterCsv({
      actor: staffA,
      input: Readable.from([`upn,date,session,code\n${pupil.upn},2026-09-10,AM,N`]),
    });
    expect((await testDb.caseFlag.findUniqueOrThrow({ where: { id: flag.id } })).figures).toMatchObject({
      possible: 6,
    });
  });

  it("refuses a pupil not on roll at the school as not found, and roles other than school staff", async () => {
    const elsewhere = await pupilAt(schoolB);
    await expect(flagPupil(staffA, flagInput(elsewhere.id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(flagPupil(officer, flagInput(elsewhere.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(flagPupil(admin, flagInput(elsewhere.id))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("needs a reason", async () => {
    const pupil = await pupilAt(schoolA);
    const error = await flagPupil(staffA, { ...flagInput(pupil.id), reason: "  " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["reason"]);
  });

  it("refuses a second undecided flag for the same pupil, on the server and in the database", async () => {
    const pupil = await pupilAt(schoolA);
    const first = await flagPupil(staffA, flagInput(pupil.id));
    await expect(flagPupil(staffA, flagInput(pupil.id))).rejects.toThrow(/already been flagged/);
    await expect(
      testDb.caseFlag.create({
        data: {
          authorityId: authority.id,
          pupilId: pupil.id,
          schoolId: schoolA.id,
          flaggedBy: staffA.id,
          reason: "Raw",
          figures: {},
        },
      }),
    ).rejects.toThrow(/case_flag_one_new_per_pupil|Unique constraint/);
    await declineFlag(officer, { flagId: first.id, reason: "Not yet persistent" });
    await expect(flagPupil(staffA, flagInput(pupil.id))).resolves.toMatchObject({ status: "new" });
  });
});

describe("findFlags", () => {
  it("gives officers the queue of new flags, oldest first, across the authority, and audits the read", async () => {
    const a = await flagPupil(staffA, flagInput((await pupilAt(schoolA)).id));
    const b = await flagPupil(staffB, flagInput((await pupilAt(schoolB)).id));
    const queue = await findFlags(officer);
    const ids = queue.map((f) => f.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(queue.every((f) => f.status === "new")).toBe(true);
    const times = queue.map((f) => f.flaggedAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(await testDb.auditLog.count({ where: { action: "flag.list", actorUserId: officer.id } })).toBeGreaterThan(0);
    expect((await findFlags(otherOfficer)).map((f) => f.id)).not.toContain(a.id);
    await expect(findFlags(admin)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("gives school staff their own school's flags with status, and the case to follow once accepted (never the officers' case page)", async () => {
    const pupil = await pupilAt(schoolA);
    await makeParent(testDb, { authority, pupil });
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    const { case: kase } = await acceptFlag(officer, { flagId: flag.id });

    const mine = await findFlags(staffA);
    const seen = mine.find((f) => f.id === flag.id)!;
    expect(seen.status).toBe("accepted");
    expect(Object.keys(seen).sort()).toEqual([
      "decidedAt",
      "declineReason",
      "figures",
      "flaggedAt",
      "followCaseId",
      "id",
      "pupil",
      "reason",
      "status",
      "statusLabel",
      "tried",
    ]);
    expect("followCaseId" in seen ? seen.followCaseId : undefined).toBe(kase.id);
    expect((await findFlags(staffB)).map((f) => f.id)).not.toContain(flag.id);
    await expect(getCase(staffA, kase.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("triage", () => {
  it("refuses to decline without a reason, on the server and in the database; the school sees the reason", async () => {
    const flag = await flagPupil(staffA, flagInput((await pupilAt(schoolA)).id));
    const error = await declineFlag(officer, { flagId: flag.id, reason: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.reason).toBeDefined();
    await expect(
      testDb.caseFlag.update({
        where: { id: flag.id },
        data: { status: "declined", decidedAt: new Date(), decidedBy: officer.id },
      }),
    ).rejects.toThrow(/case_flag_decline_reason_iff_declined|constraint/);
    expect((await testDb.caseFlag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe("new");

    await declineFlag(officer, {
      flagId: flag.id,
      reason: "Attendance is 96%: the school should continue its own plan",
    });
    const seen = (await findFlags(staffA, { status: "declined" })).find((f) => f.id === flag.id)!;
    expect(seen.declineReason).toMatch(/96%/);
    expect(await auditCount("flag.decline", flag.id)).toBe(1);
    await expect(declineFlag(officer, { flagId: flag.id, reason: "Again" })).rejects.toThrow(/already been decided/);
    await expect(declineFlag(otherOfficer, { flagId: flag.id, reason: "X" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("accepts a flag: a case opens assigned to the officer, with the parents with parental responsibility", async () => {
    const pupil = await pupilAt(schoolA);
    const mother = await makeParent(testDb, { authority, pupil, relationship: "mother" });
    await makeParent(testDb, { authority, pupil, relationship: "grandparent", parentalResponsibility: false });
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    const { case: kase, flag: decided } = await acceptFlag(officer, { flagId: flag.id });
    expect(decided).toMatchObject({ status: "accepted", caseId: kase.id, decidedBy: officer.id });
    expect(kase).toMatchObject({ status: "open", assignedOfficerId: officer.id, pupilId: pupil.id, backDated: false });
    const detail = await getCase(officer, kase.id);
    expect(detail.parties.map((p) => p.id)).toEqual([mother.id]);
    expect(detail.timeline.map((e) => e.kind)).toEqual(["opened"]);
    expect(detail.flags.map((f) => f.id)).toEqual([flag.id]);
    expect(await auditCount("flag.accept", flag.id)).toBe(1);
    expect(await auditCount("case.open", kase.id)).toBe(1);
  });

  it("a manager must choose an officer when accepting", async () => {
    const flag = await flagPupil(staffA, flagInput((await pupilAt(schoolA)).id));
    const error = await acceptFlag(manager, { flagId: flag.id }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors.assignedOfficerId).toBeDefined();
    const { case: kase } = await acceptFlag(manager, { flagId: flag.id, assignedOfficerId: officer.id });
    expect(kase.assignedOfficerId).toBe(officer.id);
  });

  it("refuses to accept when the pupil already has an open case, suggesting a merge, then merges", async () => {
    const pupil = await pupilAt(schoolA);
    // Flagged first; the case opened from elsewhere (the pupil's page) while the flag waited.
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    const kase = await makeCase(testDb, { authority, pupil, officer });
    await expect(acceptFlag(officer, { flagId: flag.id })).rejects.toThrow(/already has an open case: merge/);
    expect((await testDb.caseFlag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe("new");

    const merged = await mergeFlag(officer, { flagId: flag.id });
    expect(merged).toMatchObject({ status: "merged", caseId: kase.id });
    const events = await testDb.caseEvent.findMany({ where: { caseId: kase.id } });
    expect(events.map((e) => e.kind)).toEqual(["flag_merged"]);
    expect(await auditCount("flag.merge", flag.id)).toBe(1);
    expect(await auditCount("case.add_flag", kase.id)).toBe(1);
    expect((await findFlags(staffA, { status: "merged" })).find((f) => f.id === flag.id)?.statusLabel).toMatch(
      /open case/,
    );
  });

  it("refuses to merge when the pupil has no open case", async () => {
    const flag = await flagPupil(staffA, flagInput((await pupilAt(schoolA)).id));
    await expect(mergeFlag(officer, { flagId: flag.id })).rejects.toThrow(/no open case/);
    await expect(mergeFlag(staffA, { flagId: flag.id })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("triage refuses the wrong role and bad input, changing nothing", () => {
  const state = async (flagId: string, pupilId: string) => ({
    flag: await testDb.caseFlag.findUniqueOrThrow({ where: { id: flagId } }),
    cases: await testDb.attendanceCase.count({ where: { pupilId } }),
    audits: await testDb.auditLog.count({ where: { entityId: flagId, action: { not: "flag.view" } } }),
  });

  it("refuses school staff and administrators on accept, decline and merge; another authority's officer finds nothing", async () => {
    const pupil = await pupilAt(schoolA);
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    const before = await state(flag.id, pupil.id);
    const attempts = (actor: Actor) => [
      () => acceptFlag(actor, { flagId: flag.id, assignedOfficerId: officer.id }),
      () => declineFlag(actor, { flagId: flag.id, reason: "Not yet" }),
      () => mergeFlag(actor, { flagId: flag.id }),
    ];
    for (const actor of [staffA, admin]) {
      for (const attempt of attempts(actor)) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const attempt of attempts(otherOfficer)) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    expect(await state(flag.id, pupil.id)).toEqual(before);
  });

  it("names the field and what is allowed for bad input, and leaves the flag undecided with no case", async () => {
    const pupil = await pupilAt(schoolA);
    const flag = await flagPupil(staffA, flagInput(pupil.id));
    const before = await state(flag.id, pupil.id);
    const attempts: [() => Promise<unknown>, string, RegExp][] = [
      [() => declineFlag(officer, { flagId: flag.id, reason: "x".repeat(2001) }), "reason", /2000 characters/],
      [() => acceptFlag(officer, { flagId: flag.id, openedOn: "31/02/2026" }), "openedOn", /real date/],
      [() => acceptFlag(manager, { flagId: flag.id, assignedOfficerId: staffA.id }), "assignedOfficerId", /officer/i],
      [() => flagPupil(staffA, { ...flagInput(pupil.id), reason: "x".repeat(2001) }), "reason", /2000 characters/],
    ];
    for (const [attempt, field, message] of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]?.join(" ")).toMatch(message);
    }
    expect(await state(flag.id, pupil.id)).toEqual(before);
    expect(await testDb.caseFlag.count({ where: { pupilId: pupil.id } })).toBe(1);
  });
});
