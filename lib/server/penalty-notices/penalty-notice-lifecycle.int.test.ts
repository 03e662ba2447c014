// What becomes of a notice referred for prosecution (domain.md §5.2): the authority must prosecute or withdraw,
// and only notices paid, still running, or prosecuted to a conviction count towards the limit of two in 3 years.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { runDailyDecisions } from "@/lib/jobs/daily-decisions";
import { importCalendarCsv } from "@/lib/server/calendar/import-calendar-csv";
import { recordOutcome } from "@/lib/server/court/record-outcome";
import { approveReferral } from "@/lib/server/referrals/approve-referral";
import { getReferral } from "@/lib/server/referrals/get-referral";
import { rejectReferral } from "@/lib/server/referrals/reject-referral";
import { COMPLETE_CHECKLIST, makeHearing, recordReadiness } from "@/lib/server/referrals/test-factories";
import { makeAuthority, makeParent, makePupil, makeSchool, TERMS_2026_27 } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { findCountingNoticeDates } from "./find-counting-notice-dates";
import { issuePenaltyNotice } from "./issue-penalty-notice";
import { insertMarks, setMarkCode } from "@/tests/marks";

let authority: { id: string; laCode: string };
let school: { id: string; estabNumber: string };
let officer: Actor;
let manager: Actor;

/** A case for a new pupil with one parent, and 12 unauthorised ("O") sessions from 7 September and from 2 November. */
async function caseWithTwoSpells() {
  const pupil = await makePupil(testDb, { authority, school });
  const father = await makeParent(testDb, { authority, pupil, firstName: "Frank", relationship: "father" });
  const kase = await testDb.attendanceCase.create({
    data: {
      authorityId: authority.id,
      pupilId: pupil.id,
      assignedOfficerId: officer.id,
      openedBy: officer.id,
      openedOn: new Date("2026-09-01T00:00:00Z"),
    },
  });
  await testDb.caseParty.create({ data: { caseId: kase.id, parentId: father.id, authorityId: authority.id } });
  for (const from of ["2026-09-07", "2026-11-02"]) {
    for (let i = 0; i < 6; i++) {
      const date = addDays(from, i < 5 ? i : 7); // Monday to Friday, then the next Monday
      for (const session of [0, 1] as const) {
        await insertMarks(rawPool, [
          { authorityId: authority.id, pupilId: pupil.id, schoolId: school.id, date, session, code: "O" },
        ]);
      }
    }
  }
  return { kase, pupil, father };
}

/** A September notice to the father, left unpaid, referred by the daily job after its 28 days. */
async function referredNotice() {
  const c = await caseWithTwoSpells();
  const notice = await issuePenaltyNotice(officer, {
    caseId: c.kase.id,
    parentId: c.father.id,
    issueDate: "2026-09-21",
    periodStart: "2026-09-07",
    periodEnd: "2026-09-18",
  });
  await runDailyDecisions({ asOf: "2026-10-20", authorityId: authority.id });
  const referral = await testDb.prosecutionReferral.findUniqueOrThrow({
    where: { authorityId_penaltyNoticeId: { authorityId: authority.id, penaltyNoticeId: notice.id } },
    include: { evidence: true },
  });
  // The record an approval rests on: letters, the warning, support, an interview and the signed certificate.
  await recordReadiness(testDb, {
    authorityId: authority.id,
    caseId: c.kase.id,
    pupilId: c.pupil.id,
    officerId: officer.id,
    parentIds: [c.father.id],
    evidence: referral.evidence,
    windowStart: "2026-09-07",
    windowEnd: "2026-09-18",
  });
  return { ...c, notice, referral };
}

const secondNotice = (c: { kase: { id: string }; father: { id: string } }) =>
  issuePenaltyNotice(officer, {
    caseId: c.kase.id,
    parentId: c.father.id,
    issueDate: "2026-11-16",
    periodStart: "2026-11-02",
    periodEnd: "2026-11-13",
  });

const checklist = { ...COMPLETE_CHECKLIST, defencesConsidered: [...COMPLETE_CHECKLIST.defencesConsidered] };

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  const csv = "kind,start,end,name\n" + TERMS_2026_27.map((t) => `${t.kind},${t.start},${t.end},${t.name}\n`).join("");
  await importCalendarCsv({ system: "seed", authorityId: authority.id }, csv);
  officer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
});

afterAll(async () => {
  const { closePgPool } = await import("@/lib/server/pg");
  await closePgPool();
});

describe("a penalty notice referred for prosecution", () => {
  it("keeps its frozen evidence, and the referral reports a register edited since", async () => {
    const c = await referredNotice();
    const before = await getReferral(manager, c.referral.id);
    expect(before.evidence.marks).toHaveLength(12);
    expect(before.evidence.liveRegister).toMatchObject({ differs: false, differences: [] });

    await setMarkCode(rawPool, c.pupil.id, "2026-09-08", 0, "C");
    const after = await getReferral(manager, c.referral.id);
    expect(after.evidence.contentHash).toBe(before.evidence.contentHash);
    expect(after.evidence.liveRegister).toMatchObject({
      differs: true,
      differences: [{ date: "2026-09-08", session: "AM", snapshot: "O", live: "C" }],
    });
  });

  it("is withdrawn when the manager decides not to prosecute, on the timeline and audited, and stops counting", async () => {
    const c = await referredNotice();
    expect(await findCountingNoticeDates(testDb, { parentId: c.father.id, pupilId: c.pupil.id })).toEqual([
      "2026-09-21",
    ]);

    await rejectReferral(manager, {
      referralId: c.referral.id,
      version: 1,
      reason: "The family moved away; not in the public interest",
      route: "casework",
    });

    const notice = await testDb.penaltyNotice.findUniqueOrThrow({ where: { id: c.notice.id } });
    expect(notice).toMatchObject({
      status: "withdrawn",
      withdrawnReason: "Not prosecuted: The family moved away; not in the public interest",
    });
    expect(notice.withdrawnOn?.toISOString().slice(0, 10)).toBe("2026-11-20");
    expect(
      await testDb.caseEvent.count({
        where: { caseId: c.kase.id, kind: "penalty_notice_withdrawn", actorUserId: manager.id },
      }),
    ).toBe(1);
    expect(
      await testDb.auditLog.count({
        where: { entityId: c.notice.id, action: "penalty_notice.withdraw", actorUserId: manager.id },
      }),
    ).toBe(1);
    expect(await findCountingNoticeDates(testDb, { parentId: c.father.id, pupilId: c.pupil.id })).toEqual([]);
    // So the next notice to this parent is a first notice again: £80 / £160, not the repeat £160.
    expect(await secondNotice(c)).toMatchObject({ sequence: 1, lowerAmountPence: 8000, higherAmountPence: 16000 });
  });

  it("does not count once the prosecution ends without a conviction, in the server and in the database", async () => {
    const c = await referredNotice();
    await approveReferral(manager, { referralId: c.referral.id, version: 1, offence: "s444(1)", ...checklist });
    await makeHearing(testDb, c.referral, manager);
    await recordOutcome(manager, c.referral.id, {
      plea: "not_guilty",
      verdict: "not_guilty",
      sentences: [],
      costsPence: 0,
      victimSurchargePence: 0,
    });

    expect((await testDb.penaltyNotice.findUniqueOrThrow({ where: { id: c.notice.id } })).status).toBe("referred");
    expect(await findCountingNoticeDates(testDb, { parentId: c.father.id, pupilId: c.pupil.id })).toEqual([]);
    // The issue trigger counts the same way: it accepts this as a first notice (sequence 1), which it would refuse
    // if the acquitted notice counted.
    expect(await secondNotice(c)).toMatchObject({ sequence: 1, lowerAmountPence: 8000 });
  });

  it("counts when the prosecution ends in a conviction: the next notice is a repeat at the flat £160", async () => {
    const c = await referredNotice();
    await approveReferral(manager, { referralId: c.referral.id, version: 1, offence: "s444(1)", ...checklist });
    await makeHearing(testDb, c.referral, manager);
    await recordOutcome(manager, c.referral.id, {
      plea: "guilty",
      verdict: "guilty",
      sentences: [{ type: "fine", amountPence: 20_000 }],
      costsPence: 0,
      victimSurchargePence: 0,
    });

    expect(await findCountingNoticeDates(testDb, { parentId: c.father.id, pupilId: c.pupil.id })).toEqual([
      "2026-09-21",
    ]);
    expect(await secondNotice(c)).toMatchObject({ sequence: 2, lowerAmountPence: 16000, higherAmountPence: 16000 });
    // And the database refuses a raw insert that pretends the convicted notice does not count.
    await expect(
      rawPool.query(
        `INSERT INTO penalty_notice (authority_id, case_id, parent_id, pupil_id, issue_date, period_start, period_end, unauthorised_sessions,
         sequence, lower_amount_pence, higher_amount_pence, lower_until, last_day, issued_by)
       VALUES ($1, $2, $3, $4, '2026-11-17', '2026-11-02', '2026-11-13', 12, 1, 8000, 16000, '2026-12-08', '2026-12-15', $5)`,
        [authority.id, c.kase.id, c.father.id, c.pupil.id, officer.id],
      ),
    ).rejects.toThrow(/third penalty notice|not those of the/);
  });
});

describe("payment of a notice in the database", () => {
  it("refuses the lower amount recorded after its last day, even by a raw update", async () => {
    const c = await caseWithTwoSpells();
    const notice = await secondNotice(c); // issued 16 November 2026: £80 until 7 December, £160 until 14 December
    expect(notice.lowerUntil.toISOString().slice(0, 10)).toBe("2026-12-07");
    const pay = (paidOn: string, pence: number) =>
      rawPool.query("UPDATE penalty_notice SET status = 'paid', paid_on = $2, amount_paid_pence = $3 WHERE id = $1", [
        notice.id,
        paidOn,
        pence,
      ]);
    await expect(pay("2026-12-08", 8000)).rejects.toThrow(/penalty_notice_paid_band_by_date/);
    expect((await testDb.penaltyNotice.findUniqueOrThrow({ where: { id: notice.id } })).status).toBe("issued");
    await pay("2026-12-08", 16000);
    await rawPool.query("UPDATE penalty_notice SET paid_on = '2026-12-07', amount_paid_pence = 8000 WHERE id = $1", [
      notice.id,
    ]);
    expect((await testDb.penaltyNotice.findUniqueOrThrow({ where: { id: notice.id } })).amountPaidPence).toBe(8000);
  });
});

describe("the order of notices", () => {
  it("refuses a notice back-dated before the parent's latest one, in the server and in the database", async () => {
    const c = await caseWithTwoSpells();
    const issueOn = (issueDate: string) =>
      issuePenaltyNotice(officer, {
        caseId: c.kase.id,
        parentId: c.father.id,
        issueDate,
        periodStart: "2026-11-02",
        periodEnd: "2026-11-13",
      });
    await issueOn("2026-11-16");
    await issueOn("2026-11-17");
    const error = await issueOn("2026-11-16").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.issueDate?.[0]).toBe(
      "This parent already has a notice for this pupil issued on 17 November 2026: a new notice cannot be dated before it",
    );
    await expect(
      rawPool.query(
        `INSERT INTO penalty_notice (authority_id, case_id, parent_id, pupil_id, issue_date, period_start, period_end, unauthorised_sessions,
         sequence, lower_amount_pence, higher_amount_pence, lower_until, last_day, issued_by)
       VALUES ($1, $2, $3, $4, '2026-11-16', '2026-11-02', '2026-11-13', 12, 1, 8000, 16000, '2026-12-07', '2026-12-14', $5)`,
        [authority.id, c.kase.id, c.father.id, c.pupil.id, officer.id],
      ),
    ).rejects.toThrow(/cannot be dated before this parent's latest notice/);
    expect(await testDb.penaltyNotice.count({ where: { caseId: c.kase.id } })).toBe(2);
  });
});
