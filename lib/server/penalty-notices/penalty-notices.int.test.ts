import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_YOUR_CASE } from "@/lib/domain/case-rules";
import { addDays } from "@/lib/domain/dates";
import { PENALTY_NOTICE_SCHEMES, THIRD_NOTICE } from "@/lib/domain/penalty-notices";
import { runDailyDecisions } from "@/lib/jobs/daily-decisions";
import { importCalendarCsv } from "@/lib/server/calendar/import-calendar-csv";
import { makeAuthority, makeParent, makePupil, makeSchool, TERMS_2026_27 } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { countThreshold, suggestedPeriod, thresholdToday } from "./count-threshold";
import { findCasePenaltyNotices } from "./find-case-penalty-notices";
import { findCountingNoticeDates, findCountingNoticeDatesOf } from "./find-counting-notice-dates";
import { getPenaltyNotice } from "./get-penalty-notice";
import { issuePenaltyNotice } from "./issue-penalty-notice";
import { recordPenaltyPayment } from "./record-penalty-payment";
import { withdrawPenaltyNotice } from "./withdraw-penalty-notice";
import { insertMarks } from "@/tests/marks";

let authority: { id: string; laCode: string };
let school: { id: string; estabNumber: string };
let officer: Actor;
let otherOfficer: Actor;
let manager: Actor;
let staff: Actor;
let foreignOfficer: Actor;

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

function weekdays(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) days.push(d);
  }
  return days;
}

/** A case (assigned to `officer`) for a new pupil with two parents, and `unauthorised` "O" marks from `from` on. */
async function caseWithAbsence(unauthorised: number, from = "2026-11-02") {
  const pupil = await makePupil(testDb, { authority, school });
  const mother = await makeParent(testDb, { authority, pupil, firstName: "Maria" });
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
  await testDb.caseParty.createMany({
    data: [mother, father].map((p) => ({ caseId: kase.id, parentId: p.id, authorityId: authority.id })),
  });
  const sessions = weekdays(from, addDays(from, 30))
    .flatMap((d) => [0, 1].map((s) => [d, s] as const))
    .slice(0, unauthorised);
  await insertMarks(
    rawPool,
    sessions.map(([date, session]) => ({
      authorityId: authority.id,
      pupilId: pupil.id,
      schoolId: school.id,
      date,
      session: session as 0 | 1,
      code: "O",
    })),
  );
  return { kase, pupil, mother, father };
}

const issue = (
  actor: Actor,
  c: { kase: { id: string } },
  parentId: string,
  extra: Partial<{ issueDate: string; periodStart: string; periodEnd: string }> = {},
) =>
  issuePenaltyNotice(actor, {
    caseId: c.kase.id,
    parentId,
    issueDate: "2026-11-16",
    periodStart: "2026-11-02",
    periodEnd: "2026-11-13",
    ...extra,
  });

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  const csv = "kind,start,end,name\n" + TERMS_2026_27.map((t) => `${t.kind},${t.start},${t.end},${t.name}\n`).join("");
  await importCalendarCsv({ system: "seed", authorityId: authority.id }, csv);
  officer = await makeActor({ authority, role: "officer" });
  otherOfficer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  staff = await makeActor({ authority, role: "school", school });
  const elsewhere = await makeAuthority(testDb);
  foreignOfficer = await makeActor({ authority: elsewhere, role: "officer" });
});

afterAll(async () => {
  const { closePgPool } = await import("@/lib/server/pg");
  await closePgPool();
});

describe("issuePenaltyNotice", () => {
  it("issues a first notice at the 2024 amounts, on the timeline and audited", async () => {
    const c = await caseWithAbsence(12);
    const notice = await issue(officer, c, c.mother.id);
    expect(notice).toMatchObject({
      sequence: 1,
      lowerAmountPence: 8_000,
      higherAmountPence: 16_000,
      status: "issued",
      unauthorisedSessions: 12,
    });
    expect(notice.lowerUntil.toISOString().slice(0, 10)).toBe("2026-12-07");
    expect(notice.lastDay.toISOString().slice(0, 10)).toBe("2026-12-14");
    expect(await testDb.caseEvent.count({ where: { caseId: c.kase.id, kind: "penalty_notice_issued" } })).toBe(1);
    expect(await testDb.auditLog.count({ where: { entityId: notice.id, action: "penalty_notice.issue" } })).toBe(1);
  });

  it("makes a second notice within 3 years the flat £160, refuses a third, and lets a withdrawn one not count", async () => {
    const c = await caseWithAbsence(12);
    await issue(officer, c, c.mother.id, { issueDate: "2026-11-16" });
    const second = await issue(manager, c, c.mother.id, { issueDate: "2026-11-17" });
    expect(second).toMatchObject({ sequence: 2, lowerAmountPence: 16_000, higherAmountPence: 16_000 });
    const error = await caught(issue(officer, c, c.mother.id, { issueDate: "2026-11-18" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.parentId).toEqual([THIRD_NOTICE]);
    expect(await testDb.penaltyNotice.count({ where: { caseId: c.kase.id } })).toBe(2);
    // The other parent has their own count.
    expect(await issue(officer, c, c.father.id)).toMatchObject({ sequence: 1 });
    await withdrawPenaltyNotice(officer, {
      noticeId: second.id,
      version: 1,
      withdrawnOn: "2026-11-18",
      reason: "Issued in error",
    });
    expect(await issue(officer, c, c.mother.id, { issueDate: "2026-11-19" })).toMatchObject({ sequence: 2 });
  });

  it("refuses a period below the threshold or longer than 10 school weeks, saving nothing", async () => {
    const c = await caseWithAbsence(9);
    const below = await caught(issue(officer, c, c.mother.id));
    expect((below as ValidationError).fieldErrors.periodStart?.[0]).toContain(
      "needs 10 unauthorised sessions in 10 school weeks",
    );
    const c2 = await caseWithAbsence(12);
    const long = await caught(
      issue(officer, c2, c2.mother.id, { periodStart: "2026-09-02", periodEnd: "2026-11-16", issueDate: "2026-11-20" }),
    );
    expect((long as ValidationError).fieldErrors.periodStart?.[0]).toContain("spans 11 school weeks");
    expect(await testDb.penaltyNotice.count({ where: { caseId: { in: [c.kase.id, c2.kase.id] } } })).toBe(0);
  });

  it("refuses bad input with a message per field", async () => {
    const c = await caseWithAbsence(12);
    const error = await caught(
      issuePenaltyNotice(officer, {
        caseId: c.kase.id,
        parentId: "",
        issueDate: "2026-02-30",
        periodStart: "",
        periodEnd: "2026-11-13",
      }),
    );
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual([
      "issueDate",
      "parentId",
      "periodStart",
    ]);
    const future = await caught(issue(officer, c, c.mother.id, { issueDate: "2026-11-21" }));
    expect((future as ValidationError).fieldErrors.issueDate?.[0]).toContain("cannot be after today");
    const stranger = await makeParent(testDb, { authority, pupil: await makePupil(testDb, { authority, school }) });
    const notParty = await caught(issue(officer, c, stranger.id));
    expect((notParty as ValidationError).fieldErrors.parentId).toEqual(["Select a parent or carer named on this case"]);
    // Nothing of any refused attempt was saved: no notice, no timeline entry.
    expect(await testDb.penaltyNotice.count({ where: { caseId: c.kase.id } })).toBe(0);
    expect(await testDb.caseEvent.count({ where: { caseId: c.kase.id } })).toBe(0);
  });

  it("refuses the wrong role, another authority's case and an officer not assigned to the case", async () => {
    const c = await caseWithAbsence(12);
    expect(await caught(issue(staff, c, c.mother.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(issue(foreignOfficer, c, c.mother.id))).toBeInstanceOf(NotFoundError);
    const notYours = await caught(issue(otherOfficer, c, c.mother.id));
    expect(notYours).toBeInstanceOf(ForbiddenError);
    expect((notYours as Error).message).toBe(NOT_YOUR_CASE);
    expect(await caught(findCasePenaltyNotices(staff, c.kase.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(findCasePenaltyNotices(foreignOfficer, c.kase.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("recordPenaltyPayment and withdrawPenaltyNotice", () => {
  it("records a payment of the amount due on the date, once", async () => {
    const c = await caseWithAbsence(12);
    const notice = await issue(officer, c, c.mother.id, { issueDate: "2026-11-16" });
    const wrong = await caught(
      recordPenaltyPayment(officer, { noticeId: notice.id, version: 1, paidOn: "2026-11-18", amount: "160" }),
    );
    expect((wrong as ValidationError).fieldErrors.amount).toEqual([
      "The amount due for a payment on 18 November 2026 is £80.00; £160.00 was entered",
    ]);
    const bad = await caught(
      recordPenaltyPayment(officer, { noticeId: notice.id, version: 1, paidOn: "31/11/2026", amount: "-5" }),
    );
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual(["amount", "paidOn"]);
    expect((bad as ValidationError).fieldErrors.paidOn).toEqual(["The date it was paid must be a real date"]);
    await recordPenaltyPayment(officer, { noticeId: notice.id, version: 1, paidOn: "2026-11-18", amount: "£80.00" });
    const view = await getPenaltyNotice(officer, notice.id);
    expect(view).toMatchObject({ status: "paid", paidOn: "2026-11-18", amountPaidPence: 8_000, version: 2 });
    const again = await caught(
      recordPenaltyPayment(officer, { noticeId: notice.id, version: 2, paidOn: "2026-11-19", amount: "80" }),
    );
    expect((again as ValidationError).formError).toBe("This penalty notice has been paid, so it cannot be changed");
    expect(await testDb.caseEvent.count({ where: { caseId: c.kase.id, kind: "penalty_notice_paid" } })).toBe(1);
  });

  it("refuses a stale version, and a withdrawal with no reason", async () => {
    const c = await caseWithAbsence(12);
    const notice = await issue(officer, c, c.mother.id);
    expect(
      await caught(
        withdrawPenaltyNotice(officer, { noticeId: notice.id, version: 7, withdrawnOn: "2026-11-18", reason: "Error" }),
      ),
    ).toBeInstanceOf(ConflictError);
    const blank = await caught(
      withdrawPenaltyNotice(officer, { noticeId: notice.id, version: 1, withdrawnOn: "2026-11-18", reason: "  " }),
    );
    expect((blank as ValidationError).fieldErrors.reason).toEqual(["Enter the reason for withdrawing the notice"]);
    expect(await caught(getPenaltyNotice(foreignOfficer, notice.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("the database", () => {
  it("refuses a third notice, wrong amounts and a withdrawal without a reason even from a raw writer", async () => {
    const c = await caseWithAbsence(12);
    const first = await issue(officer, c, c.mother.id, { issueDate: "2026-11-16" });
    await issue(officer, c, c.mother.id, { issueDate: "2026-11-17" });
    const insert = (sequence: number, lower: number, higher: number) =>
      rawPool.query(
        `INSERT INTO penalty_notice (authority_id, case_id, parent_id, pupil_id, issue_date, period_start, period_end, unauthorised_sessions,
         sequence, lower_amount_pence, higher_amount_pence, lower_until, last_day, issued_by)
       VALUES ($1, $2, $3, $4, '2026-11-18', '2026-11-02', '2026-11-13', 12, $5, $6, $7, '2026-12-09', '2026-12-16', $8)`,
        [authority.id, c.kase.id, c.mother.id, c.pupil.id, sequence, lower, higher, officer.id],
      );
    await expect(insert(3 as never, 16_000, 16_000)).rejects.toThrow();
    await expect(insert(2, 16_000, 16_000)).rejects.toThrow(/third penalty notice/);
    // The father's first notice at the repeat amount: not the scheme's.
    await expect(
      rawPool.query(
        `INSERT INTO penalty_notice (authority_id, case_id, parent_id, pupil_id, issue_date, period_start, period_end, unauthorised_sessions,
         sequence, lower_amount_pence, higher_amount_pence, lower_until, last_day, issued_by)
       VALUES ($1, $2, $3, $4, '2026-11-18', '2026-11-02', '2026-11-13', 12, 1, 16000, 16000, '2026-12-09', '2026-12-16', $5)`,
        [authority.id, c.kase.id, c.father.id, c.pupil.id, officer.id],
      ),
    ).rejects.toThrow(/scheme/);
    await expect(
      rawPool.query("UPDATE penalty_notice SET status = 'withdrawn' WHERE id = $1", [first.id]),
    ).rejects.toThrow(/penalty_notice_reason_iff_withdrawn/);
    await expect(
      rawPool.query(
        "UPDATE penalty_notice SET status = 'paid', paid_on = '2026-11-18', amount_paid_pence = 0 WHERE id = $1",
        [first.id],
      ),
    ).rejects.toThrow();
  });

  it("keeps the scheme reference data identical to the domain's", async () => {
    const { rows } = await rawPool.query(
      `SELECT to_char(valid_from, 'YYYY-MM-DD') AS "from", label, lower_pence AS "lowerPence", lower_days AS "lowerDays",
              higher_pence AS "higherPence", final_days AS "finalDays", repeat_pence, repeat_years, repeat_max
       FROM penalty_notice_scheme ORDER BY valid_from`,
    );
    expect(
      rows.map(({ repeat_pence, repeat_years, repeat_max, ...s }) => ({
        ...s,
        repeat: repeat_pence === null ? null : { years: repeat_years, pence: repeat_pence, maxNotices: repeat_max },
      })),
    ).toEqual(PENALTY_NOTICE_SCHEMES);
  });
});

describe("unpaid notices in the daily job", () => {
  it("turns a notice unpaid after its last day into one prosecution referral for the original offence, exactly once", async () => {
    const c = await caseWithAbsence(12, "2026-09-07");
    const notice = await issue(officer, c, c.father.id, {
      issueDate: "2026-09-21",
      periodStart: "2026-09-07",
      periodEnd: "2026-09-18",
    });
    const paid = await issue(officer, c, c.mother.id, {
      issueDate: "2026-09-21",
      periodStart: "2026-09-07",
      periodEnd: "2026-09-18",
    });
    await recordPenaltyPayment(officer, { noticeId: paid.id, version: 1, paidOn: "2026-09-30", amount: "80" });

    const within = await runDailyDecisions({ asOf: "2026-10-19", authorityId: authority.id }); // the last day to pay
    expect(within.penaltyNoticesReferred).toBe(0);
    const first = await runDailyDecisions({ asOf: "2026-11-20", authorityId: authority.id });
    const second = await runDailyDecisions({ asOf: "2026-11-21", authorityId: authority.id });
    expect(first.penaltyNoticesReferred).toBe(1);
    expect(second.penaltyNoticesReferred).toBe(0);

    const referrals = await testDb.prosecutionReferral.findMany({ where: { caseId: c.kase.id } });
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({
      source: "penalty_notice",
      penaltyNoticeId: notice.id,
      parentId: c.father.id,
      status: "awaiting_review",
      decisionId: null,
    });
    expect(referrals[0]!.periodStart.toISOString().slice(0, 10)).toBe("2026-09-07");
    expect((await getPenaltyNotice(officer, notice.id)).status).toBe("referred");
    expect((await getPenaltyNotice(officer, paid.id)).status).toBe("paid");
    const snapshot = await testDb.evidenceSnapshot.findUniqueOrThrow({ where: { id: referrals[0]!.evidenceId } });
    expect(snapshot.figures).toMatchObject({ unauthorisedSessions: 12 });
    expect(
      await testDb.caseEvent.count({
        where: { caseId: c.kase.id, kind: "penalty_notice_referred", actorUserId: null },
      }),
    ).toBe(1);
    expect(
      await testDb.notification.count({
        where: { caseId: c.kase.id, userId: manager.id, kind: "referral_awaiting_review" },
      }),
    ).toBe(1);

    // One referral per notice, and only referrals from a notice name one.
    await expect(
      rawPool.query(
        `INSERT INTO prosecution_referral (authority_id, case_id, parent_id, source, evidence_id, period_start, period_end, penalty_notice_id)
       VALUES ($1, $2, $3, 'penalty_notice', $4, '2026-09-07', '2026-09-18', $5)`,
        [authority.id, c.kase.id, c.father.id, snapshot.id, notice.id],
      ),
    ).rejects.toThrow(/prosecution_referral_penalty_notice_unique/);
    await expect(
      rawPool.query(
        `INSERT INTO prosecution_referral (authority_id, case_id, parent_id, source, evidence_id, period_start, period_end, penalty_notice_id)
       VALUES ($1, $2, $3, 'penalty_notice', $4, '2026-09-07', '2026-09-18', NULL)`,
        [authority.id, c.kase.id, c.father.id, snapshot.id],
      ),
    ).rejects.toThrow(/prosecution_referral_penalty_notice_iff_source/);
  });
});

describe("findCasePenaltyNotices", () => {
  it("lists notices per parent and whether the threshold is met over the last 10 school weeks", async () => {
    const c = await caseWithAbsence(12);
    await issue(officer, c, c.mother.id);
    const view = await findCasePenaltyNotices(officer, c.kase.id);
    expect(view.canManage).toBe(true);
    expect(view.threshold).toMatchObject({ reached: true, sessions: 12, end: "2026-11-19" });
    const mother = view.parties.find((p) => p.parentId === c.mother.id)!;
    expect(mother.notices).toHaveLength(1);
    expect(mother.noticesInThreeYears).toBe(1);
    expect((await findCasePenaltyNotices(otherOfficer, c.kase.id)).canManage).toBe(false);
  });
});

describe("the case page's threshold and counting reads (one query each, ADR 079)", () => {
  it("give what suggestedPeriod, countThreshold and findCountingNoticeDates give, on every kind of day", async () => {
    const c = await caseWithAbsence(14);
    await issue(officer, c, c.mother.id);
    const args = { authorityId: authority.id, pupilId: c.pupil.id };
    // A Monday, a mid-week day, a Sunday, a day in half term, the first school days and a day before any school week.
    for (const today of [
      "2026-11-16",
      "2026-11-19",
      "2026-11-22",
      "2026-10-28",
      "2026-09-02",
      "2026-09-07",
      "2026-08-01",
    ]) {
      const period = await suggestedPeriod(testDb, authority.id, today);
      const expected = period && { ...period, ...(await countThreshold(testDb, { ...args, ...period })) };
      expect(await thresholdToday(testDb, { ...args, today }), today).toEqual(expected);
    }
    expect(await thresholdToday(testDb, { ...args, today: "2026-11-19" })).toMatchObject({ unauthorisedSessions: 14 });
    const parentIds = [c.mother.id, c.father.id];
    const together = await findCountingNoticeDatesOf(testDb, { parentIds, pupilId: c.pupil.id });
    expect([...together.keys()]).toEqual(parentIds);
    for (const parentId of parentIds)
      expect(together.get(parentId)).toEqual(await findCountingNoticeDates(testDb, { parentId, pupilId: c.pupil.id }));
    expect(together.get(c.mother.id)).toHaveLength(1);
    expect(await findCountingNoticeDatesOf(testDb, { parentIds: [], pupilId: c.pupil.id })).toEqual(new Map());
  });
});

describe("changes to a notice refuse the wrong role and bad input, changing nothing", () => {
  const state = async (noticeId: string, caseId: string) => ({
    notice: await testDb.penaltyNotice.findUniqueOrThrow({ where: { id: noticeId } }),
    events: await testDb.caseEvent.count({ where: { caseId } }),
    audits: await testDb.auditLog.count({ where: { entityId: noticeId } }),
  });

  it("refuses school staff, another authority's officer and an officer not assigned to the case", async () => {
    const c = await caseWithAbsence(12);
    const notice = await issue(officer, c, c.mother.id);
    const before = await state(notice.id, c.kase.id);
    const attempts = (actor: Actor) => [
      () => recordPenaltyPayment(actor, { noticeId: notice.id, version: 1, paidOn: "2026-11-18", amount: "80" }),
      () =>
        withdrawPenaltyNotice(actor, {
          noticeId: notice.id,
          version: 1,
          withdrawnOn: "2026-11-18",
          reason: "Issued in error",
        }),
    ];
    for (const attempt of attempts(staff)) expect(await caught(attempt())).toBeInstanceOf(ForbiddenError);
    for (const attempt of attempts(foreignOfficer)) expect(await caught(attempt())).toBeInstanceOf(NotFoundError);
    for (const attempt of attempts(otherOfficer)) {
      const refusal = await caught(attempt());
      expect(refusal).toBeInstanceOf(ForbiddenError);
      expect((refusal as Error).message).toBe(NOT_YOUR_CASE);
    }
    expect(await caught(getPenaltyNotice(staff, notice.id))).toBeInstanceOf(ForbiddenError);
    expect(await state(notice.id, c.kase.id)).toEqual(before);
  });

  it("names the field and what is allowed for bad input, and saves nothing", async () => {
    const c = await caseWithAbsence(12);
    const notice = await issue(officer, c, c.mother.id);
    const before = await state(notice.id, c.kase.id);
    const attempts: [() => Promise<unknown>, string, RegExp][] = [
      [
        () => recordPenaltyPayment(officer, { noticeId: notice.id, version: 1, paidOn: "2026-13-01", amount: "80" }),
        "paidOn",
        /real date/,
      ],
      [
        () =>
          recordPenaltyPayment(officer, { noticeId: notice.id, version: 1, paidOn: "2026-11-18", amount: "eighty" }),
        "amount",
        /amount paid/,
      ],
      [
        () => withdrawPenaltyNotice(officer, { noticeId: notice.id, version: 1, withdrawnOn: "", reason: "Error" }),
        "withdrawnOn",
        /withdrawn/,
      ],
      [
        () =>
          withdrawPenaltyNotice(officer, {
            noticeId: notice.id,
            version: 1,
            withdrawnOn: "2026-11-18",
            reason: "x".repeat(1001),
          }),
        "reason",
        /1000 characters/,
      ],
    ];
    for (const [attempt, field, message] of attempts) {
      const error = await caught(attempt());
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]?.join(" ")).toMatch(message);
    }
    expect(await state(notice.id, c.kase.id)).toEqual(before);
  });
});

describe("findCasePenaltyNotices: whether issuing a notice is offered (issue 5)", () => {
  const party = (view: Awaited<ReturnType<typeof findCasePenaltyNotices>>, parentId: string) =>
    view.parties.find((p) => p.parentId === parentId)!;

  it("offers no notice below the threshold, saying how many sessions the pupil has in the last 10 school weeks", async () => {
    const c = await caseWithAbsence(9);
    const view = await findCasePenaltyNotices(officer, c.kase.id);
    expect(view.canManage).toBe(true);
    expect(view.issue).toEqual({
      offered: false,
      reason: "threshold_not_met",
      message:
        "A penalty notice can be considered once there are 10 unauthorised sessions within 10 school weeks: " +
        "this pupil has 9 in the last 10 school weeks (7 September 2026 to 19 November 2026).",
    });
    expect(view.parties.map((p) => p.issue)).toEqual([
      expect.objectContaining({ offered: false, reason: "threshold_not_met" }),
      expect.objectContaining({ offered: false, reason: "threshold_not_met" }),
    ]);
    // The server refuses the same.
    expect((await caught(issue(officer, c, c.mother.id))) as ValidationError).toBeInstanceOf(ValidationError);
  });

  it("offers a notice to each parent/carer once the threshold is met, but not to another officer or on a closed case", async () => {
    const c = await caseWithAbsence(10);
    const view = await findCasePenaltyNotices(officer, c.kase.id);
    expect(view.threshold).toMatchObject({ reached: true, sessions: 10 });
    expect(view.issue).toEqual({ offered: true });
    expect(party(view, c.mother.id).issue).toEqual({ offered: true, sequence: 1 });
    expect(party(view, c.father.id).issue).toEqual({ offered: true, sequence: 1 });
    expect((await findCasePenaltyNotices(manager, c.kase.id)).issue).toEqual({ offered: true });

    const notYours = await findCasePenaltyNotices(otherOfficer, c.kase.id);
    expect(notYours.issue).toMatchObject({
      offered: false,
      reason: "not_allowed",
      message: expect.stringContaining("Only the officer assigned to this case"),
    });
    await testDb.attendanceCase.update({
      where: { id: c.kase.id },
      data: { status: "closed", closeOutcome: "other", closeReason: "Test" },
    });
    expect((await findCasePenaltyNotices(manager, c.kase.id)).issue).toMatchObject({
      offered: false,
      reason: "not_allowed",
    });
  });

  it("refuses a parent/carer who has had two notices within 3 years, offers the other, and counts no withdrawn notice", async () => {
    const c = await caseWithAbsence(12);
    await issue(officer, c, c.mother.id, { issueDate: "2026-11-16" });
    const second = await issue(officer, c, c.mother.id, { issueDate: "2026-11-17" });
    const mother = `${c.mother.firstName} ${c.mother.lastName}`;

    const view = await findCasePenaltyNotices(officer, c.kase.id);
    expect(party(view, c.mother.id).issue).toEqual({
      offered: false,
      reason: "notice_limit",
      message: `${mother} has had two penalty notices within 3 years: a third is not allowed.`,
    });
    expect(party(view, c.father.id).issue).toEqual({ offered: true, sequence: 1 });
    expect(view.issue).toEqual({ offered: true });
    // What the view refuses, the server refuses.
    expect(
      ((await caught(issue(officer, c, c.mother.id, { issueDate: "2026-11-20" }))) as ValidationError).fieldErrors
        .parentId,
    ).toEqual([THIRD_NOTICE]);

    // With the father at the limit too, no notice is offered on the case.
    await issue(officer, c, c.father.id, { issueDate: "2026-11-16" });
    await issue(officer, c, c.father.id, { issueDate: "2026-11-17" });
    expect((await findCasePenaltyNotices(officer, c.kase.id)).issue).toEqual({
      offered: false,
      reason: "no_parent_eligible",
      message: "Each parent or carer on this case has had two penalty notices within 3 years: a third is not allowed.",
    });

    // A withdrawn notice does not count: the mother may be given a second (repeat) notice again.
    await withdrawPenaltyNotice(officer, {
      noticeId: second.id,
      version: 1,
      withdrawnOn: "2026-11-18",
      reason: "Issued in error",
    });
    const after = await findCasePenaltyNotices(officer, c.kase.id);
    expect(party(after, c.mother.id).issue).toEqual({ offered: true, sequence: 2 });
    expect(after.issue).toEqual({ offered: true });
  });

  it("offers no notice without a term calendar or without a parent/carer on the case", async () => {
    const bare = await makeAuthority(testDb);
    const bareSchool = await makeSchool(testDb, bare);
    const bareOfficer = await makeActor({ authority: bare, role: "officer" });
    const pupil = await makePupil(testDb, { authority: bare, school: bareSchool });
    const uncounted = await testDb.attendanceCase.create({
      data: {
        authorityId: bare.id,
        pupilId: pupil.id,
        assignedOfficerId: bareOfficer.id,
        openedBy: bareOfficer.id,
        openedOn: new Date("2026-09-01T00:00:00Z"),
      },
    });
    const view = await findCasePenaltyNotices(bareOfficer, uncounted.id);
    expect(view.threshold).toBeNull();
    expect(view.issue).toMatchObject({
      offered: false,
      reason: "no_calendar",
      message: expect.stringContaining("no term calendar"),
    });

    const c = await caseWithAbsence(12);
    await testDb.caseParty.deleteMany({ where: { caseId: c.kase.id } });
    expect((await findCasePenaltyNotices(officer, c.kase.id)).issue).toEqual({
      offered: false,
      reason: "no_parties",
      message: "No parents or carers are named on this case.",
    });
  });
});
