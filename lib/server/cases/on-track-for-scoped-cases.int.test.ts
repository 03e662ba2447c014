import { describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import { insertMarks } from "@/tests/marks";
import { onTrackForScopedCases } from "./on-track-for-scoped-cases";

// The service clock is Friday 20 November 2026 (tests/setup-integration.ts).
describe("on track at a glance for a set of cases", () => {
  it("counts each case's marks within its own window only, the windows' edges included, across months and years", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeActor({ authority, role: "officer" });
    const window = async (lastName: string, start: string, end: string) => {
      const pupil = await makePupil(testDb, { authority, school, lastName });
      const kase = await makeCase(testDb, { authority, pupil, officer: { id: officer.id }, openedOn: "2026-06-01" });
      await testDb.attendanceCase.update({
        where: { id: kase.id },
        data: {
          status: "window_active",
          windowStart: new Date(`${start}T00:00:00Z`),
          windowEnd: new Date(`${end}T00:00:00Z`),
          targetMinAttendanceTenths: 900,
        },
      });
      return { kase, pupil };
    };
    // An ended window that crosses the academic year's end, and a running one that starts after it has ended.
    const early = await window("Early", "2026-07-06", "2026-09-25");
    const late = await window("Late", "2026-10-05", "2026-12-18");
    const mark = (pupilId: string, date: string, code: string) =>
      ({ authorityId: authority.id, pupilId, schoolId: school.id, date, session: 0, code }) as const;
    await insertMarks(rawPool, [
      mark(early.pupil.id, "2026-07-03", "N"), // before its window
      mark(early.pupil.id, "2026-07-06", "/"), // its first day
      mark(early.pupil.id, "2026-09-25", "N"), // its last day, in the next academic year
      mark(early.pupil.id, "2026-10-05", "N"), // after its window, inside the other's
      mark(late.pupil.id, "2026-09-24", "N"), // inside the other's window, before its own
      mark(late.pupil.id, "2026-10-05", "/"), // its first day
      mark(late.pupil.id, "2026-11-20", "N"), // today
      mark(late.pupil.id, "2026-11-23", "N"), // after today (a mark cannot be in the future; here, not counted)
    ]);

    const glance = await onTrackForScopedCases(authority.id, [early.kase.id, late.kase.id]);
    expect(glance.get(early.kase.id)).toMatchObject({ attendancePct: 50, unauthorised: 1 });
    expect(glance.get(late.kase.id)).toMatchObject({ attendancePct: 50, unauthorised: 1 });
  });
});
