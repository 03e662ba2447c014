// Fault test (issue 12 §5): the daily job's process is killed (SIGKILL, no chance to clean up) part-way through
// its batches. Every batch is one transaction, so each case is either decided completely (decision, a referral per
// parent, status, timeline, audit rows) or not touched at all; the next run decides the rest, and every window
// still has one decision and every parent one referral. The audit chain still verifies.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";
import { insertMarks, type TestMark } from "@/tests/marks";
import { addDays } from "@/lib/domain/dates";
import { verifyAuditChain } from "@/lib/server/audit-log/verify-audit-chain";
import { runDailyDecisions } from "./daily-decisions";

const CASES = 40;
const AS_OF = "2026-10-05";
/** The killed job's connections, by name: a COMMIT it sent just before dying still lands, so the test looks at
 * the database only once PostgreSQL has ended every one of them. */
const APP_NAME = `fault-daily-job-${process.pid}`;

type Authority = { id: string; laCode: string };
let authority: Authority;
let caseIds: string[] = [];

async function referableCase(school: { id: string; estabNumber: string }, officer: { id: string }) {
  const pupil = await makePupil(testDb, { authority, school });
  const parents = [
    await makeParent(testDb, { authority, pupil, firstName: "Parent0" }),
    await makeParent(testDb, { authority, pupil, firstName: "Parent1", relationship: "father" }),
  ];
  const kase = await testDb.attendanceCase.create({
    data: {
      authorityId: authority.id,
      pupilId: pupil.id,
      assignedOfficerId: officer.id,
      openedBy: officer.id,
      openedOn: new Date("2026-09-01T00:00:00Z"),
      status: "window_active",
      windowStart: new Date("2026-09-07T00:00:00Z"),
      windowEnd: new Date("2026-10-02T00:00:00Z"),
      targetMinAttendanceTenths: 900,
    },
  });
  await testDb.caseParty.createMany({
    data: parents.map((p) => ({ caseId: kase.id, parentId: p.id, authorityId: authority.id })),
  });
  // 30 unauthorised sessions, the rest present: below target, with grounds to refer both parents.
  const marks: TestMark[] = [];
  for (let d = "2026-09-07"; d <= "2026-10-02"; d = addDays(d, 1)) {
    if (new Date(`${d}T00:00:00Z`).getUTCDay() % 6 === 0) continue;
    for (const session of [0, 1] as const) {
      const code = marks.length < 30 ? "O" : session === 0 ? "/" : "\\";
      marks.push({ authorityId: authority.id, pupilId: pupil.id, schoolId: school.id, date: d, session, code });
    }
  }
  await insertMarks(rawPool, marks);
  return kase.id;
}

/** Per case: decisions, referrals, status, and the decision's audit rows. */
async function state() {
  const { rows } = await rawPool.query<{ id: string; status: string; decisions: number; referrals: number }>(
    `SELECT c.id, c.status,
       (SELECT count(*)::int FROM case_decision d WHERE d.authority_id = c.authority_id AND d.case_id = c.id) AS decisions,
       (SELECT count(*)::int FROM prosecution_referral r WHERE r.authority_id = c.authority_id AND r.case_id = c.id) AS referrals
     FROM attendance_case c WHERE c.authority_id = $1 ORDER BY c.id`,
    [authority.id],
  );
  // The audit log is read on its own: on Citus it stays on the coordinator, and a lookup correlated with the
  // distributed cases is refused (ADR 071).
  const { rows: audits } = await rawPool.query<{ id: string; n: number }>(
    `SELECT entity_id AS id, count(*)::int AS n FROM audit_log
     WHERE authority_id = $1 AND action = 'case.decide' GROUP BY entity_id`,
    [authority.id],
  );
  const audited = new Map(audits.map((a) => [a.id, a.n]));
  return rows.map((r) => ({ ...r, audits: audited.get(r.id) ?? 0 }));
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  const officer = await makeUser(testDb, { authority, role: "officer" });
  await makeUser(testDb, { authority, role: "manager" });
  caseIds = [];
  for (let i = 0; i < CASES; i++) caseIds.push(await referableCase(school, officer));
}, 120_000);

describe("the daily job killed mid-batch", () => {
  it("leaves each case decided completely or not at all, and the next run decides the rest once", async () => {
    const child = spawn(
      process.execPath,
      // tsx as a loader in this one process (its CLI would run the script in a child that outlives the kill)
      [
        "--import",
        "tsx",
        "--conditions=react-server",
        "tests/faults/run-daily-in-batches-of-one.ts",
        AS_OF,
        authority.id,
      ],
      { env: { ...process.env, PGAPPNAME: APP_NAME }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    let finished = false;
    void exited.then(() => (finished = true));

    // Kill it as soon as the first case is decided: the job is then between or inside its batches.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { rows } = await rawPool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM case_decision WHERE authority_id = $1",
        [authority.id],
      );
      if (rows[0]!.n > 0 || finished || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(finished, `the job ended before it could be killed: ${stderr}`).toBe(false);
    const { rows: seen } = await rawPool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
      [APP_NAME],
    );
    child.kill("SIGKILL");
    expect(seen[0]!.n, "the job's connection is visible by name").toBeGreaterThan(0);
    expect(await exited).toEqual({ code: null, signal: "SIGKILL" });
    for (let open = 1; open > 0;) {
      const { rows } = await rawPool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
        [APP_NAME],
      );
      open = rows[0]!.n;
      if (open > 0) await new Promise((r) => setTimeout(r, 20));
    }

    const afterKill = await state();
    const decided = afterKill.filter((c) => c.decisions > 0);
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.length, "killed mid-run, not after it").toBeLessThan(CASES);
    for (const c of afterKill) {
      if (c.decisions === 0) expect(c, "untouched").toMatchObject({ status: "window_active", referrals: 0, audits: 0 });
      else expect(c, "decided completely").toMatchObject({ status: "referred", decisions: 1, referrals: 2, audits: 1 });
    }

    const rest = await runDailyDecisions({ asOf: AS_OF, authorityId: authority.id });
    expect(rest.evaluated).toBe(CASES - decided.length);
    const end = await state();
    expect(end.map((c) => [c.status, c.decisions, c.referrals, c.audits])).toEqual(
      caseIds.map(() => ["referred", 1, 2, 1]),
    );
    // A third run finds nothing due.
    expect((await runDailyDecisions({ asOf: AS_OF, authorityId: authority.id })).evaluated).toBe(0);
    expect(await verifyAuditChain({ authorityId: authority.id })).toMatchObject({ ok: true });
  }, 150_000);
});

afterAll(async () => {
  const { closePgPool } = await import("@/lib/server/pg");
  await closePgPool();
});
