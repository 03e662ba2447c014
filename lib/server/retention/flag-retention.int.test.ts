// Retention of school flags never tied to a case (issue 12 §4; ADR 039's amendment of 7 December 2026) on the real
// database: a declined flag past its period goes with its notes, in batches each ending with a tombstone audit row,
// and the truancy sweep stop that raised it is anonymised; a hold on the pupil (or a parent of theirs) keeps it;
// flags still waiting, recently declined or tied to a case stay; the dry run counts what the run erases; and a
// closed case whose flag has notes can now be erased too.
import { describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import { verifyAuditChain } from "../audit-log/verify-audit-chain";
import { placeLegalHold } from "./legal-holds";
import { applyRetention, retentionDryRun } from "./run-retention";

const TODAY = "2026-11-20"; // the integration tests' service clock: the default 72 months run back to 20 November 2020

describe("retention of school flags never tied to a case", { timeout: 120_000 }, () => {
  it("erases declined flags past their period with their notes, keeps held pupils' and the rest, and the dry run agrees", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const staff = await makeUser(testDb, { authority, role: "school", school });
    const officer = await makeActor({ authority, role: "officer" });
    const manager = await makeActor({ authority, role: "manager" });

    /** A flag raised with a note while it waited, then (unless `declinedOn` is null) declined on that day. */
    const flag = async (declinedOn: string | null) => {
      const pupil = await makePupil(testDb, { authority, school });
      const f = await testDb.caseFlag.create({
        data: {
          authorityId: authority.id,
          pupilId: pupil.id,
          schoolId: school.id,
          flaggedBy: staff.id,
          reason: "Absent most Mondays",
          figures: {},
        },
      });
      await testDb.caseFlagNote.create({
        data: { authorityId: authority.id, flagId: f.id, schoolId: school.id, addedBy: staff.id, note: "Mum rang" },
      });
      if (declinedOn) {
        await testDb.caseFlag.update({
          where: { id: f.id },
          data: {
            status: "declined",
            declineReason: "Below the service's threshold",
            decidedAt: new Date(`${declinedOn}T10:00:00Z`),
            decidedBy: officer.id,
          },
        });
      }
      return { ...f, pupil };
    };
    const [oldA, oldB, oldC] = [await flag("2019-05-01"), await flag("2020-01-10"), await flag("2020-11-19")];
    const heldPupil = await flag("2019-06-01");
    const heldParent = await flag("2019-07-01");
    const recent = await flag("2020-11-21"); // declined after the cut-off: kept
    const waiting = await flag(null); // never decided: the service's open work
    await placeLegalHold(manager, { subject: "pupil", upn: heldPupil.pupil.upn, reason: "Subject access dispute" });
    const parent = await makeParent(testDb, { authority, pupil: heldParent.pupil });
    await placeLegalHold(manager, { subject: "parent", parentId: parent.id, reason: "Judicial review" });

    // A truancy sweep stop raised one of the old flags.
    const { rows: sweep } = await rawPool.query<{ id: string }>(
      `INSERT INTO truancy_sweep (authority_id, sweep_date, area, police_officers, police_quarter_hours,
         staff_quarter_hours, recorded_by)
       VALUES ($1, '2019-04-30', 'Town centre', 1, 8, 8, $2) RETURNING id`,
      [authority.id, officer.id],
    );
    await rawPool.query(
      `INSERT INTO truancy_sweep_stop (authority_id, sweep_id, position, pupil_id, with_parent, valid_reason, reason,
         outcome, feed, flag_id)
       VALUES ($1, $2, 1, $3, false, 'no', 'Said he was ill', 'returned_to_school', 'school_flag', $4)`,
      [authority.id, sweep[0]!.id, oldA.pupil.id, oldA.id],
    );

    // The dry run: three due, two kept by holds.
    const dry = await retentionDryRun(authority.id, TODAY);
    expect(dry.periods.find((p) => p.type === "school_flag")).toMatchObject({
      cutoff: "2020-11-20",
      keepMonths: 72,
      chosen: false,
      due: 3,
      held: 2,
    });

    // The run, two flags a batch: exactly what the dry run counted, oldest first, a tombstone per batch.
    const summary = await applyRetention({ today: TODAY, authorityId: authority.id, batches: { schoolFlags: 2 } });
    expect(summary.erased.school_flag).toBe(3);
    const tombstones = await testDb.auditLog.findMany({
      where: { authorityId: authority.id, action: "retention.erase" },
      orderBy: { chainSeq: "asc" },
    });
    expect(tombstones.map((t) => t.detail)).toEqual([
      expect.objectContaining({ recordType: "school_flag", count: 2, flagIds: [oldA.id, oldB.id], keepMonths: 72 }),
      expect.objectContaining({ recordType: "school_flag", count: 1, flagIds: [oldC.id], cutoff: "2020-11-20" }),
    ]);
    const left = await testDb.caseFlag.findMany({ where: { authorityId: authority.id }, select: { id: true } });
    expect(left.map((f) => f.id).sort()).toEqual([heldPupil.id, heldParent.id, recent.id, waiting.id].sort());
    const notes = await testDb.caseFlagNote.findMany({
      where: { authorityId: authority.id },
      select: { flagId: true },
    });
    expect(notes.map((n) => n.flagId).sort()).toEqual([heldPupil.id, heldParent.id, recent.id, waiting.id].sort());
    // The sweep stop stays in the sweep's figures, naming no one.
    const { rows: stops } = await rawPool.query(
      "SELECT pupil_id, flag_id, feed, name, reason FROM truancy_sweep_stop WHERE authority_id = $1",
      [authority.id],
    );
    expect(stops).toEqual([
      {
        pupil_id: null,
        flag_id: null,
        feed: "none",
        name: "Erased under the retention schedule",
        reason: "Erased under the retention schedule",
      },
    ]);

    // Nothing more is due; a second run erases nothing; the chain verifies through the tombstones.
    expect((await retentionDryRun(authority.id, TODAY)).periods.find((p) => p.type === "school_flag")).toMatchObject({
      due: 0,
      held: 2,
    });
    expect((await applyRetention({ today: TODAY, authorityId: authority.id })).erased.school_flag).toBe(0);
    expect(await verifyAuditChain({ authorityId: authority.id })).toMatchObject({ ok: true });

    // The app's role may not delete a flag or a note itself.
    await expect(rawPool.query("DELETE FROM case_flag_note WHERE authority_id = $1", [authority.id])).rejects.toThrow(
      /never changed or removed|permission denied/,
    );
  });

  it("a closed case past its period whose flag had notes is erased with the flag and its notes", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const staff = await makeUser(testDb, { authority, role: "school", school });
    const officer = await makeActor({ authority, role: "officer" });
    const pupil = await makePupil(testDb, { authority, school });
    const f = await testDb.caseFlag.create({
      data: {
        authorityId: authority.id,
        pupilId: pupil.id,
        schoolId: school.id,
        flaggedBy: staff.id,
        reason: "Absent",
        figures: {},
      },
    });
    await testDb.caseFlagNote.create({
      data: { authorityId: authority.id, flagId: f.id, schoolId: school.id, addedBy: staff.id, note: "More absence" },
    });
    const kase = await makeCase(testDb, { authority, officer, pupil, openedOn: "2018-09-10" });
    await testDb.caseFlag.update({
      where: { id: f.id },
      data: { status: "accepted", caseId: kase.id, decidedAt: new Date("2018-09-10T10:00:00Z"), decidedBy: officer.id },
    });
    await testDb.caseEvent.create({
      data: {
        kind: "closed",
        occurredOn: new Date("2019-06-01T00:00:00Z"),
        note: "Attendance improved",
        caseId: kase.id,
        authorityId: authority.id,
        actorUserId: officer.id,
      },
    });
    await testDb.attendanceCase.update({
      where: { id: kase.id },
      data: { status: "closed", closeOutcome: "improved", closeReason: "Attendance improved" },
    });
    expect((await applyRetention({ today: TODAY, authorityId: authority.id })).erased.closed_case).toBe(1);
    expect(await testDb.caseFlag.count({ where: { authorityId: authority.id } })).toBe(0);
    expect(await testDb.caseFlagNote.count({ where: { authorityId: authority.id } })).toBe(0);
  });
});
