// The demo enforcement data (prisma/seed-enforcement.ts) over the whole demo, seeded as npm start seeds it: every
// demo referral comes from the daily job over the real demo register, on a 12-school-week window that ended before
// today, on grounds the new rules accept (issue 10: no referral, approval or conviction of a parent whose child had
// too little unauthorised absence, or none), and the manager's work left referrals in every state with outcomes of
// every kind.
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateTarget } from "@/lib/domain/case-target";
import { isParentInLaw } from "@/lib/domain/referral-grounds";
import { addDays, londonDate, toIsoDate } from "@/lib/domain/dates";
import { DEFAULT_WINDOW_SETTINGS, planWindow } from "@/lib/domain/fast-track-window";
import { schoolCalendar } from "@/lib/domain/school-calendar";
import {
  evidenceHash,
  evidenceHashVerifies,
  MARK_EXTRACT_SQL,
  parseMarkExtract,
  snapshotMarks,
} from "@/lib/server/decisions/evidence";
import { today } from "@/lib/env";
import { loadCalendarEntries } from "@/lib/server/calendar/calendar-store";
import { DEMO_AUTHORITIES, seedDemo } from "@/prisma/seed";
import { seedAttendance } from "@/prisma/seed-attendance";
import { demoPupils, seedCases } from "@/prisma/seed-cases";
import { seedEnforcement } from "@/prisma/seed-enforcement";
import { seedTasks } from "@/prisma/seed-tasks";
import { seedInsight } from "@/prisma/seed-insight";
import { DEMO_HOLD_REASON, seedRetention } from "@/prisma/seed-retention";
import { getDashboard } from "../statistics/get-dashboard";
import { getParentalResponsibility } from "../statistics/get-parental-responsibility";
import { findSweeps } from "../sweeps/find-sweeps";
import { findMyDay } from "../tasks/find-my-day";
import { demoEmail } from "@/prisma/seed";
import { actorFor, rawPool, testDb } from "@/tests/db";
import { unsafeJudgeReferralsNow } from "./referral-grounds-now";

const REGISTER_SQL = `SELECT ${MARK_EXTRACT_SQL} AS extract FROM attendance_mark m
  WHERE m.pupil_key = (SELECT store_key FROM pupil WHERE id = $1) AND m.authority_id = $2
    AND m.date BETWEEN $3::date AND $4::date`;

describe("seedEnforcement over the demo", () => {
  let darlington: { id: string };
  // Seeded as npm start seeds it, one step per hook so that each has its own budget: the whole took 59 s with the
  // machine's load average at 16 (6 December 2026), and a step far less; 180 s each holds on a busier machine.
  beforeAll(() => seedDemo(testDb), 180_000);
  beforeAll(() => seedAttendance(today()), 180_000);
  beforeAll(() => seedCases(testDb, today()), 180_000);
  beforeAll(() => seedEnforcement(testDb, today()), 180_000);
  beforeAll(() => seedTasks(testDb, today()), 180_000);
  beforeAll(async () => {
    await seedInsight(testDb, today());
    await seedRetention(testDb, today());
    darlington = await testDb.authority.findFirstOrThrow({ where: { laCode: "841" } });
  }, 180_000);

  it("gives every demo authority referrals from the daily job, on ended 12-school-week windows whose target the register missed", async () => {
    const demoIds = (
      await testDb.authority.findMany({ where: { laCode: { in: DEMO_AUTHORITIES.map((a) => a.laCode) } } })
    ).map((a) => a.id);
    const referrals = await testDb.prosecutionReferral.findMany({
      where: { authorityId: { in: demoIds } },
      include: { kase: { include: { parties: true } }, evidence: true, decision: true },
    });
    for (const demo of DEMO_AUTHORITIES) {
      const authority = await testDb.authority.findFirstOrThrow({ where: { laCode: demo.laCode } });
      expect(
        referrals.some((r) => r.authorityId === authority.id),
        demo.name,
      ).toBe(true);
    }
    const calendars = new Map<string, ReturnType<typeof schoolCalendar>>();
    for (const r of referrals) {
      expect(r.source).toBe("window");
      expect(r.decision?.decidedBy).toBe("daily_job");
      expect(r.decision?.outcome).toBe("referred");
      expect(toIsoDate(r.decision!.asOf)).toBe(today());
      // One referral per parent in law on the case.
      expect(r.kase.parties.map((p) => p.parentId)).toContain(r.parentId);
      const links = await testDb.pupilParent.findMany({ where: { pupilId: r.kase.pupilId } });
      const parentsInLaw = r.kase.parties.filter((p) => {
        const link = links.find((l) => l.parentId === p.parentId);
        return link !== undefined && isParentInLaw(link);
      });
      expect(referrals.filter((x) => x.caseId === r.caseId)).toHaveLength(parentsInLaw.length);

      // The window: planned on the authority's calendar, 12 school weeks, ended before today.
      if (!calendars.has(r.authorityId))
        calendars.set(r.authorityId, schoolCalendar(await loadCalendarEntries(rawPool, r.authorityId)));
      const start = toIsoDate(r.kase.windowStart!);
      const plan = planWindow(calendars.get(r.authorityId)!, start, DEFAULT_WINDOW_SETTINGS);
      expect(DEFAULT_WINDOW_SETTINGS.lengthWeeks).toBe(12);
      expect(toIsoDate(r.kase.windowEnd!)).toBe(plan.end);
      expect(plan.end < today()).toBe(true);

      // The frozen evidence is the live register: same marks, same hash; the target was missed on it.
      const {
        rows: [row],
      } = await rawPool.query<{ extract: string | null }>(REGISTER_SQL, [
        r.kase.pupilId,
        r.authorityId,
        plan.start,
        plan.end,
      ]);
      const marks = parseMarkExtract(row!.extract);
      expect(marks.length).toBeGreaterThan(0);
      expect(snapshotMarks(r.evidence)).toEqual(marks);
      expect(r.evidence.contentHash).toBe(evidenceHash(marks, r.evidence.figures));
      expect(evidenceHashVerifies(r.evidence)).toBe(true);
      const figures = r.evidence.figures as {
        possibleSessions: number;
        presentSessions: number;
        approvedActivitySessions: number;
        authorisedSessions: number;
        unauthorisedSessions: number;
        met: boolean;
        grounds: { reliedOn: { from: string; to: string }; reliedOnSessions: { unauthorised: number } };
      };
      expect(figures.met).toBe(false);
      // The referral relies on the period inside compulsory school age, with at least 10 unauthorised sessions.
      expect(figures.grounds.reliedOnSessions.unauthorised).toBeGreaterThanOrEqual(10);
      expect([toIsoDate(r.periodStart), toIsoDate(r.periodEnd)]).toEqual([
        figures.grounds.reliedOn.from,
        figures.grounds.reliedOn.to,
      ]);
      const target = {
        minAttendancePct: r.kase.targetMinAttendanceTenths === null ? null : r.kase.targetMinAttendanceTenths / 10,
        maxUnauthorisedSessions: r.kase.targetMaxUnauthorised,
      };
      expect(
        evaluateTarget(target, {
          possible: figures.possibleSessions,
          present: figures.presentSessions,
          approvedActivity: figures.approvedActivitySessions,
          authorised: figures.authorisedSessions,
          unauthorised: figures.unauthorisedSessions,
        }).met,
      ).toBe(false);
    }
  });

  // The review finding, reproduced on the demo: "Ella Pearson" (94.6%, 0 unauthorised sessions) was referred,
  // approved and convicted. Every demo referral in every state must be one the rules refer today.
  it("holds no referral, approval or conviction that the new rules refuse, and shows windows that were not referred", async () => {
    const demoIds = (
      await testDb.authority.findMany({ where: { laCode: { in: DEMO_AUTHORITIES.map((a) => a.laCode) } } })
    ).map((a) => a.id);
    const judged = await unsafeJudgeReferralsNow({ authorityId: { in: demoIds } });
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.filter((j) => !j.grounded)).toEqual([]);
    for (const status of ["awaiting_review", "approved", "concluded"])
      expect(judged.some((j) => j.status === status)).toBe(true);
    const convicted = await testDb.courtOutcome.findMany({
      where: { authorityId: { in: demoIds }, verdict: "guilty" },
    });
    expect(convicted.length).toBeGreaterThan(0);
    for (const o of convicted) expect(judged.find((j) => j.referralId === o.referralId)?.grounded).toBe(true);

    const notReferred = await testDb.caseDecision.findMany({
      where: { authorityId: darlington.id, outcome: "not_referred" },
    });
    const codes = notReferred.flatMap((d) => (d.reasons as { code: string }[]).map((r) => r.code));
    expect(codes).toContain("no_unauthorised_absence");
    expect(codes).toContain("below_referral_minimum");
    expect(
      await testDb.prosecutionReferral.count({ where: { decisionId: { in: notReferred.map((d) => d.id) } } }),
    ).toBe(0);

    // Every approval rests on the record (letters, warning, support, interview, certificate), by id.
    const approvedIds = judged
      .filter((j) => j.status !== "awaiting_review" && j.status !== "rejected")
      .map((j) => j.referralId);
    const rows = await testDb.referralApprovalEvidence.findMany({ where: { referralId: { in: approvedIds } } });
    for (const id of approvedIds)
      expect(new Set(rows.filter((r) => r.referralId === id).map((r) => r.item)), id).toEqual(
        new Set(["letters", "warning", "support", "interview", "certificate"]),
      );
    // Darlington's referrals awaiting review: one ready to approve, one with nothing recorded, one in part.
    const awaiting = await testDb.prosecutionReferral.findMany({
      where: { authorityId: darlington.id, status: "awaiting_review" },
    });
    const letters = await testDb.caseLetter.findMany({ where: { caseId: { in: awaiting.map((r) => r.caseId) } } });
    const certificates = await testDb.attendanceCertificate.findMany({
      where: { evidenceId: { in: awaiting.map((r) => r.evidenceId) } },
    });
    const state = (r: (typeof awaiting)[number]) =>
      !letters.some((l) => l.parentId === r.parentId && l.caseId === r.caseId)
        ? "none"
        : certificates.some((c) => c.evidenceId === r.evidenceId)
          ? "full"
          : "partial";
    expect(new Set(awaiting.map(state))).toEqual(new Set(["full", "none", "partial"]));

    // Redcar's referrals awaiting review: both parents of one case, each with the whole record, for the manager to
    // decide on one page (e2e/referral-decisions.spec.ts).
    const redcar = await testDb.authority.findFirstOrThrow({ where: { laCode: "807" } });
    const both = await testDb.prosecutionReferral.findMany({
      where: { authorityId: redcar.id, status: "awaiting_review" },
    });
    expect(both).toHaveLength(2);
    expect(new Set(both.map((r) => r.caseId)).size).toBe(1);
    const redcarLetters = await testDb.caseLetter.findMany({ where: { caseId: both[0]!.caseId } });
    for (const r of both) expect(redcarLetters.some((l) => l.parentId === r.parentId)).toBe(true);
    expect(
      await testDb.attendanceCertificate.count({ where: { evidenceId: { in: both.map((r) => r.evidenceId) } } }),
    ).toBeGreaterThan(0);
  });

  it("gives one Middlesbrough family a name with diacritics, referred and awaiting review with nothing recorded (for the e2e spec)", async () => {
    const middlesbrough = await testDb.authority.findFirstOrThrow({ where: { laCode: "806" } });
    const pupils = await testDb.pupil.findMany({
      where: { authorityId: middlesbrough.id, lastName: "Łukasz-Nguyễn" },
    });
    expect(pupils.length).toBeGreaterThan(0);
    const referrals = await testDb.prosecutionReferral.findMany({
      where: { authorityId: middlesbrough.id, kase: { pupilId: { in: pupils.map((p) => p.id) } } },
    });
    expect(referrals.length).toBeGreaterThan(0);
    expect(referrals.every((r) => r.status === "awaiting_review")).toBe(true);
    const parents = await testDb.parent.findMany({ where: { id: { in: referrals.map((r) => r.parentId) } } });
    expect(parents.every((p) => p.lastName === "Łukasz-Nguyễn")).toBe(true);
    const caseIds = referrals.map((r) => r.caseId);
    expect(await testDb.caseLetter.count({ where: { caseId: { in: caseIds } } })).toBe(0);
    expect(
      await testDb.caseEvent.count({
        where: { caseId: { in: caseIds }, kind: { in: ["interview_under_caution", "support_offered", "meeting"] } },
      }),
    ).toBe(0);
    expect(await testDb.attendanceCertificate.count({ where: { evidenceId: referrals[0]!.evidenceId } })).toBe(0);
  });

  it("leaves the pupils kept free for the e2e specs without a case or a flag", async () => {
    for (const demo of DEMO_AUTHORITIES) {
      const authority = await testDb.authority.findFirstOrThrow({ where: { laCode: demo.laCode } });
      const schools = await testDb.school.findMany({ where: { authorityId: authority.id }, select: { id: true } });
      const { free } = await demoPupils(testDb, authority.id, schools);
      expect(await testDb.attendanceCase.count({ where: { pupilId: { in: [...free] } } })).toBe(0);
      expect(await testDb.caseFlag.count({ where: { pupilId: { in: [...free] } } })).toBe(0);
    }
  });

  it("leaves Darlington's manager referrals awaiting review, approved ones with hearings, one rejected to casework and outcomes of every kind", async () => {
    const referrals = await testDb.prosecutionReferral.findMany({
      where: { authorityId: darlington.id },
      include: { kase: true },
    });
    expect(referrals.filter((r) => r.status === "awaiting_review").length).toBeGreaterThanOrEqual(3);
    expect(referrals.filter((r) => r.status === "approved").length).toBeGreaterThanOrEqual(2);
    const rejected = referrals.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.rejectRoute).toBe("casework");
    expect(rejected[0]!.kase.status).toBe("monitoring");
    const approved = referrals.filter((r) => r.status === "approved" || r.status === "concluded");
    expect(new Set(approved.map((r) => r.offence))).toEqual(new Set(["s444(1)", "s444(1A)"]));
    expect(approved.every((r) => r.reviewedAt !== null && r.checklist !== null)).toBe(true);

    const hearings = await testDb.courtHearing.findMany({ where: { authorityId: darlington.id } });
    expect(hearings.some((h) => toIsoDate(h.hearingDate) > today())).toBe(true);
    expect(hearings.some((h) => toIsoDate(h.hearingDate) === today())).toBe(true);
    // None before its referral's approval (the database holds the same rule).
    const approvedOn = new Map(approved.map((r) => [r.id, londonDate(r.reviewedAt!)]));
    expect(hearings.every((h) => toIsoDate(h.hearingDate) >= approvedOn.get(h.referralId)!)).toBe(true);
    expect(hearings.some((h) => h.adjourned && h.adjournmentReason)).toBe(true);
    expect(hearings.every((h) => toIsoDate(h.hearingDate) <= addDays(today(), 30))).toBe(true);

    const outcomes = await testDb.courtOutcome.findMany({
      where: { authorityId: darlington.id },
      include: { sentences: true },
    });
    expect(new Set(outcomes.map((o) => o.verdict))).toEqual(
      new Set(["guilty", "not_guilty", "withdrawn", "dismissed"]),
    );
    const sentences = outcomes.flatMap((o) => o.sentences.map((s) => ({ ...s, offence: o.offence })));
    expect(new Set(sentences.map((s) => s.sentenceType))).toEqual(
      new Set(["fine", "custody", "conditional_discharge", "absolute_discharge", "parenting_order", "community_order"]),
    );
    expect(
      sentences
        .filter((s) => s.sentenceType === "community_order" || s.sentenceType === "custody")
        .every((s) => s.offence === "s444(1A)"),
    ).toBe(true);
    expect(sentences.some((s) => s.sentenceType === "custody" && s.suspended)).toBe(true);
    expect(outcomes.some((o) => o.verdict === "guilty" && o.costsPence > 0 && o.victimSurchargePence > 0)).toBe(true);
    expect(outcomes.filter((o) => o.verdict !== "guilty").every((o) => o.sentences.length === 0)).toBe(true);
    for (const o of outcomes) expect(referrals.find((r) => r.id === o.referralId)?.status).toBe("concluded");
  });

  it("gives every running window its milestone tasks and the demo officer something in every part of My day", async () => {
    const running = await testDb.attendanceCase.findMany({
      where: { authorityId: darlington.id, status: "window_active" },
      include: { tasks: true },
    });
    expect(running.length).toBeGreaterThan(0);
    for (const kase of running) {
      expect(kase.tasks.filter((t) => t.source === "milestone").length).toBe(2);
    }
    const officerUser = await testDb.appUser.findUniqueOrThrow({
      where: { email: demoEmail("darlington", "officer") },
    });
    const day = await findMyDay(await actorFor(officerUser.id));
    expect(day.counts.overdue).toBeGreaterThan(0);
    expect(day.counts.today).toBeGreaterThan(0);
    expect(day.counts.upcoming).toBeGreaterThan(0);
    expect(day.sections.today.some((i) => i.task?.kind === "home_visit" && i.time === "10:00")).toBe(true);
  });

  it("gives every demo authority sweeps (Middlesbrough the most), a target, and a return worth reading", async () => {
    const counts: Record<string, number> = {};
    for (const demo of DEMO_AUTHORITIES) {
      const authority = await testDb.authority.findFirstOrThrow({ where: { laCode: demo.laCode } });
      const manager = await actorFor(
        (await testDb.appUser.findUniqueOrThrow({ where: { email: demoEmail(demo.slug, "manager") } })).id,
      );
      const sweeps = await findSweeps(manager);
      counts[demo.laCode] = sweeps.sweeps.length;
      expect(sweeps.totals.yield.stopped, demo.name).toBeGreaterThan(0);
      expect(sweeps.years.length, demo.name).toBe(2);
      const dashboard = await getDashboard(manager);
      expect(dashboard.target, demo.name).not.toBeNull();
      expect(dashboard.weekly.thisYear.length, demo.name).toBeGreaterThan(0);
      expect(dashboard.weekly.lastYear.length, demo.name).toBeGreaterThan(30);
      const lastYear = await getParentalResponsibility(manager, 2025);
      expect(lastYear.census.pn_paid_21, demo.name).toBeGreaterThan(0);
      expect(lastYear.census.pn_paid_22_28, demo.name).toBeGreaterThan(0);
      expect(lastYear.census.pn_withdrawn, demo.name).toBeGreaterThan(0);
      // Every stop without a valid reason of a child found in the authority fed casework.
      const stops = await testDb.truancySweepStop.findMany({ where: { authorityId: authority.id } });
      for (const s of stops) expect(s.feed !== "none").toBe(s.pupilId !== null && s.validReason === "no");
    }
    expect(counts["806"]).toBeGreaterThan(counts["841"]! + counts["807"]!);
    // No sweep stop, notice or order on a pupil the e2e specs rely on being untouched.
    for (const demo of DEMO_AUTHORITIES) {
      const authority = await testDb.authority.findFirstOrThrow({ where: { laCode: demo.laCode } });
      const schools = await testDb.school.findMany({ where: { authorityId: authority.id } });
      const { free } = await demoPupils(testDb, authority.id, schools);
      const touched = await testDb.truancySweepStop.findMany({
        where: { authorityId: authority.id, pupilId: { in: [...free] } },
      });
      expect(touched, demo.name).toEqual([]);
      expect(await testDb.penaltyNotice.count({ where: { pupilId: { in: [...free] } } }), demo.name).toBe(0);
    }
  });

  // Retention (issue 12, ADR 039) over the richest demo casework: with every case of the authority closed years
  // ago, the daily job's erasure removes every case and everything recorded on it, in every table the case graph
  // reaches, leaves the pupils and parents, and the audit chain still verifies. Last in this file: it erases.
  it("retention erases a demo authority's whole casework once every case is past its period", async () => {
    const { applyRetention } = await import("../retention/run-retention");
    const { verifyAuditChain } = await import("../audit-log/verify-audit-chain");
    const CASE_TABLES = [
      "attendance_case",
      "case_party",
      "case_event",
      "case_event_party",
      "case_letter",
      "case_decision",
      "evidence_snapshot",
      "prosecution_referral",
      "referral_approval_evidence",
      "court_hearing",
      "court_outcome",
      "court_sentence",
      "penalty_notice",
      "case_task",
      "case_flag",
      "notification",
      "attendance_certificate",
      "education_supervision_order",
    ];
    const countAll = async (authorityId: string) => {
      const counts: Record<string, number> = {};
      for (const table of CASE_TABLES) {
        const { rows } = await rawPool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE authority_id = $1${table === "notification" || table === "case_flag" ? " AND case_id IS NOT NULL" : ""}`,
          [authorityId],
        );
        counts[table] = rows[0]!.n;
      }
      return counts;
    };
    // The demo authority with the most court sentences has every kind of record.
    const {
      rows: [richest],
    } = await rawPool.query<{ id: string }>(
      "SELECT a.id FROM authority a LEFT JOIN court_sentence s ON s.authority_id = a.id WHERE a.la_code = ANY ($1) GROUP BY a.id ORDER BY count(s.*) DESC, a.la_code LIMIT 1",
      [DEMO_AUTHORITIES.map((a) => a.laCode)],
    );
    const authorityId = richest!.id;
    const before = await countAll(authorityId);
    for (const table of ["attendance_case", "case_letter", "court_sentence", "penalty_notice", "case_task"]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    // Every case closed in 2019, as the owner with the casework triggers off (the service would not let a case be
    // closed in the past; only the dates matter here). In one transaction with SET LOCAL: on a Citus cluster the
    // UPDATEs run on the workers' shards, and citus.propagate_set_commands = 'local' sends the transaction's SET
    // LOCAL there too (a session SET stays on the coordinator); on PostgreSQL that setting is an unused placeholder.
    const owner = new (await import("pg")).default.Client({ connectionString: process.env.OWNER_DATABASE_URL! });
    await owner.connect();
    try {
      await owner.query("BEGIN");
      await owner.query("SET LOCAL citus.propagate_set_commands = 'local'");
      await owner.query("SET LOCAL session_replication_role = replica");
      await owner.query(
        `UPDATE attendance_case SET status = 'closed', close_outcome = 'other', close_reason = 'Retention test'
         WHERE authority_id = $1`,
        [authorityId],
      );
      // Closed (for the last time) in 2019: the demo's own closures and re-openings move there too.
      await owner.query(
        "UPDATE case_event SET occurred_on = DATE '2019-07-18' WHERE authority_id = $1 AND kind = 'closed'",
        [authorityId],
      );
      await owner.query(
        `INSERT INTO case_event (case_id, authority_id, kind, occurred_on, note, actor_user_id)
         SELECT c.id, c.authority_id, 'closed', DATE '2019-07-19', 'Retention test', c.opened_by
         FROM attendance_case c WHERE c.authority_id = $1`,
        [authorityId],
      );
      await owner.query("COMMIT");
    } catch (error) {
      await owner.query("ROLLBACK");
      throw error;
    } finally {
      await owner.end();
    }
    // The demo's legal hold keeps its case, and only it, once every case is past its period.
    const { retentionDryRun } = await import("../retention/run-retention");
    const hold = await testDb.legalHold.findFirstOrThrow({ where: { authorityId, releasedAt: null } });
    expect(hold.reason).toBe(DEMO_HOLD_REASON);
    const dry = await retentionDryRun(authorityId, today());
    expect(dry.periods.find((p) => p.type === "closed_case")).toMatchObject({
      due: before.attendance_case! - 1,
      held: 1,
    });
    expect(dry.cases.filter((c) => c.held).map((c) => c.id)).toEqual([hold.caseId]);
    await testDb.legalHold.update({
      where: { id: hold.id },
      data: { releasedAt: new Date(), releasedBy: hold.placedBy, releaseReason: "Retention test" },
    });
    const pupils = await testDb.pupil.count({ where: { authorityId } });
    const summary = await applyRetention({ today: today(), authorityId, batches: { closedCases: 25 } });
    expect(summary.erased.closed_case).toBe(before.attendance_case);
    expect(await countAll(authorityId)).toEqual(Object.fromEntries(CASE_TABLES.map((t) => [t, 0])));
    expect(await testDb.pupil.count({ where: { authorityId } })).toBe(pupils);
    expect(await verifyAuditChain({ authorityId })).toMatchObject({ ok: true });
  });
});
