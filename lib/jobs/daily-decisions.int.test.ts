import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { compareEvidenceWithRegister } from "@/lib/server/decisions/compare-evidence-with-register";
import { makeAuthority, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";
import { evidenceHash } from "@/lib/server/decisions/evidence";
import { runDailyDecisions } from "./daily-decisions";

type Authority = { id: string; laCode: string };
let authority: Authority;
let school: { id: string; estabNumber: string };
let officer: { id: string };
let managers: { id: string }[];
let disabledManager: { id: string };

/** Weekdays from start to end inclusive. */
function weekdays(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) days.push(d);
  }
  return days;
}

/**
 * A case whose window runs start..end with a 90% target, two parents on it, and register marks for every weekday
 * session in the window: the first `unauthorised` sessions "O", the rest present.
 */
async function windowCase(opts: {
  start?: string;
  end?: string;
  unauthorised?: number;
  marks?: boolean;
  status?: string;
  parents?: number;
  target?: { tenths: number | null; maxUnauthorised: number | null };
}) {
  const start = opts.start ?? "2026-09-07";
  const end = opts.end ?? "2026-10-02";
  const pupil = await makePupil(testDb, { authority, school });
  const parents = [];
  for (let i = 0; i < (opts.parents ?? 2); i++)
    parents.push(await makeParent(testDb, { authority, pupil, firstName: `Parent${i}` }));
  const status = opts.status ?? "window_active";
  const kase = await testDb.attendanceCase.create({
    data: {
      authorityId: authority.id,
      pupilId: pupil.id,
      assignedOfficerId: officer.id,
      openedBy: officer.id,
      openedOn: new Date("2026-09-01T00:00:00Z"),
      status,
      windowStart: new Date(`${start}T00:00:00Z`),
      windowEnd: new Date(`${end}T00:00:00Z`),
      targetMinAttendanceTenths: opts.target ? opts.target.tenths : 900,
      targetMaxUnauthorised: opts.target ? opts.target.maxUnauthorised : null,
      ...(status === "closed" ? { closeOutcome: "other", closeReason: "Moved away" } : {}),
    },
  });
  await testDb.caseParty.createMany({
    data: parents.map((p) => ({ caseId: kase.id, parentId: p.id, authorityId: authority.id })),
  });
  if (opts.marks !== false) {
    const rows: string[] = [];
    const params: unknown[] = [pupil.id, school.id, authority.id];
    let n = 0;
    for (const d of weekdays(start, end)) {
      for (const session of [0, 1]) {
        const code = n < (opts.unauthorised ?? 0) ? "O" : session === 0 ? "/" : "\\";
        const category = code === "O" ? "unauthorised" : "present";
        params.push(d, session, code, category);
        const b = params.length;
        rows.push(`($1, $${b - 3}::date, $${b - 2}::smallint, $2, $3, 2024, $${b - 1}, $${b}::attendance_category)`);
        n++;
      }
    }
    await rawPool.query(
      `INSERT INTO attendance_mark (pupil_id, date, session, school_id, authority_id, code_set, code, category) VALUES ${rows.join(",")}`,
      params,
    );
  }
  return { kase, pupil, parents };
}

const run = (asOf: string, pool?: pg.Pool) => runDailyDecisions({ asOf, pool, authorityId: authority.id });

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  officer = await makeUser(testDb, { authority, role: "officer" });
  managers = [
    await makeUser(testDb, { authority, role: "manager" }),
    await makeUser(testDb, { authority, role: "manager" }),
  ];
  disabledManager = await makeUser(testDb, { authority, role: "manager" });
  await testDb.appUser.update({ where: { id: disabledManager.id }, data: { disabled: true } });
});

describe("runDailyDecisions", () => {
  it("target met: the case moves to monitoring, the officer is told, the decision is on the timeline and audited", async () => {
    const { kase } = await windowCase({ unauthorised: 2 }); // 38 of 40 = 95%
    const summary = await run("2026-10-05");
    expect(summary).toMatchObject({ asOf: "2026-10-05", evaluated: 1, improved: 1, referred: 0, skipped: 0 });

    const after = await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after.status).toBe("monitoring");
    expect(after.version).toBe(kase.version + 1);
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(decision.outcome).toBe("improved");
    expect(decision.figures).toMatchObject({
      possibleSessions: 40,
      attendedSessions: 38,
      unauthorisedSessions: 2,
      attendancePct: 95,
      met: true,
    });
    expect(await testDb.prosecutionReferral.count({ where: { caseId: kase.id } })).toBe(0);
    const notes = await testDb.notification.findMany({ where: { caseId: kase.id } });
    expect(notes.map((n) => [n.userId, n.kind])).toEqual([[officer.id, "window_improved"]]);
    const event = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "decision_improved" } });
    expect(event.actorUserId).toBeNull();
    expect(event.details).toMatchObject({
      possibleSessions: 40,
      attendancePct: 95,
      unauthorisedSessions: 2,
      target: { minAttendancePct: 90 },
    });
    expect(event.note).toContain("Target met");
    const auditRow = await testDb.auditLog.findFirstOrThrow({ where: { entityId: kase.id, action: "case.decide" } });
    expect(auditRow.actorUserId).toBeNull();
    expect(auditRow).toMatchObject({ actorSystem: "daily-job", actorUserId: null });
    expect(auditRow.detail).toMatchObject({ outcome: "improved" });
  });

  it("target not met: referred, a referral per parent awaiting review, every active manager told, figures on the timeline", async () => {
    const { kase, parents } = await windowCase({ unauthorised: 8 }); // 32 of 40 = 80%
    const summary = await run("2026-10-05");
    expect(summary).toMatchObject({ evaluated: 1, improved: 0, referred: 1, skipped: 0 });

    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("referred");
    const referrals = await testDb.prosecutionReferral.findMany({ where: { caseId: kase.id } });
    expect(referrals.map((r) => r.parentId).sort()).toEqual(parents.map((p) => p.id).sort());
    expect(referrals.every((r) => r.status === "awaiting_review" && r.source === "window")).toBe(true);
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(referrals.every((r) => r.decisionId === decision.id && r.evidenceId === decision.evidenceId)).toBe(true);
    const notified = (await testDb.notification.findMany({ where: { caseId: kase.id } })).map((n) => n.userId).sort();
    expect(notified).toEqual(managers.map((m) => m.id).sort());
    const event = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "decision_referred" } });
    expect(event.details).toMatchObject({
      possibleSessions: 40,
      attendancePct: 80,
      unauthorisedSessions: 8,
      target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
      met: false,
    });
    expect(event.note).toContain("Attendance was 80.0% (32 of 40 possible sessions)");

    // What people read carries the service clock (fixed at 20 November 2026 for these tests), not the machine's.
    const serviceNow = new Date("2026-11-20T12:00:00Z").getTime();
    const evidence = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: decision.evidenceId } });
    const notes = await testDb.notification.findMany({ where: { caseId: kase.id } });
    const stamps = [
      decision.createdAt,
      evidence.createdAt,
      ...referrals.map((r) => r.createdAt),
      ...notes.map((n) => n.createdAt),
    ];
    expect(stamps).toHaveLength(2 + 2 + managers.length);
    expect(new Set(stamps.map((d) => d.getTime()))).toEqual(new Set([serviceNow]));
  });

  it("running twice decides each window once and refers each parent once", async () => {
    const { kase } = await windowCase({ unauthorised: 10 });
    const first = await run("2026-10-05");
    const second = await run("2026-10-06");
    expect(first.referred).toBe(1);
    expect(second).toMatchObject({ evaluated: 0, improved: 0, referred: 0, skipped: 0 });
    expect(await testDb.caseDecision.count({ where: { caseId: kase.id } })).toBe(1);
    expect(await testDb.prosecutionReferral.count({ where: { caseId: kase.id } })).toBe(2);
    expect(await testDb.evidenceSnapshot.count({ where: { caseId: kase.id } })).toBe(1);
  });

  it("two concurrent runs from two connections decide each window once", async () => {
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await windowCase({ unauthorised: i % 2 ? 12 : 0, parents: 2 }));
    const poolA = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 2 });
    const poolB = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 2 });
    try {
      const [a, b] = await Promise.all([
        runDailyDecisions({ asOf: "2026-10-05", pool: poolA, authorityId: authority.id, batchSize: 2 }),
        runDailyDecisions({ asOf: "2026-10-05", pool: poolB, authorityId: authority.id, batchSize: 2 }),
      ]);
      expect(a.improved + b.improved).toBe(3);
      expect(a.referred + b.referred).toBe(3);
    } finally {
      await poolA.end();
      await poolB.end();
    }
    const ids = cases.map((c) => c.kase.id);
    const decisions = await testDb.caseDecision.groupBy({
      by: ["caseId"],
      where: { caseId: { in: ids } },
      _count: true,
    });
    expect(decisions.map((d) => d._count)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await testDb.prosecutionReferral.count({ where: { caseId: { in: ids } } })).toBe(6);
    expect(await testDb.evidenceSnapshot.count({ where: { caseId: { in: ids } } })).toBe(6);
    expect(
      await testDb.caseEvent.count({
        where: { caseId: { in: ids }, kind: { in: ["decision_improved", "decision_referred"] } },
      }),
    ).toBe(6);
    expect(await testDb.notification.count({ where: { caseId: { in: ids } } })).toBe(3 + 3 * managers.length);
  });

  it("catches up a two-week outage: windows that ended on different days are all decided by one later run", async () => {
    const ends = ["2026-10-02", "2026-10-06", "2026-10-09", "2026-10-13"];
    const cases = [];
    for (const end of ends) cases.push(await windowCase({ end, unauthorised: 20 }));
    const later = await windowCase({ end: "2026-10-23", unauthorised: 20 });
    const closed = await windowCase({ end: "2026-10-02", unauthorised: 20, status: "closed" });
    const summary = await run("2026-10-16");
    expect(summary).toMatchObject({ evaluated: 4, referred: 4 });
    for (const c of cases)
      expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: c.kase.id } })).status).toBe("referred");
    // The window still running on the run's date and the closed case are left alone.
    expect(await testDb.attendanceCase.findUniqueOrThrow({ where: { id: later.kase.id } })).toMatchObject({
      status: "window_active",
      version: 1,
    });
    expect(await testDb.attendanceCase.findUniqueOrThrow({ where: { id: closed.kase.id } })).toMatchObject({
      status: "closed",
      version: 1,
    });
    expect(await testDb.caseDecision.count({ where: { caseId: { in: [later.kase.id, closed.kase.id] } } })).toBe(0);
    const decisions = await testDb.caseDecision.findMany({ where: { caseId: { in: cases.map((c) => c.kase.id) } } });
    expect(decisions.every((d) => d.asOf.toISOString().startsWith("2026-10-16"))).toBe(true);
  });

  it("skips a window with no marks: the case waits at decision_due, and a later run decides it once marks arrive", async () => {
    const { kase } = await windowCase({ marks: false });
    expect(await run("2026-10-05")).toMatchObject({ evaluated: 1, skipped: 1, improved: 0, referred: 0 });
    expect(await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({
      status: "decision_due",
      version: 2,
    });
    expect(await testDb.caseDecision.count({ where: { caseId: kase.id } })).toBe(0);
    await rawPool.query(
      `INSERT INTO attendance_mark (pupil_id, date, session, school_id, authority_id, code_set, code, category)
       VALUES ($1, '2026-09-07', 0, $2, $3, 2024, '/', 'present')`,
      [kase.pupilId, school.id, authority.id],
    );
    expect(await run("2026-10-06")).toMatchObject({ evaluated: 1, improved: 1 });
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("monitoring");
  });

  it("freezes the evidence: the snapshot cannot be updated, and a later register edit is reported, not applied", async () => {
    const { kase, pupil } = await windowCase({ unauthorised: 6 });
    await run("2026-10-05");
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    const snapshot = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: decision.evidenceId } });
    const marks = snapshot.marks as { date: string; session: "AM" | "PM"; code: string }[];
    expect(marks).toHaveLength(40);
    expect(marks[0]).toEqual({ date: "2026-09-07", session: "AM", code: "O" });
    expect(snapshot.contentHash).toBe(evidenceHash(marks, snapshot.figures));
    expect(await compareEvidenceWithRegister(snapshot.id)).toMatchObject({ differs: false, differences: [] });

    await expect(
      rawPool.query("UPDATE evidence_snapshot SET content_hash = repeat('0', 64) WHERE id = $1", [snapshot.id]),
    ).rejects.toThrow(/frozen/);
    await expect(rawPool.query("DELETE FROM evidence_snapshot WHERE id = $1", [snapshot.id])).rejects.toThrow(/frozen/);

    await rawPool.query(
      "UPDATE attendance_mark SET code = 'I', category = 'authorised' WHERE pupil_id = $1 AND date = '2026-09-07' AND session = 0",
      [pupil.id],
    );
    const again = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
    expect(again.contentHash).toBe(snapshot.contentHash);
    expect(again.marks).toEqual(snapshot.marks);
    expect(await compareEvidenceWithRegister(snapshot.id)).toMatchObject({
      differs: true,
      differences: [{ date: "2026-09-07", session: "AM", snapshot: "O", live: "I" }],
    });
  });

  it("judges an unauthorised-sessions target too", async () => {
    const { kase } = await windowCase({ unauthorised: 3, target: { tenths: null, maxUnauthorised: 2 } });
    expect(await run("2026-10-05")).toMatchObject({ referred: 1 });
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(decision.figures).toMatchObject({
      unauthorisedSessions: 3,
      met: false,
      target: { minAttendancePct: null, maxUnauthorisedSessions: 2 },
    });
  });

  it("decides the other cases of a batch when one case cannot be decided, and reports that one", async () => {
    const good = await windowCase({ unauthorised: 0 });
    const bad = await windowCase({ unauthorised: 0 });
    // A stand-in for any failure on one case: its timeline insert is refused.
    await rawPool.query(`CREATE FUNCTION pg_temp_refuse_${bad.kase.id.replaceAll("-", "")}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.case_id = '${bad.kase.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    const fn = `pg_temp_refuse_${bad.kase.id.replaceAll("-", "")}`;
    await rawPool.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    const errors: string[] = [];
    try {
      const summary = await runDailyDecisions({
        asOf: "2026-10-05",
        authorityId: authority.id,
        onError: (id) => errors.push(id),
      });
      expect(summary).toMatchObject({ evaluated: 2, improved: 1, skipped: 1 });
    } finally {
      await rawPool.query(`DROP TRIGGER ${fn} ON case_event`);
      await rawPool.query(`DROP FUNCTION ${fn}()`);
    }
    expect(errors).toEqual([bad.kase.id]);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: good.kase.id } })).status).toBe("monitoring");
    expect(await testDb.attendanceCase.findUniqueOrThrow({ where: { id: bad.kase.id } })).toMatchObject({
      status: "window_active",
      version: 1,
    });
    expect(await testDb.evidenceSnapshot.count({ where: { caseId: bad.kase.id } })).toBe(0);
    // The next run decides it.
    expect(await run("2026-10-06")).toMatchObject({ evaluated: 1, improved: 1 });
  });

  it("refuses a date that is not YYYY-MM-DD", async () => {
    await expect(runDailyDecisions({ asOf: "2026-13-01" })).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe("npm run jobs -- daily", () => {
  const jobs = (args: string[]) =>
    spawnSync(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/jobs.ts", ...args],
      { encoding: "utf8", env: { ...process.env }, timeout: 60_000 },
    );

  it("prints the JSON summary", async () => {
    const { kase } = await windowCase({ unauthorised: 30 });
    const result = jobs(["daily", "--as-of", "2026-10-05", "--authority", authority.laCode]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      asOf: "2026-10-05",
      evaluated: 1,
      improved: 0,
      referred: 1,
      skipped: 0,
    });
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("referred");
  });

  it("refuses a bad date with exit code 2 and a clear message", () => {
    const result = jobs(["daily", "--as-of", "20/11/2026"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--as-of must be a real date written as YYYY-MM-DD, for example 2026-11-20; got "20/11/2026"',
    );
    expect(result.stdout).toBe("");
  });

  it("prints help", () => {
    const result = jobs(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("npm run jobs -- daily");
  });
});

afterAll(async () => {
  const { closePgPool } = await import("@/lib/server/pg");
  await closePgPool();
});
