// The manager's statistics on the real database: the parental responsibility return equals the figures counted by
// hand from a seeded authority (each record below says which column it lands in), powers used and unused, the
// fairness table and a pupil's SEN and free-school-meals record; school staff, officers, administrators and other
// authorities are refused. The clock is 2026-11-20, so the year is 2026/27, taken as at today.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { paymentPeriods } from "@/lib/domain/penalty-notices";
import { referExpiredPenaltyNotices } from "@/lib/jobs/refer-expired-notices";
import { makeApiToken, makeAuthority, makeCase, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { hashApiToken } from "@/lib/server/actor";
import { actorFor, rawPool, testDb } from "@/tests/db";
import { GET as getReturn } from "@/app/api/v1/statistics/parental-responsibility/route";
import type { Actor } from "../actor";
import { addHearing } from "../court/add-hearing";
import { recordOutcome } from "../court/record-outcome";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { getPupilCharacteristics } from "../pupils/get-pupil-characteristics";
import { approveReferral } from "../referrals/approve-referral";
import { COMPLETE_CHECKLIST, makeReferredCase, recordReadiness } from "../referrals/test-factories";
import { recordEso } from "../cases/record-eso";
import { getDashboard } from "./get-dashboard";
import { getFairness } from "./get-fairness";
import { getParentalResponsibility } from "./get-parental-responsibility";
import { countUnusedPowers, findUnusedPowers } from "./find-unused-powers";
import { findSchoolStatistics } from "./find-school-statistics";
import { addComparisonFigure } from "../comparisons/add-comparison-figure";

type Authority = { id: string; laCode: string };
let authority: Authority;
let academy: { id: string; estabNumber: string };
let maintained: { id: string; estabNumber: string };
let manager: Actor;
let officer: Actor;
let staff: Actor;
let otherStaff: Actor;
let admin: Actor;
let otherManager: Actor;
let tokens: Record<"manager" | "staff" | "officer", string>;
const pupilIds: Record<string, string> = {};

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const checklist = { ...COMPLETE_CHECKLIST, defencesConsidered: [...COMPLETE_CHECKLIST.defencesConsidered] };

/** A notice to a new parent of a new pupil (so the 3-year limit never applies), on a case opened for them. */
async function notice(issue: string, after: { paidDay?: number; withdrawnDay?: number } = {}) {
  const pupil = await makePupil(testDb, { authority, school: maintained });
  const parent = await makeParent(testDb, { authority, pupil });
  const kase = await makeCase(testDb, { authority, pupil, officer, openedOn: addDays(issue, -30) });
  await testDb.caseParty.create({ data: { caseId: kase.id, parentId: parent.id, authorityId: authority.id } });
  const { lowerUntil, lastDay, scheme } = paymentPeriods(issue);
  const paidOn = after.paidDay === undefined ? null : addDays(issue, after.paidDay);
  return testDb.penaltyNotice.create({
    data: {
      authorityId: authority.id,
      caseId: kase.id,
      parentId: parent.id,
      pupilId: pupil.id,
      issueDate: d(issue),
      periodStart: d(addDays(issue, -40)),
      periodEnd: d(addDays(issue, -1)),
      unauthorisedSessions: 12,
      sequence: 1,
      lowerAmountPence: scheme.lowerPence,
      higherAmountPence: scheme.higherPence,
      lowerUntil: d(lowerUntil),
      lastDay: d(lastDay),
      status: paidOn ? "paid" : after.withdrawnDay !== undefined ? "withdrawn" : "issued",
      paidOn: paidOn ? d(paidOn) : null,
      amountPaidPence: paidOn ? (paidOn <= lowerUntil ? scheme.lowerPence : scheme.higherPence) : null,
      withdrawnOn: after.withdrawnDay !== undefined ? d(addDays(issue, after.withdrawnDay)) : null,
      withdrawnReason: after.withdrawnDay !== undefined ? "Issued in error" : null,
      issuedBy: officer.id,
    },
  });
}

/** A case whose Fast Track window started on `start` (ending six weeks later), in the given state. */
async function windowCase(start: string, status: string, extra: Record<string, unknown> = {}) {
  const pupil = await makePupil(testDb, { authority, school: academy });
  const kase = await makeCase(testDb, { authority, pupil, officer, openedOn: addDays(start, -7) });
  return testDb.attendanceCase.update({
    where: { id: kase.id },
    data: { windowStart: d(start), windowEnd: d(addDays(start, 41)), targetMinAttendanceTenths: 900, status, ...extra },
  });
}

async function referred(createdAt?: Date) {
  const pupil = await makePupil(testDb, { authority, school: academy });
  const parent = await makeParent(testDb, { authority, pupil });
  return makeReferredCase(testDb, { authority, pupil, officer, parentIds: [parent.id], createdAt });
}

async function tokenFor(userId: string) {
  const token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, { id: userId }, hashApiToken(token));
  return token;
}
const api = (token: string, query: string) =>
  getReturn(
    new Request(`http://127.0.0.1/api/v1/statistics/parental-responsibility${query}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  );

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  academy = await makeSchool(testDb, authority, { type: "academy", phase: "secondary" });
  maintained = await makeSchool(testDb, authority, { type: "maintained" });
  const users = {
    manager: await makeUser(testDb, { authority, role: "manager" }),
    officer: await makeUser(testDb, { authority, role: "officer" }),
    staff: await makeUser(testDb, { authority, role: "school", school: maintained }),
    otherStaff: await makeUser(testDb, { authority, role: "school", school: academy }),
    admin: await makeUser(testDb, { authority, role: "admin" }),
    otherManager: await makeUser(testDb, { authority: other, role: "manager" }),
  };
  manager = await actorFor(users.manager.id);
  officer = await actorFor(users.officer.id);
  staff = await actorFor(users.staff.id);
  otherStaff = await actorFor(users.otherStaff.id);
  admin = await actorFor(users.admin.id);
  otherManager = await actorFor(users.otherManager.id);
  tokens = {
    manager: await tokenFor(users.manager.id),
    staff: await tokenFor(users.staff.id),
    officer: await tokenFor(users.officer.id),
  };

  // Penalty notices issued in 2026/27 (and one the year before).
  await notice("2026-09-07", { paidDay: 21 }); // pn_paid_21
  await notice("2026-09-07", { paidDay: 22 }); // pn_paid_22_28
  await notice("2026-09-14", { paidDay: 28 }); // pn_paid_22_28
  await notice("2026-10-05", { withdrawnDay: 5 }); // pn_withdrawn
  await notice("2026-11-10"); // pn_unresolved: still inside its period
  await notice("2026-08-20", { paidDay: 3 }); // 2025/26: not in this return
  const unpaid = await notice("2026-09-01"); // pn_prosecuted_non_payment, once its referral is approved
  await referExpiredPenaltyNotices({ asOf: "2026-11-20", pool: rawPool, authorityId: authority.id });
  const noticeReferral = await testDb.prosecutionReferral.findFirstOrThrow({
    where: { penaltyNoticeId: unpaid.id },
    include: { evidence: true },
  });
  // The record an approval rests on (issue 10): letters, the warning, support, an interview and the certificate.
  await recordReadiness(testDb, {
    authorityId: authority.id,
    caseId: noticeReferral.caseId,
    pupilId: unpaid.pupilId,
    officerId: officer.id,
    parentIds: [unpaid.parentId],
    evidence: noticeReferral.evidence,
    windowStart: addDays("2026-09-01", -40),
    windowEnd: addDays("2026-09-01", -1),
  });
  await approveReferral(manager, { referralId: noticeReferral.id, version: 1, offence: "s444(1)", ...checklist });

  // Cases of attendance case management: windows started in 2026/27.
  const improved = await windowCase("2026-09-14", "monitoring"); // withdrawn_att_improved
  const improvedEvidence = await testDb.evidenceSnapshot.create({
    data: {
      authorityId: authority.id,
      caseId: improved.id,
      pupilId: improved.pupilId,
      periodStart: d("2026-09-14"),
      periodEnd: d("2026-10-25"),
      marks: [],
      figures: {},
      contentHash: "0".repeat(64),
    },
  });
  await testDb.caseDecision.create({
    data: {
      authorityId: authority.id,
      caseId: improved.id,
      windowStart: d("2026-09-14"),
      windowEnd: d("2026-10-25"),
      asOf: d("2026-10-26"),
      outcome: "improved",
      figures: {},
      evidenceId: improvedEvidence.id,
    },
  });
  const moved = await windowCase("2026-09-21", "closed", {
    closeOutcome: "moved_school",
    closeReason: "Moved to Leeds",
  }); // withdrawn_other
  await testDb.caseEvent.create({
    data: {
      caseId: moved.id,
      authorityId: authority.id,
      kind: "closed",
      occurredOn: d("2026-10-15"),
      note: "Moved to Leeds",
      actorUserId: officer.id,
      details: { outcome: "moved_school" },
    },
  });
  const running = await windowCase("2026-10-12", "window_active"); // continuing
  pupilIds.running = running.pupilId;
  await recordEso(officer, {
    caseId: running.id,
    version: running.version,
    madeOn: "2026-11-02",
    relation: "in_addition_to_prosecution",
    months: "12",
  }); // supervision_orders_total, _inadditiontoprosecution
  await windowCase("2026-10-02", "decision_due", { windowEnd: d("2026-11-13") }); // continuing; window ended, undecided
  await windowCase("2026-08-10", "window_active"); // 2025/26: not in this return

  // Prosecutions (each a referred case whose window started 3 October 2026, so also case management).
  const r1 = await referred(); // prosecuted; guilty, fined £440
  const r2 = await referred(); // prosecuted; guilty, suspended custody and a parenting order
  const r3 = await referred(); // prosecuted; not guilty
  await referred(new Date("2026-11-01T10:00:00Z")); // continuing; referral awaiting review for 19 days
  for (const [f, offence] of [
    [r1, "s444(1)"],
    [r2, "s444(1A)"],
    [r3, "s444(1)"],
  ] as const) {
    await approveReferral(manager, { referralId: f.referrals[0]!.id, version: 1, offence, ...checklist });
  }
  // An outcome belongs to a hearing that took place (issue 15): each heard today, the day of its approval.
  const court = await testDb.court.create({ data: { authorityId: authority.id, name: "Teesside Magistrates' Court" } });
  for (const f of [r1, r2, r3])
    await addHearing(manager, {
      referralId: f.referrals[0]!.id,
      hearingDate: "2026-11-20",
      hearingTime: "10:00",
      courtId: court.id,
      hearingType: "first_hearing",
    });
  await recordOutcome(manager, r1.referrals[0]!.id, {
    plea: "guilty",
    verdict: "guilty",
    sentences: [{ type: "fine", amountPence: 44_000 }],
    costsPence: 12_000,
    victimSurchargePence: 4_000,
  });
  await recordOutcome(manager, r2.referrals[0]!.id, {
    plea: "not_guilty",
    verdict: "guilty",
    sentences: [
      { type: "custody", days: 30, suspended: true },
      { type: "parenting_order", months: 6 },
    ],
    costsPence: 0,
    victimSurchargePence: 0,
  });
  await recordOutcome(manager, r3.referrals[0]!.id, {
    plea: "not_guilty",
    verdict: "not_guilty",
    sentences: [],
    costsPence: 0,
    victimSurchargePence: 0,
  });

  // Over the penalty-notice threshold: one pupil with no notice and no case (counted), one with an open case.
  const over = await makePupil(testDb, { authority, school: maintained });
  pupilIds.over = over.id;
  for (const pupilId of [over.id, running.pupilId]) {
    await rawPool.query(
      `INSERT INTO attendance_pupil_year (pupil_key, school_key, academic_year, authority_id, possible, present,
         approved_activity, authorised, unauthorised, max_penalty_10_weeks, threshold_week_start)
       SELECT p.store_key, s.store_key, 2026, $3, 100, 80, 0, 4, 16, 12, '2026-10-05'
       FROM pupil p, school s WHERE p.authority_id = $3 AND p.id = $1 AND s.authority_id = $3 AND s.id = $2`,
      [pupilId, maintained.id, authority.id],
    );
  }
  await testDb.pupilCharacteristics.create({
    data: {
      authorityId: authority.id,
      pupilId: over.id,
      senProvision: "K",
      fsmEligible: true,
      fsmSince: d("2025-09-01"),
    },
  });
}, 120_000);

describe("the parental responsibility return", () => {
  it("equals the figures counted by hand", async () => {
    const r = await getParentalResponsibility(manager, 2026);
    expect(r).toMatchObject({ year: 2026, label: "2026/27", asOf: "2026-11-20", laCode: authority.laCode });
    expect(r.census).toEqual({
      pn_issued: 6,
      pn_paid_21: 1,
      pn_paid_22_28: 2,
      pn_withdrawn: 1,
      pn_prosecuted_non_payment: 1,
      pn_unresolved: 1,
      case_management: 8,
      case_management_prosecuted: 3,
      case_management_withdrawn_att_improved: 1,
      case_management_withdrawn_other: 1,
      supervision_orders_total: 1,
      supervision_orders_inplaceofprosecution: 0,
      supervision_orders_inadditiontoprosecution: 1,
      parenting_orders_granted: 1,
    });
    expect(r.notes).toEqual({ pn_paid_after_28: 0, case_management_continuing: 3 });
    expect(r.prosecutions).toEqual({
      parents_prosecuted: 4,
      prosecuted_s444_1: 3,
      prosecuted_s444_1a: 1,
      verdict_guilty: 2,
      verdict_not_guilty: 1,
      verdict_withdrawn: 0,
      verdict_dismissed: 0,
      awaiting_outcome: 1,
      fines: 1,
      fines_total_pence: 44_000,
      fines_median_pence: 44_000,
      custody_immediate: 0,
      custody_suspended: 1,
      community_orders: 0,
      parenting_orders_granted: 1,
      conditional_discharges: 0,
      absolute_discharges: 0,
    });
    // The year before holds the one notice issued then, and no case management from this year.
    const before = await getParentalResponsibility(manager, 2025);
    expect(before.census).toMatchObject({ pn_issued: 1, pn_paid_21: 1, case_management: 1 });
    expect(
      await testDb.auditLog.count({ where: { actorUserId: manager.id, action: "statistics.view" } }),
    ).toBeGreaterThan(0);
  });

  it("is the same through GET /api/v1/statistics/parental-responsibility?year=2026", async () => {
    const response = await api(tokens.manager, "?year=2026");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.census).toMatchObject({ pn_issued: 6, case_management: 8, pn_prosecuted_non_payment: 1 });
    expect((await api(tokens.manager, "?year=26")).status).toBe(422);
    expect((await api(tokens.manager, "")).status).toBe(422);
  });

  it("is refused to school staff, officers and administrators, and another authority's manager sees none of it", async () => {
    for (const actor of [staff, officer, admin]) {
      await expect(getParentalResponsibility(actor, 2026)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(countUnusedPowers(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getFairness(actor, 2026)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDashboard(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(findSchoolStatistics(actor, 2026)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await api(tokens.staff, "?year=2026")).status).toBe(403);
    expect((await api(tokens.officer, "?year=26")).status).toBe(403);
    const theirs = await getParentalResponsibility(otherManager, 2026);
    expect(Object.values(theirs.census).every((v) => v === 0)).toBe(true);
  });
});

describe("powers used and unused", () => {
  it("counts each, and lists the pupils behind each count", async () => {
    // Two windows ended undecided: the one that ended on 13 November and last year's, which ended on 20 September.
    expect(await countUnusedPowers(manager)).toEqual({
      threshold_no_action: 1,
      windows_undecided: 2,
      referrals_waiting: 1,
      approved_no_hearing: 1,
    });
    const threshold = await findUnusedPowers(manager, "threshold_no_action");
    expect(threshold.map((r) => r.pupilId)).toEqual([pupilIds.over]);
    expect(threshold[0]).toMatchObject({ since: "2026-10-05", href: `/pupils/${pupilIds.over}` });
    const waiting = await findUnusedPowers(manager, "referrals_waiting");
    expect(waiting[0]).toMatchObject({ since: "2026-11-01" });
    expect(waiting[0]!.href).toMatch(/^\/referrals\//);
    await expect(findUnusedPowers(manager, "something_else")).rejects.toBeInstanceOf(NotFoundError);
    expect(await countUnusedPowers(otherManager)).toEqual({
      threshold_no_action: 0,
      windows_undecided: 0,
      referrals_waiting: 0,
      approved_no_hearing: 0,
    });
  });
});

describe("per school", () => {
  it("puts academies beside the other schools", async () => {
    const s = await findSchoolStatistics(manager, 2026);
    const group = (key: string) => s.groups.find((g) => g.key === key)!;
    // Cases opened in 2026/27 at the academy: the window cases opened in the year (not the one opened in August)
    // and the four referred cases; at the maintained school, the notices' cases opened in the year.
    expect(group("academies").name).toBe("Academies (1)");
    expect(group("academies").referrals + group("others").referrals).toBe(group("authority").referrals);
    expect(group("authority").penaltyNotices).toBe(6);
    expect(group("others").penaltyNotices).toBe(6);
  });
});

describe("fairness and pupil characteristics", () => {
  it("counts the pupils of the year by SEN provision and free school meals, and audits the view", async () => {
    const f = await getFairness(manager, 2026);
    expect(f.pupils).toBe(2);
    const fsm = f.sections.find((s) => s.dimension === "fsm")!;
    // Two pupils: groups of 1 are hidden, with their whole rows.
    expect(fsm.rows.every((r) => Object.values(r.cells).every((c) => c.suppressed))).toBe(true);
    expect(
      await testDb.auditLog.count({ where: { actorUserId: manager.id, action: "statistics.view_fairness" } }),
    ).toBe(1);
  });

  it("shows SEN and free school meals to officers, managers and the pupil's own school only, audited", async () => {
    expect(await getPupilCharacteristics(officer, pupilIds.over!)).toEqual({
      senProvision: "K",
      senSince: null,
      fsmEligible: true,
      fsmSince: "2025-09-01",
    });
    expect((await getPupilCharacteristics(staff, pupilIds.over!)).senProvision).toBe("K");
    await expect(getPupilCharacteristics(otherStaff, pupilIds.over!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPupilCharacteristics(admin, pupilIds.over!)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPupilCharacteristics(otherManager, pupilIds.over!)).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await testDb.auditLog.count({ where: { action: "pupil.view_characteristics", entityId: pupilIds.over } }),
    ).toBe(2);
  });
});

describe("the dashboard", () => {
  it("draws the authority against its one target a year, set by an administrator", async () => {
    const target = { academicYear: 2026, kind: "target" as const, unauthorisedRate: 0.9, source: "" };
    await addComparisonFigure({ actor: admin, input: { ...target, label: "Our target" } });
    const second = await addComparisonFigure({ actor: admin, input: { ...target, label: "Stretch" } }).catch((e) => e);
    expect(second).toBeInstanceOf(ValidationError);
    expect((second as ValidationError).fieldErrors.kind).toEqual([
      "There is already a target for 2026/27: delete it first to set another",
    ]);
    // The database holds it too, whatever the writer.
    await expect(
      rawPool.query(
        `INSERT INTO comparison_figure (authority_id, academic_year, kind, label, unauthorised_rate) VALUES ($1, 2026, 'target', 'Raw', 1)`,
        [authority.id],
      ),
    ).rejects.toThrow(/comparison_figure_one_target_per_year/);
    expect((await getDashboard(manager)).target).toEqual({ label: "Our target", rate: 0.9 });
  });

  it("draws this year's funnel from the records", async () => {
    const dash = await getDashboard(manager);
    const count = (stage: string) => dash.funnel.find((f) => f.stage === stage)!.count;
    expect(count("windows")).toBe(8);
    expect(count("approved")).toBe(4);
    expect(count("convicted")).toBe(2);
    // Days from opening to the window: 7 for four cases, 14 for the four referred ones; the median is 10.5, rounded up.
    expect(dash.funnel.find((f) => f.stage === "windows")!.medianDays).toBe(11);
  });
});
