import { today } from "@/lib/env";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { findPupilsAtRisk } from "./find-pupils-at-risk";
import { findSchoolRates } from "./find-school-rates";
import { getPupilAttendance } from "./get-pupil-attendance";
import { getPupilAttendancePage } from "./get-pupil-attendance-page";
import { queriesSentBy } from "@/tests/count-queries";
import { importRegisterCsv } from "./import-register";

// Queues work on the service's academic year (FAST_TRACK_CLOCK, fixed by tests/setup-integration.ts): the
// marks are placed in that year's first weeks.
const year = (() => {
  const now = new Date(`${today()}T00:00:00Z`);
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
})();
const monday = (week: number) => {
  const d = new Date(Date.UTC(year, 8, 1));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7) + 7 * week);
  return d.toISOString().slice(0, 10);
};
const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

let officer: Actor, manager: Actor, schoolStaff: Actor, admin: Actor, otherOfficer: Actor;
let truant: { id: string; upn: string }, steady: { id: string; upn: string }, academyPupil: { id: string; upn: string };
let academy: { id: string; estabNumber: string }, maintained: { id: string; estabNumber: string };

beforeAll(async () => {
  const authority = await makeAuthority(testDb);
  maintained = await makeSchool(testDb, authority, { type: "maintained" });
  academy = await makeSchool(testDb, authority, { type: "academy", phase: "secondary" });
  const enrolledOn = `${year}-09-01`;
  truant = await makePupil(testDb, { authority, school: maintained, enrolledOn, yearGroup: "8" });
  steady = await makePupil(testDb, { authority, school: maintained, enrolledOn, yearGroup: "7" });
  academyPupil = await makePupil(testDb, { authority, school: academy, enrolledOn, yearGroup: "9" });
  officer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  schoolStaff = await makeActor({ authority, role: "school", school: academy });
  otherOfficer = await makeActor({ authority: await makeAuthority(testDb), role: "officer" });
  for (let i = 0; i < 12; i++) {
    await rawPool.query(
      "INSERT INTO school_week (authority_id, week_start, ordinal, school_days) VALUES ($1, $2, $3, 5)",
      [authority.id, monday(i), i + 1],
    );
  }
  // Two weeks of marks: the truant misses 12 sessions (N), the steady pupil is always present, the academy pupil
  // is off ill (I) for one day.
  const lines = ["upn,date,session,code"];
  for (let w = 0; w < 2; w++) {
    for (let d = 0; d < 5; d++) {
      const date = addDays(monday(w), d);
      const truantCode = w === 0 || d < 1 ? "N" : "/";
      lines.push(
        `${truant.upn},${date},AM,${truantCode}`,
        `${truant.upn},${date},PM,${truantCode === "/" ? "\\" : truantCode}`,
      );
      lines.push(`${steady.upn},${date},AM,/`, `${steady.upn},${date},PM,\\`);
      const ill = w === 1 && d === 2;
      lines.push(
        `${academyPupil.upn},${date},AM,${ill ? "I" : "/"}`,
        `${academyPupil.upn},${date},PM,${ill ? "I" : "\\"}`,
      );
    }
  }
  const outcome = await importRegisterCsv({ actor: officer, input: Readable.from([lines.join("\n")]) });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
});

describe("pupil attendance figures", () => {
  it("returns the API shape with rates to one decimal place", async () => {
    const from = monday(0);
    const to = addDays(monday(1), 4);
    expect(await getPupilAttendance(officer, truant.upn, from, to)).toEqual({
      upn: truant.upn,
      from,
      to,
      possible: 20,
      present: 8,
      approvedActivity: 0,
      authorised: 0,
      unauthorised: 12,
      attendanceRate: 40,
      overallAbsenceRate: 60,
      unauthorisedRate: 60,
      persistentAbsence: true,
      severeAbsence: true,
    });
    expect(await getPupilAttendance(officer, academyPupil.upn, from, to)).toMatchObject({
      possible: 20,
      authorised: 2,
      attendanceRate: 90,
      overallAbsenceRate: 10,
      persistentAbsence: true,
      severeAbsence: false,
    });
  });

  it("refuses bad ranges and out-of-scope pupils", async () => {
    await expect(getPupilAttendance(officer, truant.upn, "2025-13-01", monday(1))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(getPupilAttendance(officer, truant.upn, monday(1), monday(0))).rejects.toBeInstanceOf(ValidationError);
    await expect(getPupilAttendance(schoolStaff, truant.upn, monday(0), monday(1))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getPupilAttendance(otherOfficer, truant.upn, monday(0), monday(1))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getPupilAttendance(admin, truant.upn, monday(0), monday(1))).rejects.toBeInstanceOf(ForbiddenError);
    // The role and the scope are judged before the range: a bad range tells a refused caller nothing.
    await expect(getPupilAttendance(admin, truant.upn, "2025-13-01", "x")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPupilAttendance(schoolStaff, truant.upn, "2025-13-01", "x")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("pupil attendance page", () => {
  it("shows the year to date, the week grid with codes, and the school and authority comparison", async () => {
    const page = await getPupilAttendancePage(officer, truant.id);
    expect(page.year).toMatchObject({ possible: 20, unauthorised: 12, unauthorisedRate: 60 });
    const firstWeek = page.weeks.find((w) => w.weekStart === monday(0))!;
    expect(firstWeek.days[0]).toEqual({
      date: monday(0),
      am: { code: "N", category: "unauthorised" },
      pm: { code: "N", category: "unauthorised" },
    });
    expect(page.comparison.school).toMatchObject({ figures: { possible: 40, unauthorised: 12 } });
    expect(page.comparison.authority).toMatchObject({ possible: 60, unauthorised: 12 });
    expect(
      await testDb.auditLog.count({
        where: { action: "attendance.view", entityId: truant.id, actorUserId: officer.id },
      }),
    ).toBeGreaterThan(0);
  });

  it("reads everything in one statement and writes its audit row in a second (ADR 079)", async () => {
    await getPupilAttendancePage(officer, truant.id); // the pools' connections open
    const sent = await queriesSentBy(() => getPupilAttendancePage(officer, truant.id));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/^INSERT INTO audit_log/);
    // Out of scope: the one statement finds no pupil, and nothing is written.
    const refused = await queriesSentBy(() => getPupilAttendancePage(schoolStaff, truant.id).catch(() => null));
    expect(refused).toHaveLength(1);
  });

  it("gives school staff only their own school's pupils", async () => {
    await expect(getPupilAttendancePage(schoolStaff, truant.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPupilAttendancePage(schoolStaff, academyPupil.id)).year).toMatchObject({
      possible: 20,
      authorised: 2,
    });
  });
});

describe("school and authority rates", () => {
  it("puts academies beside other schools, with persistent and severe absence counts", async () => {
    const rates = await findSchoolRates(manager, monday(0), addDays(monday(1), 4));
    expect(rates.academies.map((s) => s.schoolId)).toEqual([academy.id]);
    expect(rates.others.map((s) => s.schoolId)).toEqual([maintained.id]);
    expect(rates.others[0]).toMatchObject({ pupils: 2, persistent: 1, severe: 1 });
    expect(rates.others[0]!.figures).toMatchObject({ possible: 40, unauthorised: 12, unauthorisedRate: 30 });
    expect(rates.authorityTotal.figures).toMatchObject({
      possible: 60,
      unauthorised: 12,
      authorised: 2,
      unauthorisedRate: 20,
    });
  });

  it("is not for school staff", async () => {
    await expect(findSchoolRates(schoolStaff, monday(0), monday(1))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("pupils at risk", () => {
  it("lists the pupil over the penalty-notice threshold first, then persistent absentees, and nobody else", async () => {
    const queue = await findPupilsAtRisk(officer, { page: 1 });
    expect(queue.calendarMissing).toBe(false);
    expect(queue.pupils.map((p) => p.pupilId)).toEqual([truant.id, academyPupil.id]);
    expect(queue.pupils[0]).toMatchObject({
      thresholdReached: true,
      penaltySessions10Weeks: 12,
      thresholdWeek: monday(0),
      persistentAbsence: true,
    });
    expect(queue.pupils[1]).toMatchObject({ thresholdReached: false, persistentAbsence: true, overallAbsenceRate: 10 });
  });

  it("filters by school and year group, and is not for school staff or another authority", async () => {
    expect((await findPupilsAtRisk(officer, { page: 1, schoolId: academy.id })).pupils.map((p) => p.pupilId)).toEqual([
      academyPupil.id,
    ]);
    expect((await findPupilsAtRisk(officer, { page: 1, yearGroup: "8" })).pupils.map((p) => p.pupilId)).toEqual([
      truant.id,
    ]);
    expect((await findPupilsAtRisk(otherOfficer, { page: 1 })).total).toBe(0);
    await expect(findPupilsAtRisk(schoolStaff, { page: 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
