import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import { makeAuthority, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";
import { DAILY_QUEUE, PGBOSS_SCHEMA, startWorker, type Worker } from "./worker";
import { insertMarks } from "@/tests/marks";

const workers: Worker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  const { closePgPool } = await import("@/lib/server/pg");
  await closePgPool();
});

describe("startWorker", () => {
  it("starts pg-boss in its own schema from several processes at once, schedules the daily job in Europe/London, and catches up at start-up", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeUser(testDb, { authority, role: "officer" });
    const pupil = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    const kase = await testDb.attendanceCase.create({
      data: {
        authorityId: authority.id,
        pupilId: pupil.id,
        assignedOfficerId: officer.id,
        openedBy: officer.id,
        openedOn: new Date("2026-09-01T00:00:00Z"),
        status: "window_active",
        windowStart: new Date("2026-09-07T00:00:00Z"),
        windowEnd: new Date("2026-11-13T00:00:00Z"),
        targetMinAttendanceTenths: 900,
      },
    });
    await testDb.caseParty.create({ data: { caseId: kase.id, parentId: parent.id, authorityId: authority.id } });
    // This authority refers from 1 unauthorised session (its local policy), so the one mark below is enough.
    await testDb.authorityCaseSettings.create({
      data: { authorityId: authority.id, windowSettings: DEFAULT_WINDOW_SETTINGS, referralMinimum: 1 },
    });
    const at = { authorityId: authority.id, pupilId: pupil.id, schoolId: school.id, date: "2026-09-07" };
    await insertMarks(rawPool, [
      { ...at, session: 0, code: "O" },
      { ...at, session: 1, code: "\\" },
    ]);

    const lines: string[] = [];
    const started = await Promise.all(
      [1, 2].map(() =>
        startWorker({
          databaseUrl: process.env.DATABASE_URL!,
          cron: "0 6 * * *",
          authorityId: authority.id,
          log: (l) => lines.push(l),
        }),
      ),
    );
    workers.push(...started);

    // The clock is FAST_TRACK_CLOCK=2026-11-20: the window that ended on 13 November is decided once, by one of them.
    const summaries = started.map((w) => w.catchUp);
    expect(summaries.every((s) => s.asOf === "2026-11-20")).toBe(true);
    expect(summaries.reduce((n, s) => n + s.referred, 0)).toBe(1);
    expect(await testDb.caseDecision.count({ where: { caseId: kase.id } })).toBe(1);
    expect(await testDb.prosecutionReferral.count({ where: { caseId: kase.id } })).toBe(1);

    const { rows: queues } = await rawPool.query(`SELECT name, policy FROM ${PGBOSS_SCHEMA}.queue WHERE name = $1`, [
      DAILY_QUEUE,
    ]);
    expect(queues).toEqual([{ name: DAILY_QUEUE, policy: "singleton" }]);
    const { rows: schedules } = await rawPool.query(
      `SELECT name, cron, options FROM ${PGBOSS_SCHEMA}.schedule WHERE name = $1`,
      [DAILY_QUEUE],
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ cron: "0 6 * * *", options: { tz: "Europe/London" } });
    expect(lines.filter((l) => l.startsWith("pg-boss error"))).toEqual([]);

    // A queued run (what the cron tick makes) is picked up by a worker's handler and completes, deciding nothing new.
    const jobId = await started[0]!.runNow();
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    await expect
      .poll(
        async () =>
          (await rawPool.query(`SELECT state FROM ${PGBOSS_SCHEMA}.job WHERE id = $1`, [jobId])).rows[0]?.state,
        { timeout: 20_000 },
      )
      .toBe("completed");
    expect(lines.some((l) => l.startsWith('daily job: {"asOf":"2026-11-20","evaluated":0'))).toBe(true);
    expect(await testDb.caseDecision.count({ where: { caseId: kase.id } })).toBe(1);
  });
});
