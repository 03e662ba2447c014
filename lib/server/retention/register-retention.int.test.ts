// Retention of register marks (issue 12 §4, ADR 039 and its follow-up) on the real database, through issue 14's
// register store: marks past the statutory 6 years go a whole summary year at a time with their history of changes
// and the pupil's own week and year summaries; a pupil under a legal hold (directly, through a held case or a held
// parent) or with an open case keeps everything; the dry run and the real run agree; each batch leaves a tombstone;
// the school's day totals stay; the audit chain still verifies. And a hold keeps the audit rows of the held case's
// referrals, hearings, letters and court records, not only those about the case itself.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import { writeOldAuditRows } from "@/tests/old-audit-rows";
import { importRegisterCsv } from "../attendance/import-register";
import { verifyAuditChain } from "../audit-log/verify-audit-chain";
import { approveReferral } from "../referrals/approve-referral";
import { COMPLETE_CHECKLIST, makeHearing, makeReferredCase } from "../referrals/test-factories";
import { placeLegalHold, releaseLegalHold } from "./legal-holds";
import { applyRetention, retentionDryRun } from "./run-retention";

const TODAY = "2026-11-20"; // the integration tests' service clock: the register's cut-off is 20 November 2020
// 1 September 2020 is a Tuesday, so the first week of 2020/21 begins on Monday 7 September: marks before it go
// (the week of 31 August, and its summary, belong to 2019/20).
const BEFORE = "2020-09-07";
const checklist = { ...COMPLETE_CHECKLIST, defencesConsidered: [...COMPLETE_CHECKLIST.defencesConsidered] };

/** Weekday marks from `from` to `to` inclusive, two sessions a day, cycling through 2006-set codes. */
function marks(upn: string, from: string, to: string, codes = ["/", "N", "/", "O", "I", "/"]): string[] {
  const lines: string[] = [];
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day === 0 || day === 6) continue;
    for (const session of ["AM", "PM"]) {
      const code = codes[n++ % codes.length]!;
      lines.push(`${upn},${d},${session},${code === "/" && session === "PM" ? "\\" : code}`);
    }
  }
  return lines;
}

async function load(authorityId: string, lines: string[]) {
  const outcome = await importRegisterCsv({
    actor: { system: "cli", authorityId },
    input: Readable.from([["upn,date,session,code", ...lines].join("\n")]),
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  return outcome.counts;
}

/** A pupil's register as the store holds it: marks, changes, week and year summaries, CTF year counts. */
async function register(authorityId: string, pupilId: string) {
  const q = async (sql: string) => (await rawPool.query(sql, [authorityId, pupilId])).rows;
  const key = `JOIN pupil p ON p.authority_id = t.authority_id AND p.store_key = t.pupil_key
    WHERE t.authority_id = $1 AND p.id = $2`;
  return {
    marks: await q(`SELECT t.date::text, t.session, t.code_id FROM attendance_mark t ${key} ORDER BY 1, 2`),
    changes: await q(`SELECT t.date::text, t.session, t.old_code_id, t.new_code_id FROM attendance_mark_change t
      ${key} ORDER BY 1, 2`),
    weeks: await q(`SELECT t.week_start::text, t.possible, t.present, t.authorised, t.unauthorised,
      t.penalty_unauthorised FROM attendance_pupil_week t ${key} ORDER BY 1`),
    years: await q(`SELECT t.academic_year, t.possible, t.present, t.authorised, t.unauthorised
      FROM attendance_pupil_year t ${key} ORDER BY 1`),
    ctfYears: await q(`SELECT academic_year FROM attendance_year_summary WHERE authority_id = $1 AND pupil_id = $2
      ORDER BY 1`),
  };
}

const schoolDays = async (authorityId: string) =>
  (
    await rawPool.query(
      `SELECT school_key, date::text, possible, present, authorised, unauthorised FROM attendance_school_day
       WHERE authority_id = $1 ORDER BY 1, 2`,
      [authorityId],
    )
  ).rows;

describe("retention of register marks", { timeout: 120_000 }, () => {
  it("erases old marks with their history and summaries a whole year at a time, keeps held pupils' and open cases', and the dry run agrees", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeActor({ authority, role: "officer" });
    const manager = await makeActor({ authority, role: "manager" });
    const pupil = () => makePupil(testDb, { authority, school, enrolledOn: "2018-09-01" });
    const [plain, second, heldPupil, heldByCase, openCase, childOfHeld] = [
      await pupil(),
      await pupil(),
      await pupil(),
      await pupil(),
      await pupil(),
      await pupil(),
    ];
    const everyone = [plain, second, heldPupil, heldByCase, openCase, childOfHeld];
    // Two academic years past the period, the week that straddles into 2020/21 (31 August to 4 September, which
    // belongs to 2019/20), and a week inside the period (7 to 11 September 2020).
    const lines = everyone.flatMap((p) => [
      ...marks(p.upn, "2019-03-04", "2019-03-15"),
      ...marks(p.upn, "2020-03-02", "2020-03-13"),
      ...marks(p.upn, "2020-08-31", "2020-09-11"),
    ]);
    // The registers were sent while the authority kept them 10 years (an import refuses marks past the period);
    // it then chose the statutory 6 (as the default, 72 months).
    await rawPool.query(
      "INSERT INTO retention_schedule (authority_id, record_type, keep_months, updated_by) VALUES ($1, 'register_marks', 120, $2)",
      [authority.id, manager.id],
    );
    await load(authority.id, lines);
    // A re-sent register changes a mark before the boundary and one after it: two rows of history each.
    await load(
      authority.id,
      everyone.flatMap((p) => [`${p.upn},2020-03-02,AM,G`, `${p.upn},2020-09-08,AM,G`]),
    );
    // A Common Transfer File's counts for a year long gone (the plain pupil only).
    await rawPool.query(
      `INSERT INTO attendance_year_summary (authority_id, pupil_id, academic_year, la_code, estab_number, school_name,
         sessions_possible, sessions_authorised, sessions_attended, sessions_unauthorised, import_id)
       SELECT $1, $2, 2017, '123', '4567', 'A school elsewhere', 300, 10, 280, 10, min(id)
       FROM attendance_import WHERE authority_id = $1`,
      [authority.id, plain.id],
    );

    await rawPool.query(
      "UPDATE retention_schedule SET keep_months = 72 WHERE authority_id = $1 AND record_type = 'register_marks'",
      [authority.id],
    );

    // Who keeps their register: a hold on the pupil; a hold on a recently closed case of the pupil; an open case;
    // a hold on a parent (their child's register is their case's evidence).
    await placeLegalHold(manager, { subject: "pupil", upn: heldPupil.upn, reason: "Proceedings pending" });
    const closedCase = await makeCase(testDb, { authority, pupil: heldByCase, officer, openedOn: "2020-01-06" });
    await testDb.attendanceCase.update({
      where: { id: closedCase.id },
      data: { status: "closed", closeOutcome: "improved", closeReason: "Attendance improved" },
    });
    await placeLegalHold(manager, { subject: "case", caseId: closedCase.id, reason: "Complaint to the Ombudsman" });
    await makeCase(testDb, { authority, pupil: openCase, officer, openedOn: "2020-01-06" });
    const parent = await makeParent(testDb, { authority, pupil: childOfHeld });
    await placeLegalHold(manager, { subject: "parent", parentId: parent.id, reason: "Judicial review" });

    const before = Object.fromEntries(
      await Promise.all(everyone.map(async (p) => [p.id, await register(authority.id, p.id)] as const)),
    );
    const days = await schoolDays(authority.id);
    const perPupil = before[plain.id]!.marks.length;
    const oldPerPupil = before[plain.id]!.marks.filter((m) => m.date < BEFORE).length;
    expect(oldPerPupil).toBe(2 * 10 * 2 + 5 * 2); // two fortnights and the straddling week, two sessions a day
    expect(perPupil - oldPerPupil).toBe(5 * 2);

    // The dry run: the boundary, the marks that would go (two pupils') and those kept (four pupils').
    const dry = await retentionDryRun(authority.id, TODAY);
    const period = dry.periods.find((p) => p.type === "register_marks")!;
    expect(period).toMatchObject({ cutoff: "2020-11-20", erasedBefore: BEFORE, due: 2 * oldPerPupil });
    expect(period.held).toBe(4 * oldPerPupil);

    // The real run, one pupil a batch: it erases exactly what the dry run counted.
    const summary = await applyRetention({ today: TODAY, authorityId: authority.id, batches: { registerPupils: 1 } });
    expect(summary.erased.register_marks).toBe(period.due);
    const tombstones = await testDb.auditLog.findMany({
      where: { authorityId: authority.id, action: "retention.erase" },
      orderBy: { chainSeq: "asc" },
    });
    expect(tombstones.map((t) => t.detail)).toEqual(
      [plain, second]
        .sort((a, b) => a.storeKey - b.storeKey)
        .map((p) =>
          expect.objectContaining({
            recordType: "register_marks",
            count: 1,
            pupils: 1,
            marks: oldPerPupil,
            changes: 1,
            marksBefore: BEFORE,
            pupilIds: [p.id],
            cutoff: "2020-11-20",
          }),
        ),
    );

    // The erased pupils keep only what is inside the period, and those summaries are exactly as they were.
    for (const p of [plain, second]) {
      const was = before[p.id]!;
      const now = await register(authority.id, p.id);
      expect(now.marks).toEqual(was.marks.filter((m) => m.date >= BEFORE));
      expect(now.changes).toEqual([expect.objectContaining({ date: "2020-09-08", session: 0 })]);
      expect(now.weeks).toEqual(was.weeks.filter((w) => w.week_start >= BEFORE));
      expect(now.weeks.map((w) => w.week_start)).toEqual(["2020-09-07"]);
      expect(now.years).toEqual(was.years.filter((y) => y.academic_year >= 2020));
      expect(now.ctfYears).toEqual([]);
    }
    expect(before[plain.id]!.ctfYears).toEqual([{ academic_year: 2017 }]);
    // Everyone kept keeps everything.
    for (const p of [heldPupil, heldByCase, openCase, childOfHeld]) {
      expect(await register(authority.id, p.id)).toEqual(before[p.id]);
    }
    // The school's day totals name no one and stay: the authority's figures for past years rest on them.
    expect(await schoolDays(authority.id)).toEqual(days);

    // Nothing more is due; a second run erases nothing; the chain verifies through the tombstones.
    const again = await retentionDryRun(authority.id, TODAY);
    expect(again.periods.find((p) => p.type === "register_marks")).toMatchObject({ due: 0, held: 4 * oldPerPupil });
    expect((await applyRetention({ today: TODAY, authorityId: authority.id })).erased.register_marks).toBe(0);
    expect(await verifyAuditChain({ authorityId: authority.id })).toMatchObject({ ok: true });

    // The old register sent again is refused, line by line with the date and why, and nothing of it is written:
    // erasure cannot be undone by an old file (a CTF's marks likewise: import-ctf.int.test.ts).
    const imports = await testDb.attendanceImport.count({ where: { authorityId: authority.id } });
    const resent = await importRegisterCsv({
      actor: { system: "cli", authorityId: authority.id },
      input: Readable.from([
        ["upn,date,session,code", `${plain.upn},2019-03-04,AM,/`, `${plain.upn},2020-09-09,AM,O`].join("\n"),
      ]),
    });
    expect(resent).toEqual({
      ok: false,
      totalErrors: 1,
      errors: [
        {
          line: 2,
          upn: plain.upn,
          date: "2019-03-04",
          message:
            "Marks dated 4 March 2019 cannot be imported: register marks are kept 72 months (6 years), so marks dated before 7 September 2020 have been erased, and a register sent again must not bring them back. Remove marks before 7 September 2020 from the file",
        },
      ],
    });
    expect((await register(authority.id, plain.id)).marks).toEqual(
      before[plain.id]!.marks.filter((m) => m.date >= BEFORE),
    );
    expect(await testDb.attendanceImport.count({ where: { authorityId: authority.id } })).toBe(imports);

    // A service day far in the future is capped at the database's own date, and the app's role may still not delete
    // a mark's history itself.
    await rawPool.query("SELECT * FROM retention_erase_register_marks($1, '2099-01-01'::date, 100)", [authority.id]);
    expect((await register(authority.id, plain.id)).marks).toHaveLength(perPupil - oldPerPupil);
    await expect(
      rawPool.query("DELETE FROM attendance_mark_change WHERE authority_id = $1", [authority.id]),
    ).rejects.toThrow(/permission denied/);

    // Once the hold on the pupil is released, the next run takes their register too.
    const hold = await testDb.legalHold.findFirstOrThrow({ where: { pupilId: heldPupil.id } });
    await releaseLegalHold(manager, { holdId: hold.id, reason: "Proceedings ended" });
    expect((await applyRetention({ today: TODAY, authorityId: authority.id })).erased.register_marks).toBe(oldPerPupil);
    expect((await register(authority.id, heldPupil.id)).marks).toHaveLength(perPupil - oldPerPupil);
  });

  it("a hold keeps the audit rows of the held case's referrals, hearings, letters and court records; others go", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeActor({ authority, role: "officer" });
    const manager = await makeActor({ authority, role: "manager" });
    const fixture = async () => {
      const pupil = await makePupil(testDb, { authority, school });
      const parent = await makeParent(testDb, { authority, pupil });
      const referred = await makeReferredCase(testDb, { authority, pupil, officer, parentIds: [parent.id] });
      const referral = referred.referrals[0]!;
      await approveReferral(manager, { referralId: referral.id, version: 1, offence: "s444(1)", ...checklist });
      const hearing = await makeHearing(testDb, referral, manager);
      const letter = await testDb.caseLetter.findFirstOrThrow({ where: { caseId: referred.kase.id } });
      return { kase: referred.kase, referral, hearing, letter, evidence: referred.evidence };
    };
    const held = await fixture();
    const other = await fixture();
    // Audit rows written in 2019, past the 6 years, about each case's records (after the approvals' own rows in the
    // chain: the audit log's period runs from when a row was written).
    const rowsAbout = (f: Awaited<ReturnType<typeof fixture>>) => [
      { action: "referral.view", entity: ["referral", f.referral.id] as [string, string] },
      { action: "outcome.record", entity: ["referral", f.referral.id] as [string, string] },
      { action: "hearing.view", entity: ["hearing", f.hearing.id] as [string, string] },
      { action: "letter.view", entity: ["case_letter", f.letter.id] as [string, string] },
      { action: "certificate.view", entity: ["evidence", f.evidence.id] as [string, string] },
      {
        action: "task.view",
        entity: ["task", "00000000-0000-4000-8000-000000000009"] as [string, string],
        detail: { caseId: f.kase.id },
      },
    ];
    await writeOldAuditRows(
      authority.id,
      [...rowsAbout(held), ...rowsAbout(other)].map((r) => ({ ...r, at: "2019-05-01T10:00:00Z" })),
    );
    expect(await verifyAuditChain({ authorityId: authority.id })).toMatchObject({ ok: true });

    await placeLegalHold(manager, { subject: "case", caseId: held.kase.id, reason: "Appeal to the Crown Court" });
    const summary = await applyRetention({ today: TODAY, authorityId: authority.id });
    expect(summary.erased.audit_log).toBe(rowsAbout(other).length);

    const left = await testDb.auditLog.findMany({
      where: { authorityId: authority.id, at: { lt: new Date("2020-01-01T00:00:00Z") } },
      select: { action: true, entityId: true },
      orderBy: { chainSeq: "asc" },
    });
    expect(left).toEqual(rowsAbout(held).map((r) => ({ action: r.action, entityId: r.entity[1] })));
    expect(await verifyAuditChain({ authorityId: authority.id })).toMatchObject({ ok: true });
  });
});
