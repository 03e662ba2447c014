// Retention and legal hold (issue 12 §4, ADR 039) on the real database: the schedule's rules three times, holds,
// the dry run, the daily job's erasure in batches with tombstones, and the audit chain still verifying after it.
import { describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, ownerPool, rawPool, testDb } from "@/tests/db";
import { writeOldAuditRows } from "@/tests/old-audit-rows";
import { verifyAuditChain } from "../audit-log/verify-audit-chain";
import { ForbiddenError, ValidationError } from "../errors";
import { listLegalHolds, placeLegalHold, releaseLegalHold } from "./legal-holds";
import { getRetentionSchedule, setRetentionSchedule } from "./retention-schedule";
import { applyRetention, getRetentionDryRun, retentionDryRun } from "./run-retention";

const TODAY = "2026-11-20"; // the integration tests' service clock

/** A closed case: closed on `closedOn` (its 'closed' timeline entry), with its parents as parties and a task. */
async function makeClosedCase(
  setup: { authority: { id: string }; officer: { id: string } },
  pupil: { id: string },
  parents: { id: string }[],
  closedOn: string,
) {
  const kase = await makeCase(testDb, { ...setup, pupil, openedOn: "2018-09-10" });
  await testDb.caseParty.createMany({
    data: parents.map((p) => ({ caseId: kase.id, parentId: p.id, authorityId: setup.authority.id })),
  });
  await testDb.caseEvent.createMany({
    data: [
      { kind: "opened", occurredOn: new Date("2018-09-10T00:00:00Z"), note: "Opened" },
      { kind: "closed", occurredOn: new Date(`${closedOn}T00:00:00Z`), note: "Attendance improved" },
    ].map((e) => ({ ...e, caseId: kase.id, authorityId: setup.authority.id, actorUserId: setup.officer.id })),
  });
  await testDb.attendanceCase.update({
    where: { id: kase.id },
    data: { status: "closed", closeOutcome: "improved", closeReason: "Attendance improved" },
  });
  return kase;
}

async function setup() {
  const authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  const officer = await makeActor({ authority, role: "officer" });
  const manager = await makeActor({ authority, role: "manager" });
  const auditor = await makeActor({ authority, role: "auditor" });
  return { authority, school, officer, manager, auditor };
}

const caseExists = async (id: string) => (await testDb.attendanceCase.count({ where: { id } })) === 1;

describe("retention and legal hold", { timeout: 120_000 }, () => {
  it("erases closed cases past their period with everything on them, keeps held and recent ones, and leaves a tombstone", async () => {
    const s = await setup();
    const pupils = await Promise.all(
      [1, 2, 3, 4, 5].map(() => makePupil(testDb, { authority: s.authority, school: s.school })),
    );
    const parents = await Promise.all(pupils.map((pupil) => makeParent(testDb, { authority: s.authority, pupil })));
    const old = await makeClosedCase(s, pupils[0]!, [parents[0]!], "2019-06-01");
    const heldCase = await makeClosedCase(s, pupils[1]!, [parents[1]!], "2019-07-01");
    const heldParent = await makeClosedCase(s, pupils[2]!, [parents[2]!], "2019-08-01");
    const recent = await makeClosedCase(s, pupils[3]!, [parents[3]!], "2025-01-15");
    const open = await makeCase(testDb, { ...s, pupil: pupils[4]!, openedOn: "2018-09-10" });
    await testDb.caseTask.create({
      data: {
        authorityId: s.authority.id,
        caseId: old.id,
        kind: "phone_call",
        title: "Call the family",
        dueOn: new Date("2018-09-20T00:00:00Z"),
        assignedTo: s.officer.id,
        createdBy: s.officer.id,
      },
    });

    await placeLegalHold(s.manager, { subject: "case", caseId: heldCase.id, reason: "Complaint to the ombudsman" });
    await placeLegalHold(s.auditor, { subject: "parent", parentId: parents[2]!.id, reason: "Civil claim" });

    // The dry run lists what would go and what the holds keep, and changes nothing.
    const dry = await retentionDryRun(s.authority.id, TODAY);
    const closed = dry.periods.find((p) => p.type === "closed_case")!;
    expect(closed).toMatchObject({ cutoff: "2020-11-20", due: 1, held: 2, keepMonths: 72, chosen: false });
    expect(dry.cases).toEqual([
      { id: old.id, closedOn: "2019-06-01", held: false },
      { id: heldCase.id, closedOn: "2019-07-01", held: true },
      { id: heldParent.id, closedOn: "2019-08-01", held: true },
    ]);
    expect(await caseExists(old.id)).toBe(true);

    const summary = await applyRetention({ today: TODAY, authorityId: s.authority.id });
    expect(summary.erased.closed_case).toBe(1);
    expect(await caseExists(old.id)).toBe(false);
    expect(await testDb.caseEvent.count({ where: { caseId: old.id } })).toBe(0);
    expect(await testDb.caseParty.count({ where: { caseId: old.id } })).toBe(0);
    expect(await testDb.caseTask.count({ where: { caseId: old.id } })).toBe(0);
    for (const kept of [heldCase, heldParent, recent, open]) expect(await caseExists(kept.id)).toBe(true);
    // The pupil and parent stay: they are the register's.
    expect(await testDb.pupil.count({ where: { id: pupils[0]!.id } })).toBe(1);

    const tombstone = await testDb.auditLog.findFirstOrThrow({
      where: { authorityId: s.authority.id, action: "retention.erase" },
    });
    expect(tombstone).toMatchObject({ actorSystem: "retention", actorUserId: null });
    expect(tombstone.detail).toMatchObject({
      recordType: "closed_case",
      count: 1,
      cutoff: "2020-11-20",
      caseIds: [old.id],
    });

    // Released, the case's hold no longer keeps it; the parent's hold still keeps the other.
    const holds = await listLegalHolds(s.manager);
    expect(holds.map((h) => h.subject).sort()).toEqual(["case", "parent"]);
    const caseHold = holds.find((h) => h.subject === "case")!;
    await releaseLegalHold(s.auditor, { holdId: caseHold.id, reason: "Ombudsman closed the complaint" });
    await applyRetention({ today: TODAY, authorityId: s.authority.id });
    expect(await caseExists(heldCase.id)).toBe(false);
    expect(await caseExists(heldParent.id)).toBe(true);
    expect(await verifyAuditChain({ authorityId: s.authority.id })).toMatchObject({ ok: true });
  });

  it("erases cases in batches, each batch with its own tombstone", async () => {
    const s = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const pupil = await makePupil(testDb, { authority: s.authority, school: s.school });
      const parent = await makeParent(testDb, { authority: s.authority, pupil });
      ids.push((await makeClosedCase(s, pupil, [parent], `2019-0${i + 1}-10`)).id);
    }
    const summary = await applyRetention({ today: TODAY, authorityId: s.authority.id, batches: { closedCases: 2 } });
    expect(summary).toMatchObject({ erased: { closed_case: 5 }, batches: 3 });
    const tombstones = await testDb.auditLog.findMany({
      where: { authorityId: s.authority.id, action: "retention.erase" },
      orderBy: { chainSeq: "asc" },
    });
    expect(tombstones.map((t) => (t.detail as { caseIds: string[] }).caseIds)).toEqual([
      ids.slice(0, 2),
      ids.slice(2, 4),
      ids.slice(4),
    ]);
  });

  it("erases failed sign-ins and audit rows past their periods, keeps rows about held records, and the chain still verifies", async () => {
    const s = await setup();
    const pupil = await makePupil(testDb, { authority: s.authority, school: s.school });
    // Written before anything else in this authority's chain (the factories write no audit rows).
    await writeOldAuditRows(s.authority.id, [
      { action: "auth.sign_in_failed", at: "2019-03-01T10:00:00Z" },
      { action: "pupil.view", at: "2019-03-02T10:00:00Z", entity: ["pupil", pupil.id] },
      { action: "case.view", at: "2019-03-03T10:00:00Z", entity: ["case", "00000000-0000-4000-8000-000000000001"] },
      { action: "auth.sign_in_failed", at: "2025-06-01T10:00:00Z" },
      { action: "case.view", at: "2025-06-02T10:00:00Z", entity: ["case", "00000000-0000-4000-8000-000000000002"] },
      { action: "auth.sign_in_failed", at: "2026-01-01T10:00:00Z" },
    ]);
    expect(await verifyAuditChain({ authorityId: s.authority.id })).toEqual({ rows: 6, ok: true });
    await placeLegalHold(s.auditor, { subject: "pupil", upn: pupil.upn, reason: "Subject access complaint" });

    const dry = await retentionDryRun(s.authority.id, TODAY);
    expect(dry.periods.find((p) => p.type === "failed_sign_in")).toMatchObject({ cutoff: "2025-11-20", due: 2 });
    expect(dry.periods.find((p) => p.type === "audit_log")).toMatchObject({ cutoff: "2020-11-20", due: 1 });

    const summary = await applyRetention({ today: TODAY, authorityId: s.authority.id });
    expect(summary.erased).toMatchObject({ failed_sign_in: 2, audit_log: 1 });
    const left = await testDb.auditLog.findMany({
      where: { authorityId: s.authority.id },
      orderBy: { chainSeq: "asc" },
      select: { action: true, chainSeq: true },
    });
    expect(left.map((r) => [Number(r.chainSeq), r.action])).toEqual([
      [2, "pupil.view"], // about the held pupil: kept
      [5, "case.view"],
      [6, "auth.sign_in_failed"], // within its 12 months
      [7, "legal_hold.place"],
      [8, "retention.erase"],
      [9, "retention.erase"],
    ]);
    const erased = await testDb.auditLogErased.findMany({
      where: { authorityId: s.authority.id },
      orderBy: { chainSeq: "asc" },
    });
    expect(erased.map((r) => [Number(r.chainSeq), r.action])).toEqual([
      [1, "auth.sign_in_failed"],
      [3, "case.view"],
      [4, "auth.sign_in_failed"],
    ]);
    // Erased rows keep their links, so the chain verifies through them; a new row follows on.
    expect(await verifyAuditChain({ authorityId: s.authority.id })).toEqual({ rows: 9, ok: true });

    // Removing an erased row's link is a break `audit verify` names.
    await ownerPool.query("DELETE FROM audit_log_erased WHERE authority_id = $1 AND chain_seq = 3", [s.authority.id]);
    const broken = await verifyAuditChain({ authorityId: s.authority.id });
    expect(broken).toMatchObject({ ok: false, break: { chainSeq: "4", reason: expect.stringMatching(/position 3/) } });
  });

  it("the schedule: the auditor sets it, the register's statutory 6 years is the floor three times over, and it moves the cut-off", async () => {
    const s = await setup();
    await expect(getRetentionSchedule(s.manager)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      setRetentionSchedule(s.manager, {
        "keep-closed_case": "24",
        "keep-school_flag": "72",
        "keep-register_marks": "72",
        "keep-audit_log": "72",
        "keep-failed_sign_in": "12",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const bad = await setRetentionSchedule(s.auditor, {
      "keep-closed_case": "0",
      "keep-school_flag": "",
      "keep-register_marks": "60",
      "keep-audit_log": "six years",
      "keep-failed_sign_in": "",
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors).toEqual({
      "keep-closed_case": ["Enter a period of 1 month or more"],
      "keep-school_flag": ["Enter how many months to keep school flags declined without a case"],
      "keep-register_marks": [expect.stringMatching(/^Register marks must be kept at least 72 months \(6 years\)/)],
      "keep-audit_log": ["Enter the period for audit log as a whole number of months"],
      "keep-failed_sign_in": ["Enter how many months to keep failed sign-in records"],
    });
    expect(await testDb.retentionSchedule.count({ where: { authorityId: s.authority.id } })).toBe(0);

    // The database refuses what the form would (the app's own role, as the app connects).
    await expect(
      rawPool.query(
        "INSERT INTO retention_schedule (authority_id, record_type, keep_months, updated_by) VALUES ($1, 'register_marks', 60, $2)",
        [s.authority.id, s.auditor.id],
      ),
    ).rejects.toThrow(/retention_schedule_register_six_years/);
    await expect(
      rawPool.query(
        "INSERT INTO retention_schedule (authority_id, record_type, keep_months, updated_by) VALUES ($1, 'closed_case', 0, $2)",
        [s.authority.id, s.auditor.id],
      ),
    ).rejects.toThrow(/check constraint/);

    expect(
      await setRetentionSchedule(s.auditor, {
        "keep-closed_case": "24",
        "keep-school_flag": "72",
        "keep-register_marks": "72",
        "keep-audit_log": "72",
        "keep-failed_sign_in": "6",
      }),
    ).toEqual({ changed: 2 });
    const schedule = await getRetentionSchedule(s.auditor);
    expect(schedule.map((p) => [p.type, p.keepMonths, p.chosen])).toEqual([
      ["closed_case", 24, true],
      ["school_flag", 72, false],
      ["register_marks", 72, false],
      ["audit_log", 72, false],
      ["failed_sign_in", 6, true],
    ]);
    const change = await testDb.auditLog.findFirstOrThrow({
      where: { authorityId: s.authority.id, action: "retention.schedule_change" },
    });
    expect(change.detail).toEqual({
      changes: [
        { type: "closed_case", from: 72, to: 24 },
        { type: "failed_sign_in", from: 12, to: 6 },
      ],
    });
    const dry = await getRetentionDryRun(s.auditor);
    expect(dry.periods.find((p) => p.type === "closed_case")!.cutoff).toBe("2024-11-20");
    expect(await testDb.auditLog.count({ where: { authorityId: s.authority.id, action: "retention.dry_run" } })).toBe(
      1,
    );
  });

  it("legal holds: managers and auditors only, one subject, one in force, bad input named, released not deleted", async () => {
    const s = await setup();
    const pupil = await makePupil(testDb, { authority: s.authority, school: s.school });
    await expect(
      placeLegalHold(s.officer, { subject: "pupil", upn: pupil.upn, reason: "Proceedings" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listLegalHolds(s.auditor)).resolves.toEqual([]);

    const problems = async (input: Record<string, string>) =>
      ((await placeLegalHold(s.manager, input).catch((e: unknown) => e)) as ValidationError).fieldErrors;
    expect(await problems({ subject: "pupil", upn: "A12", reason: "" })).toMatchObject({
      upn: [expect.any(String)],
      reason: ["Enter why the records must be kept, for example the proceedings or complaint"],
    });
    expect(await problems({ subject: "case", caseId: "00000000-0000-4000-8000-000000000009", reason: "x" })).toEqual({
      caseId: [expect.stringMatching(/^No case with reference 00000000-0000-4000-8000-000000000009 in /)],
    });
    const otherAuthority = await makeAuthority(testDb);
    const otherSchool = await makeSchool(testDb, otherAuthority);
    const stranger = await makePupil(testDb, { authority: otherAuthority, school: otherSchool });
    expect(await problems({ subject: "pupil", upn: stranger.upn, reason: "x" })).toEqual({
      upn: [expect.stringMatching(/^No pupil with UPN /)],
    });

    const { id } = await placeLegalHold(s.manager, { subject: "pupil", upn: pupil.upn, reason: "Proceedings" });
    expect(await problems({ subject: "pupil", upn: pupil.upn, reason: "Again" })).toEqual({
      upn: ["A legal hold is already in force on this record"],
    });
    const placed = await testDb.auditLog.findFirstOrThrow({
      where: { authorityId: s.authority.id, action: "legal_hold.place" },
    });
    expect(placed).toMatchObject({ entityType: "pupil", entityId: pupil.id, actorUserId: s.manager.id });

    // The database: exactly one subject; the app may release a hold, once, and never delete or edit one.
    await expect(
      rawPool.query(
        "INSERT INTO legal_hold (authority_id, pupil_id, case_id, reason, placed_by) VALUES ($1, $2, NULL, 'x', $3)",
        [s.authority.id, null, s.manager.id],
      ),
    ).rejects.toThrow(/legal_hold_one_subject/);
    await expect(rawPool.query("DELETE FROM legal_hold WHERE id = $1", [id])).rejects.toThrow(/permission denied/);
    await expect(rawPool.query("UPDATE legal_hold SET reason = 'changed' WHERE id = $1", [id])).rejects.toThrow(
      /can only be released/,
    );
    await expect(releaseLegalHold(s.officer, { holdId: id, reason: "Done" })).rejects.toBeInstanceOf(ForbiddenError);
    await releaseLegalHold(s.manager, { holdId: id, reason: "Proceedings withdrawn" });
    expect(
      ((await releaseLegalHold(s.manager, { holdId: id, reason: "Again" }).catch((e: unknown) => e)) as ValidationError)
        .fieldErrors,
    ).toEqual({ reason: ["This hold has already been released"] });
    const [hold] = await listLegalHolds(s.manager);
    expect(hold).toMatchObject({ id, released: { reason: "Proceedings withdrawn" } });
    // Once released it can be placed again.
    await placeLegalHold(s.manager, { subject: "pupil", upn: pupil.upn, reason: "New proceedings" });
  });

  it("the app's role cannot erase beyond the schedule or write erased links itself", async () => {
    const s = await setup();
    const pupil = await makePupil(testDb, { authority: s.authority, school: s.school });
    const parent = await makeParent(testDb, { authority: s.authority, pupil });
    const recent = await makeClosedCase(s, pupil, [parent], "2025-01-15");
    // A service day far in the future is capped at the database's own date: the recent case stays.
    const { rows } = await rawPool.query<{ ids: string[] }>(
      "SELECT retention_erase_closed_cases($1, '2099-01-01'::date, 50) AS ids",
      [s.authority.id],
    );
    expect(rows[0]!.ids).toEqual([]);
    expect(await caseExists(recent.id)).toBe(true);
    await expect(
      rawPool.query(
        "INSERT INTO audit_log_erased (id, chain_seq, prev_hash, row_hash, action, at) VALUES (1, 1, repeat('0', 64), repeat('0', 64), 'x.y', now())",
      ),
    ).rejects.toThrow(/permission denied/);
    // Setting the erasure flag does not give the app's role DELETE on the audit log.
    const client = await rawPool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('fast_track.retention_erasure', 'on', true)");
      await expect(client.query("DELETE FROM audit_log WHERE authority_id = $1", [s.authority.id])).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
