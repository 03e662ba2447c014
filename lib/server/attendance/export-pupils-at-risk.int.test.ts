import { today } from "@/lib/env";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError } from "../errors";
import { AT_RISK_PER_PAGE } from "./find-pupils-at-risk";
import { exportPupilsAtRisk } from "./export-pupils-at-risk";
import { importRegisterCsv } from "./import-register";

// The queue works on the service's academic year (FAST_TRACK_CLOCK, fixed for integration tests): marks go
// in its second week.
const year = (() => {
  const now = new Date(`${today()}T00:00:00Z`);
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
})();
const monday = (() => {
  const d = new Date(Date.UTC(year, 8, 1));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7) + 7);
  return d.toISOString().slice(0, 10);
})();
const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const PUPILS = AT_RISK_PER_PAGE + 3; // more than one page
let officer: Actor, schoolStaff: Actor, otherOfficer: Actor;
let yearSeven: Set<string>;

beforeAll(async () => {
  const authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  const pupils = [];
  for (let i = 0; i < PUPILS; i++) {
    pupils.push(
      await makePupil(testDb, { authority, school, enrolledOn: `${year}-09-01`, yearGroup: i < 5 ? "7" : "8" }),
    );
  }
  yearSeven = new Set(pupils.slice(0, 5).map((p) => p.upn));
  officer = await makeActor({ authority, role: "officer" });
  schoolStaff = await makeActor({ authority, role: "school", school });
  otherOfficer = await makeActor({ authority: await makeAuthority(testDb), role: "officer" });
  await rawPool.query(
    "INSERT INTO school_week (authority_id, week_start, ordinal, school_days) VALUES ($1, $2, 1, 5)",
    [authority.id, monday],
  );
  // A whole week of N: ten G/N/O/U sessions in one school week, so every pupil reaches the threshold.
  const lines = ["upn,date,session,code"];
  for (const p of pupils)
    for (let d = 0; d < 5; d++)
      lines.push(`${p.upn},${addDays(monday, d)},AM,N`, `${p.upn},${addDays(monday, d)},PM,N`);
  const outcome = await importRegisterCsv({ actor: officer, input: Readable.from([lines.join("\n")]) });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
});

describe("exportPupilsAtRisk", () => {
  it("returns every page of the queue and audits the download with its filters", async () => {
    const all = await exportPupilsAtRisk(officer, {});
    expect(all.pupils).toHaveLength(PUPILS);
    expect(new Set(all.pupils.map((p) => p.pupilId)).size).toBe(PUPILS);
    expect(all.pupils.every((p) => p.thresholdReached && p.thresholdWeek === monday)).toBe(true);

    const filtered = await exportPupilsAtRisk(officer, { yearGroup: "7" });
    expect(new Set(filtered.pupils.map((p) => p.upn))).toEqual(yearSeven);

    const audits = await testDb.auditLog.findMany({
      where: { actorUserId: officer.id, action: "attendance.export" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.detail)).toEqual([
      { report: "pupils-at-risk", schoolId: null, yearGroup: null, pupils: PUPILS },
      { report: "pupils-at-risk", schoolId: null, yearGroup: "7", pupils: 5 },
    ]);
  });

  it("is refused to school staff and shows another authority nothing", async () => {
    await expect(exportPupilsAtRisk(schoolStaff, {})).rejects.toBeInstanceOf(ForbiddenError);
    expect((await exportPupilsAtRisk(otherOfficer, {})).pupils).toEqual([]);
  });
});
