// Truancy sweeps on the real database: POST /api/v1/sweeps (called as Next calls it, with a Bearer token) records a
// sweep and its stops all or nothing, and a child stopped without a valid reason feeds casework (their open case's
// timeline, or a flag for their school); the yield comes back with it. School staff, administrators and other
// authorities are refused; officers see the sweeps they recorded, managers every sweep of their authority.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeApiToken, makeAuthority, makeCase, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { hashApiToken } from "@/lib/server/actor";
import { actorFor, testDb } from "@/tests/db";
import { GET as getSweeps, POST as postSweep } from "@/app/api/v1/sweeps/route";
import type { Actor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { addSweepStop } from "./add-sweep-stop";
import { recordSweep } from "./create-sweep";
import { findSweeps } from "./find-sweeps";
import { getSweep } from "./get-sweep";

type Authority = { id: string; laCode: string };
let authority: Authority;
let other: Authority;
let school: { id: string; estabNumber: string; urn: number };
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let staff: Actor;
let admin: Actor;
let otherManager: Actor;
let tokens: Record<"officer" | "manager" | "staff" | "admin" | "otherManager", string>;

async function tokenFor(userId: string) {
  const token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, { id: userId }, hashApiToken(token));
  return token;
}
const post = (token: string, body: unknown) =>
  postSweep(
    new Request("http://127.0.0.1/api/v1/sweeps", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
const get = (token: string, query = "") =>
  getSweeps(new Request(`http://127.0.0.1/api/v1/sweeps${query}`, { headers: { authorization: `Bearer ${token}` } }));

const stop = (over: Record<string, unknown>) => ({
  withParent: false,
  validReason: "no",
  reason: "Said school was boring",
  outcome: "returned_to_school",
  ...over,
});
const sweepBody = (stops: unknown[], over: Record<string, unknown> = {}) => ({
  date: "2026-11-18",
  startTime: "09:30",
  endTime: "12:00",
  area: "Town centre and the retail park",
  policeOfficers: 2,
  policeHours: 4,
  staff: 2,
  staffHours: 5,
  stops,
  ...over,
});

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  other = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  const users = {
    officer: await makeUser(testDb, { authority, role: "officer" }),
    secondOfficer: await makeUser(testDb, { authority, role: "officer" }),
    manager: await makeUser(testDb, { authority, role: "manager" }),
    staff: await makeUser(testDb, { authority, role: "school", school }),
    admin: await makeUser(testDb, { authority, role: "admin" }),
    otherManager: await makeUser(testDb, { authority: other, role: "manager" }),
  };
  officer = await actorFor(users.officer.id);
  secondOfficer = await actorFor(users.secondOfficer.id);
  manager = await actorFor(users.manager.id);
  staff = await actorFor(users.staff.id);
  admin = await actorFor(users.admin.id);
  otherManager = await actorFor(users.otherManager.id);
  tokens = {
    officer: await tokenFor(users.officer.id),
    manager: await tokenFor(users.manager.id),
    staff: await tokenFor(users.staff.id),
    admin: await tokenFor(users.admin.id),
    otherManager: await tokenFor(users.otherManager.id),
  };
});

describe("POST /api/v1/sweeps", () => {
  it("records the sweep and its stops, feeds casework, and answers with the yield", async () => {
    const withCase = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil: withCase, officer, openedOn: "2026-10-01" });
    const noCase = await makePupil(testDb, { authority, school });
    const flagged = await makePupil(testDb, { authority, school });
    const waiting = await testDb.caseFlag.create({
      data: {
        authorityId: authority.id,
        pupilId: flagged.id,
        schoolId: school.id,
        flaggedBy: staff.id,
        reason: "Absent every Friday",
        figures: {},
      },
    });
    const leftRoll = await makePupil(testDb, { authority, school, enrolledOn: "2025-09-01", leftOn: "2026-07-20" });
    const excused = await makePupil(testDb, { authority, school });

    const response = await post(
      tokens.officer,
      sweepBody([
        stop({ upn: withCase.upn, withParent: true }),
        stop({ upn: noCase.upn.toLowerCase() }),
        stop({ upn: flagged.upn }),
        stop({ upn: leftRoll.upn, outcome: "taken_home" }),
        stop({ upn: excused.upn, validReason: "yes", reason: "Dentist appointment, letter shown" }),
        stop({ name: "Jordan (visiting)", schoolName: "A school in Leeds", validReason: "unknown", outcome: "other" }),
      ]),
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    // 6 stopped, 4 without a valid reason, 4 police hours: 1.5 an hour, 60 police minutes per truant, 1 of 6 with a parent.
    expect(body.yield).toEqual({
      stopped: 6,
      truants: 4,
      accompanied: 1,
      policeHours: 4,
      staffHours: 5,
      stoppedPerPoliceHour: 1.5,
      policeMinutesPerTruant: 60,
      accompaniedPercent: 16.7,
      reasons: {},
    });
    expect(body.stops.map((s: { feed: string }) => s.feed)).toEqual([
      "case_timeline",
      "school_flag",
      "school_flag",
      "no_current_school",
      "none",
      "none",
    ]);

    // The open case's timeline has the stop, recorded by the officer on the sweep's date.
    const events = await testDb.caseEvent.findMany({ where: { caseId: kase.id, kind: "truancy_sweep" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBe(officer.id);
    expect(events[0]!.occurredOn.toISOString().slice(0, 10)).toBe("2026-11-18");
    expect(events[0]!.note).toContain("Said school was boring");
    expect(body.stops[0].caseId).toBe(kase.id);

    // The pupil with no case is flagged for their school, as if the school had flagged them, with the sweep as reason.
    const flag = await testDb.caseFlag.findFirstOrThrow({ where: { pupilId: noCase.id } });
    expect(flag).toMatchObject({ source: "sweep", schoolId: school.id, status: "new", flaggedBy: officer.id });
    expect(flag.reason).toMatch(/^Stopped in a truancy sweep on 18 November 2026 \(Town centre and the retail park\)/);
    expect(body.stops[1].flagId).toBe(flag.id);
    // A pupil already waiting for triage keeps their flag, and the stop points at it.
    expect(body.stops[2].flagId).toBe(waiting.id);
    expect(await testDb.caseFlag.count({ where: { pupilId: flagged.id } })).toBe(1);

    expect(await testDb.auditLog.count({ where: { action: "sweep.create", entityId: body.id } })).toBe(1);
  });

  it("refuses an unknown UPN (or another authority's) on the stop's field and writes nothing", async () => {
    const elsewhere = await makePupil(testDb, {
      authority: other,
      school: await makeSchool(testDb, other),
    });
    const known = await makePupil(testDb, { authority, school });
    const before = await testDb.truancySweep.count({ where: { authorityId: authority.id } });
    const response = await post(tokens.officer, sweepBody([stop({ upn: known.upn }), stop({ upn: elsewhere.upn })]));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([
      {
        field: "stops.1.upn",
        message: expect.stringContaining(`No pupil with UPN ${elsewhere.upn} is recorded in`),
      },
    ]);
    expect(await testDb.truancySweep.count({ where: { authorityId: authority.id } })).toBe(before);
    expect(await testDb.caseFlag.count({ where: { pupilId: known.id } })).toBe(0);
  });

  it("refuses hours off the quarter hour, a missing child and bad choices, naming each field", async () => {
    const response = await post(
      tokens.officer,
      sweepBody([stop({ validReason: "maybe" }), { withParent: "perhaps", reason: "", outcome: "arrested" }], {
        policeHours: 2.3,
      }),
    );
    expect(response.status).toBe(422);
    const fields = (await response.json()).errors.map((e: { field: string }) => e.field);
    expect(fields.sort()).toEqual(
      [
        "policeHours",
        "stops.0.validReason",
        "stops.1.withParent",
        "stops.1.reason",
        "stops.1.outcome",
        "stops.1.validReason",
      ].sort(),
    );
    // With the fields valid, the cross-field rules speak: a child with neither UPN nor name, times out of order.
    const second = await post(tokens.officer, sweepBody([stop({})], { endTime: "09:00" }));
    expect((await second.json()).errors).toEqual([
      { field: "stops.0.name", message: "Enter the child's UPN, or their name as they gave it" },
      { field: "endTime", message: "The end time must be after the start time" },
    ]);
  });

  it("gives null yields with the reason instead of dividing by zero", async () => {
    const response = await post(
      tokens.manager,
      sweepBody([stop({ name: "A child", validReason: "yes" })], { policeHours: 0 }),
    );
    expect(response.status).toBe(201);
    const { yield: y } = await response.json();
    expect(y.stoppedPerPoliceHour).toBeNull();
    expect(y.policeMinutesPerTruant).toBeNull();
    expect(y.reasons).toEqual({
      stoppedPerPoliceHour: "No police hours were recorded, so there is no rate per police hour",
      policeMinutesPerTruant: "No child was stopped without a valid reason, so there is no time per truant",
    });
  });

  it("is refused to school staff and administrators (403), writing nothing", async () => {
    const before = await testDb.truancySweep.count({ where: { authorityId: authority.id } });
    expect((await post(tokens.staff, sweepBody([]))).status).toBe(403);
    // Refused for the role before the input is judged: no 422 telling school staff what a sweep needs.
    expect((await post(tokens.staff, {})).status).toBe(403);
    expect((await post(tokens.admin, sweepBody([]))).status).toBe(403);
    expect((await get(tokens.staff)).status).toBe(403);
    expect(await testDb.truancySweep.count({ where: { authorityId: authority.id } })).toBe(before);
  });
});

describe("reading sweeps", () => {
  let mine: string;
  let theirs: string;
  beforeAll(async () => {
    mine = (
      await recordSweep(officer, {
        date: "2026-10-05",
        area: "Station",
        policeOfficers: 1,
        policeHours: "2",
        staffHours: "2",
      })
    ).id;
    theirs = (
      await recordSweep(secondOfficer, { date: "2026-10-06", area: "Park", policeOfficers: "1", policeHours: "1.5" })
    ).id;
  });

  it("officers see the sweeps they recorded; managers see every sweep of their authority", async () => {
    const officerIds = (await findSweeps(officer)).sweeps.map((s) => s.id);
    expect(officerIds).toContain(mine);
    expect(officerIds).not.toContain(theirs);
    await expect(getSweep(officer, theirs)).rejects.toBeInstanceOf(NotFoundError);
    const managerIds = (await findSweeps(manager)).sweeps.map((s) => s.id);
    expect(managerIds).toEqual(expect.arrayContaining([mine, theirs]));
  });

  it("another authority's manager gets not found, by page function and by API", async () => {
    await expect(getSweep(otherManager, mine)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addSweepStop(otherManager, {
        sweepId: mine,
        name: "X",
        withParent: "no",
        validReason: "yes",
        reason: "r",
        outcome: "other",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const body = await (await get(tokens.otherManager)).json();
    expect(body.sweeps.map((s: { id: string }) => s.id)).not.toContain(mine);
  });

  it("school staff and administrators are refused", async () => {
    await expect(findSweeps(staff)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getSweep(admin, mine)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      recordSweep(staff, { date: "2026-10-05", area: "x", policeOfficers: 1, policeHours: "1" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("adds stops one by one in order, and the sweep's yield follows", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    await addSweepStop(officer, {
      sweepId: mine,
      upn: pupil.upn,
      withParent: "yes",
      validReason: "no",
      reason: "Shopping",
      outcome: "taken_home",
    });
    await addSweepStop(officer, {
      sweepId: mine,
      name: "Sam",
      withParent: "no",
      validReason: "yes",
      reason: "Study leave",
      outcome: "other",
    });
    const sweep = await getSweep(officer, mine);
    expect(sweep.stops.map((s) => [s.position, s.feed])).toEqual([
      [1, "school_flag"],
      [2, "none"],
    ]);
    expect(sweep.stops[0]!.pupil).toMatchObject({ id: pupil.id, upn: pupil.upn });
    expect(sweep.yield).toMatchObject({
      stopped: 2,
      truants: 1,
      stoppedPerPoliceHour: 1,
      policeMinutesPerTruant: 120,
      accompaniedPercent: 50,
    });
    await expect(
      addSweepStop(officer, {
        sweepId: mine,
        upn: "A999999999999",
        withParent: "no",
        validReason: "no",
        reason: "r",
        outcome: "other",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("GET /api/v1/sweeps?from&to gives the sweeps in range with the totals, the years and the press figure", async () => {
    const response = await get(tokens.manager, "?from=2026-10-01&to=2026-10-31");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(
      body.sweeps.map((s: { date: string }) => s.date).every((d: string) => d >= "2026-10-01" && d <= "2026-10-31"),
    ).toBe(true);
    expect(body.totals.sweeps).toBe(body.sweeps.length);
    expect(body.years[0]).toMatchObject({ year: 2026, label: "2026/27" });
    expect(body.press.yield).toMatchObject({ stoppedPerPoliceHour: 2, policeMinutesPerTruant: 80 });
    expect((await get(tokens.manager, "?from=2026-10-31&to=2026-10-01")).status).toBe(422);
  });
});
