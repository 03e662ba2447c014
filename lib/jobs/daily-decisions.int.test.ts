import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import type { Relationship } from "@/lib/domain/relationships";
import { compareEvidenceWithRegister } from "@/lib/server/decisions/compare-evidence-with-register";
import { makeAuthority, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { actorFor, ownerPool, rawPool, testDb } from "@/tests/db";
import { evidenceHash, evidenceHashVerifies, snapshotMarks } from "@/lib/server/decisions/evidence";
import { getReferral } from "@/lib/server/referrals/get-referral";
import { NOT_REFERRED_TASK_TITLE, runDailyDecisions } from "./daily-decisions";
import { insertMarks, setMarkCode, type TestMark } from "@/tests/marks";

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
 * A case whose window runs start..end with a 90% target, two parents on it (mothers with parental responsibility
 * unless `links` says otherwise), and register marks for every weekday session in the window: the first
 * `unauthorised` sessions "O", the next `authorised` sessions "I", the rest present (or `code` decides).
 */
async function windowCase(opts: {
  start?: string;
  end?: string;
  unauthorised?: number;
  authorised?: number;
  code?: (date: string, session: 0 | 1, n: number) => string;
  marks?: boolean;
  status?: string;
  parents?: number;
  links?: { relationship: Relationship; parentalResponsibility: boolean; livesWithPupil: boolean }[];
  dateOfBirth?: string;
  target?: { tenths: number | null; maxUnauthorised: number | null };
}) {
  const start = opts.start ?? "2026-09-07";
  const end = opts.end ?? "2026-10-02";
  const pupil = await makePupil(testDb, { authority, school, dateOfBirth: opts.dateOfBirth });
  const parents = [];
  for (let i = 0; i < (opts.links?.length ?? opts.parents ?? 2); i++)
    parents.push(await makeParent(testDb, { authority, pupil, firstName: `Parent${i}`, ...opts.links?.[i] }));
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
    const marks: TestMark[] = [];
    let n = 0;
    for (const d of weekdays(start, end)) {
      for (const session of [0, 1] as const) {
        const unauthorised = opts.unauthorised ?? 0;
        const code =
          opts.code?.(d, session, n) ??
          (n < unauthorised ? "O" : n < unauthorised + (opts.authorised ?? 0) ? "I" : session === 0 ? "/" : "\\");
        marks.push({ authorityId: authority.id, pupilId: pupil.id, schoolId: school.id, date: d, session, code });
        n++;
      }
    }
    await insertMarks(rawPool, marks);
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

  it("target not met with grounds: referred, a referral per parent awaiting review, every active manager told, figures on the timeline", async () => {
    const { kase, parents } = await windowCase({ unauthorised: 10 }); // 30 of 40 = 75%, 10 unauthorised
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
      attendancePct: 75,
      unauthorisedSessions: 10,
      target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
      met: false,
      grounds: {
        referralMinimum: 10,
        reliedOn: { from: "2026-09-07", to: "2026-10-02" },
        reliedOnSessions: { possible: 40, authorised: 0, unauthorised: 10 },
        schoolIds: [school.id],
        notReliedOn: [],
      },
    });
    expect(event.note).toContain("Attendance was 75.0% (30 of 40 possible sessions)");
    expect(decision.reasons).toEqual([]);
    expect(referrals.every((r) => r.periodStart.toISOString().startsWith("2026-09-07"))).toBe(true);

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

  it("one run deciding several batches at once decides each window once, each with its own parents' referrals", async () => {
    const cases = [];
    for (let i = 0; i < 5; i++) cases.push(await windowCase({ unauthorised: i % 2 ? 12 : 0, parents: 2 }));
    const summary = await runDailyDecisions({
      asOf: "2026-10-05",
      authorityId: authority.id,
      batchSize: 1,
      concurrency: 3,
    });
    expect(summary).toMatchObject({ evaluated: 5, improved: 3, referred: 2, skipped: 0 });
    const ids = cases.map((c) => c.kase.id);
    const decisions = await testDb.caseDecision.groupBy({
      by: ["caseId"],
      where: { caseId: { in: ids } },
      _count: true,
    });
    expect(decisions.map((d) => d._count)).toEqual([1, 1, 1, 1, 1]);
    const referrals = await testDb.prosecutionReferral.findMany({ where: { caseId: { in: ids } } });
    expect(referrals).toHaveLength(4);
    for (const r of referrals) {
      const kase = cases.find((c) => c.kase.id === r.caseId)!;
      expect(kase.parents.map((p) => p.id)).toContain(r.parentId);
    }
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
    await insertMarks(rawPool, [
      {
        authorityId: authority.id,
        pupilId: kase.pupilId,
        schoolId: school.id,
        date: "2026-09-07",
        session: 0,
        code: "/",
      },
    ]);
    expect(await run("2026-10-06")).toMatchObject({ evaluated: 1, improved: 1 });
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("monitoring");
  });

  it("freezes the evidence: the snapshot cannot be updated, and a later register edit is reported, not applied", async () => {
    const { kase, pupil } = await windowCase({ unauthorised: 6 });
    await run("2026-10-05");
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    const snapshot = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: decision.evidenceId } });
    // Stored as the compact extract (ADR 055's addendum), hashed over the marks as objects, as before.
    expect(snapshot.marks).toEqual([]);
    expect(snapshot.marksExtract).toMatch(/^2026-09-07,0,O;2026-09-07,1,/);
    const marks = snapshotMarks(snapshot);
    expect(marks).toHaveLength(40);
    expect(marks[0]).toEqual({ date: "2026-09-07", session: "AM", code: "O" });
    expect(snapshot.contentHash).toBe(evidenceHash(marks, snapshot.figures));
    expect(evidenceHashVerifies(snapshot)).toBe(true);
    expect(await compareEvidenceWithRegister(snapshot.id)).toMatchObject({ differs: false, differences: [] });

    // The app's role has no UPDATE or DELETE on evidence (ADR 031); behind the grants, the trigger stops the owner.
    for (const [pool, refusal] of [
      [rawPool, /permission denied/],
      [ownerPool, /frozen/],
    ] as const) {
      await expect(
        pool.query("UPDATE evidence_snapshot SET content_hash = repeat('0', 64) WHERE id = $1", [snapshot.id]),
      ).rejects.toThrow(refusal);
      await expect(pool.query("DELETE FROM evidence_snapshot WHERE id = $1", [snapshot.id])).rejects.toThrow(refusal);
    }

    await setMarkCode(rawPool, pupil.id, "2026-09-07", 0, "I");
    const again = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
    expect(again.contentHash).toBe(snapshot.contentHash);
    expect(again.marks).toEqual(snapshot.marks);
    expect(again.marksExtract).toBe(snapshot.marksExtract);
    expect(await compareEvidenceWithRegister(snapshot.id)).toMatchObject({
      differs: true,
      differences: [{ date: "2026-09-07", session: "AM", snapshot: "O", live: "I" }],
    });
  });

  it("reads and verifies an older snapshot (marks as JSON objects) as before; a snapshot holds its marks in one form", async () => {
    const { kase } = await windowCase({ unauthorised: 10 }); // referred: the referral's page reads the snapshot
    await run("2026-10-05");
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    const compact = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: decision.evidenceId } });
    const marks = snapshotMarks(compact);
    // The same evidence written the older way: the marks as JSON objects, no extract, the hash over the same JSON.
    const insertOld = (marksJson: unknown, extract: string | null) =>
      rawPool.query<{ id: string }>(
        `INSERT INTO evidence_snapshot (authority_id, case_id, pupil_id, period_start, period_end, marks, marks_extract, figures, content_hash)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9) RETURNING id`,
        [
          compact.authorityId,
          compact.caseId,
          compact.pupilId,
          compact.periodStart,
          compact.periodEnd,
          JSON.stringify(marksJson),
          extract,
          JSON.stringify(compact.figures),
          evidenceHash(marks, compact.figures),
        ],
      );
    const oldId = (await insertOld(marks, null)).rows[0]!.id;
    const old = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: oldId } });
    expect(old.marksExtract).toBeNull();
    expect(old.marks).toEqual(marks);
    expect(snapshotMarks(old)).toEqual(marks);
    // One hash for the same evidence in either form, and each verifies.
    expect(old.contentHash).toBe(compact.contentHash);
    expect(evidenceHashVerifies(old)).toBe(true);
    expect(evidenceHashVerifies(compact)).toBe(true);
    // A changed mark no longer verifies, in either form.
    const changed = marks.map((m, i) => (i === 3 ? { ...m, code: m.code === "O" ? "/" : "O" } : m));
    expect(evidenceHashVerifies({ ...old, marks: changed })).toBe(false);
    expect(
      evidenceHashVerifies({ ...compact, marksExtract: compact.marksExtract!.replace(/^(2026-09-07,0,)./, "$1I") }),
    ).toBe(false);
    // The register comparison reads both forms alike.
    expect(await compareEvidenceWithRegister(oldId)).toMatchObject({ differs: false, differences: [] });
    // The referral built on the compact snapshot reads its marks as the objects they always were.
    const referral = await testDb.prosecutionReferral.findFirstOrThrow({ where: { caseId: kase.id } });
    const manager = await actorFor((await makeUser(testDb, { authority, role: "manager" })).id);
    expect((await getReferral(manager, referral.id)).evidence.marks).toEqual(marks);
    // Both forms at once are refused.
    await expect(insertOld(marks, compact.marksExtract)).rejects.toThrow(/evidence_snapshot_marks_one_form/);
    await expect(insertOld([], "")).rejects.toThrow(/evidence_snapshot_marks_one_form/);
  });

  it("judges an unauthorised-sessions target too", async () => {
    const { kase } = await windowCase({ unauthorised: 12, target: { tenths: null, maxUnauthorised: 11 } });
    expect(await run("2026-10-05")).toMatchObject({ referred: 1 });
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(decision.figures).toMatchObject({
      unauthorisedSessions: 12,
      met: false,
      target: { minAttendancePct: null, maxUnauthorisedSessions: 11 },
    });
  });

  it("decides the other cases of a batch when one case cannot be decided, and reports that one", async () => {
    const good = await windowCase({ unauthorised: 0 });
    const bad = await windowCase({ unauthorised: 0 });
    // A stand-in for any failure on one case: its timeline insert is refused (a trigger only the owner can add).
    // A schema function, not pg_temp: on Citus the trigger runs on the workers' shards, and Citus copies the
    // function there; it asks for triggers on distributed tables to be allowed (a setting PostgreSQL ignores).
    const fn = `test_refuse_${bad.kase.id.replaceAll("-", "")}`;
    const owner = await ownerPool.connect();
    await owner.query("SET citus.enable_unsafe_triggers TO on");
    await owner.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.case_id = '${bad.kase.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await owner.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    const errors: string[] = [];
    try {
      const summary = await runDailyDecisions({
        asOf: "2026-10-05",
        authorityId: authority.id,
        onError: (id) => errors.push(id),
      });
      expect(summary).toMatchObject({ evaluated: 2, improved: 1, skipped: 1 });
    } finally {
      await owner.query(`DROP TRIGGER ${fn} ON case_event`);
      await owner.query(`DROP FUNCTION ${fn}()`);
      owner.release(true);
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

// Issue 10: a parent is referred only on grounds the record proves (lib/domain/referral-grounds.ts).
describe("runDailyDecisions: lawful referral grounds", () => {
  /** The one decision on the case, its referrals, and what the officer and the timeline were told. */
  async function outcomeOf(caseId: string) {
    const decision = await testDb.caseDecision.findFirstOrThrow({ where: { caseId } });
    return {
      decision,
      kase: await testDb.attendanceCase.findUniqueOrThrow({ where: { id: caseId } }),
      referrals: await testDb.prosecutionReferral.findMany({ where: { caseId } }),
      notes: await testDb.notification.findMany({ where: { caseId } }),
      event: await testDb.caseEvent.findFirst({ where: { caseId, kind: { startsWith: "decision_" } } }),
      audit: await testDb.auditLog.findFirstOrThrow({ where: { entityId: caseId, action: "case.decide" } }),
    };
  }

  it("reproduces the review finding (Ella Pearson: 94.6%, 0 unauthorised sessions): all-authorised absence is not referred", async () => {
    // 37 of 40 attended, the 3 absent days all illness (authorised): the target of 95% is missed.
    const { kase } = await windowCase({ authorised: 3, target: { tenths: 950, maxUnauthorised: null } });
    expect(await run("2026-10-05")).toMatchObject({ evaluated: 1, improved: 0, referred: 0, notReferred: 1 });
    const o = await outcomeOf(kase.id);
    expect(o.decision.outcome).toBe("not_referred");
    expect(o.decision.reasons).toEqual([
      {
        code: "no_unauthorised_absence",
        message: "all 3 absent sessions were authorised: absence with leave is not an offence (section 444(3))",
      },
    ]);
    expect(o.referrals).toEqual([]);
    // The case stays open (monitoring), and the officer is asked what next.
    expect(o.kase.status).toBe("monitoring");
    expect(o.notes.map((n) => [n.userId, n.kind])).toEqual([[officer.id, "window_not_referred"]]);
    expect(o.notes[0]!.message).toContain("no prosecution referral was made: all 3 absent sessions were authorised");
    expect(o.notes[0]!.message).toContain(
      "Decide what happens next: extend the casework, start a new window (close this case and open a new one) or close the case.",
    );
    // The follow-up task (issue 15's task writer), once per decision.
    const tasks = await testDb.caseTask.findMany({ where: { caseId: kase.id } });
    expect(tasks.map((t) => [t.assignedTo, t.kind, t.source, t.title])).toEqual([
      [officer.id, "follow_up", "daily_job", NOT_REFERRED_TASK_TITLE],
    ]);
    expect(tasks[0]!.notes).toContain("all 3 absent sessions were authorised");
    expect(o.event?.kind).toBe("decision_not_referred");
    expect(o.event?.actorUserId).toBeNull();
    expect(o.event?.note).toContain("Not referred for prosecution: all 3 absent sessions were authorised");
    expect(o.audit).toMatchObject({ actorSystem: "daily-job", actorUserId: null });
    expect(o.audit.detail).toMatchObject({ outcome: "not_referred", reasons: o.decision.reasons });
  });

  it("refers from the authority's referral minimum: below it the window is not referred, at it each parent is", async () => {
    const below = await windowCase({ unauthorised: 9 });
    const at = await windowCase({ unauthorised: 10 });
    expect(await run("2026-10-05")).toMatchObject({ evaluated: 2, referred: 1, notReferred: 1 });
    const b = await outcomeOf(below.kase.id);
    expect(b.decision.reasons).toEqual([
      { code: "below_referral_minimum", message: "9 unauthorised sessions; this authority refers from 10" },
    ]);
    expect(b.referrals).toEqual([]);
    expect((await outcomeOf(at.kase.id)).referrals).toHaveLength(2);

    // An administrator lowers the minimum to 4 (local policy): 3 is refused, 4 is referred.
    await testDb.authorityCaseSettings.upsert({
      where: { authorityId: authority.id },
      create: { authorityId: authority.id, windowSettings: DEFAULT_WINDOW_SETTINGS, referralMinimum: 4 },
      update: { referralMinimum: 4 },
    });
    try {
      const target = { tenths: 950, maxUnauthorised: null };
      const three = await windowCase({ unauthorised: 3, target });
      const four = await windowCase({ unauthorised: 4, target });
      expect(await run("2026-10-05")).toMatchObject({ evaluated: 2, referred: 1, notReferred: 1 });
      expect((await outcomeOf(three.kase.id)).decision.reasons).toEqual([
        { code: "below_referral_minimum", message: "3 unauthorised sessions; this authority refers from 4" },
      ]);
      expect((await outcomeOf(four.kase.id)).decision.outcome).toBe("referred");
    } finally {
      await testDb.authorityCaseSettings.update({
        where: { authorityId: authority.id },
        data: { referralMinimum: 10 },
      });
    }
  });

  it("relies only on the days of compulsory school age when the pupil reaches it inside the window", async () => {
    // Born 15 December 2021: 5 on 15 December 2026, compulsory from 31 December 2026. The window runs 1 December
    // 2026 to 29 January 2027; every session before the 31st is unauthorised.
    const window = { start: "2026-12-01", end: "2027-01-29", dateOfBirth: "2021-12-15" };
    const early = await windowCase({
      ...window,
      code: (d) => (d < "2026-12-31" ? "O" : d === "2027-01-04" ? "O" : "/"),
    });
    // The same, with 10 unauthorised sessions from 31 December onwards.
    const late = await windowCase({
      ...window,
      code: (d) => (d < "2026-12-31" || (d >= "2027-01-04" && d <= "2027-01-08") ? "O" : "/"),
    });
    // (Windows left running by the catch-up test are decided by this run too: only these two are checked.)
    await run("2027-02-01");

    const e = await outcomeOf(early.kase.id);
    expect(e.decision.outcome).toBe("not_referred");
    expect(e.decision.reasons).toEqual([
      {
        code: "not_compulsory_school_age",
        message:
          "the pupil was below compulsory school age until 31 December 2026: the 44 unauthorised sessions outside it are not relied on",
      },
      { code: "below_referral_minimum", message: "2 unauthorised sessions; this authority refers from 10" },
    ]);

    const l = await outcomeOf(late.kase.id);
    expect(l.decision.outcome).toBe("referred");
    expect(l.decision.figures).toMatchObject({
      unauthorisedSessions: 54,
      grounds: {
        compulsorySchoolAge: { from: "2026-12-31" },
        reliedOn: { from: "2026-12-31", to: "2027-01-29" },
        reliedOnSessions: { unauthorised: 10 },
      },
    });
    // The referral's period is the part relied on.
    expect(
      l.referrals.map((r) => [r.periodStart.toISOString().slice(0, 10), r.periodEnd.toISOString().slice(0, 10)]),
    ).toEqual([
      ["2026-12-31", "2027-01-29"],
      ["2026-12-31", "2027-01-29"],
    ]);
    expect(l.event?.details).toMatchObject({
      grounds: {
        notReliedOn: [
          "the pupil was below compulsory school age until 31 December 2026: the 44 unauthorised sessions outside it are not relied on",
        ],
      },
    });
  });

  it("refers only parents in law: a grandparent without parental responsibility who lives elsewhere is not_a_parent", async () => {
    const { kase, parents } = await windowCase({
      unauthorised: 12,
      links: [
        { relationship: "mother", parentalResponsibility: true, livesWithPupil: true },
        { relationship: "grandparent", parentalResponsibility: false, livesWithPupil: false },
      ],
    });
    expect(await run("2026-10-05")).toMatchObject({ referred: 1 });
    const o = await outcomeOf(kase.id);
    expect(o.referrals.map((r) => r.parentId)).toEqual([parents[0]!.id]);
    expect(o.decision.reasons).toEqual([
      {
        code: "not_a_parent",
        parentId: parents[1]!.id,
        message:
          "Parent1 Parent (grandparent) has no parental responsibility and does not live with the pupil, so is not a parent under section 576 and is not referred",
      },
    ]);
  });

  it("the database refuses a referral on a decision that did not refer, and one for a person who is not a parent in law", async () => {
    const notReferred = await windowCase({ unauthorised: 2 });
    const referred = await windowCase({
      unauthorised: 12,
      links: [
        { relationship: "father", parentalResponsibility: false, livesWithPupil: false },
        { relationship: "other_relative", parentalResponsibility: false, livesWithPupil: false },
      ],
    });
    await run("2026-10-05");
    const n = await outcomeOf(notReferred.kase.id);
    const insert = (caseId: string, parentId: string, decisionId: string, evidenceId: string) =>
      rawPool.query(
        `INSERT INTO prosecution_referral (authority_id, case_id, parent_id, decision_id, evidence_id, period_start, period_end)
         VALUES ($1, $2, $3, $4, $5, '2026-09-07', '2026-10-02')`,
        [authority.id, caseId, parentId, decisionId, evidenceId],
      );
    await expect(
      insert(notReferred.kase.id, notReferred.parents[0]!.id, n.decision.id, n.decision.evidenceId),
    ).rejects.toThrow(/did not refer the window/);
    const r = await outcomeOf(referred.kase.id);
    // The father (a natural parent) is referred; the other relative is not, and cannot be by a raw insert.
    expect(r.referrals.map((x) => x.parentId)).toEqual([referred.parents[0]!.id]);
    await expect(
      insert(referred.kase.id, referred.parents[1]!.id, r.decision.id, r.decision.evidenceId),
    ).rejects.toThrow(/not a parent in law/);
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
      notReferred: 0,
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
