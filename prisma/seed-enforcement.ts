// Demo enforcement data for each demo authority, made by the real machinery over the real demo register (run by
// npm start after the demo cases, scripts/start.ts; dates from the service clock `today`):
// 1. pupils with no case and no flag (and not among those prisma/seed-cases.ts leaves free for the e2e specs) whose
//    register is poor get a case, opened by the demo officer with openCase (parties: the parents with parental
//    responsibility, both where there are two) and a Fast Track window started with startWindow. The start is
//    chosen so that the 12-school-week window, planned on the authority's own calendar, ended before today, and the
//    target is one the pupil's register over that window does not meet. The pupils chosen for referral are those
//    the new rules refer (evaluateReferralGrounds, issue 10: unauthorised absence of a child of compulsory school
//    age, at least the authority's referral minimum); two more missed their target with no grounds to refer (all
//    their absence authorised, or too little unauthorised absence), so the demo shows "not referred" decisions;
// 2. the daily job (runDailyDecisions, as the worker runs it) decides those windows: a decision, a frozen evidence
//    snapshot of the real register and one prosecution referral per parent, exactly as in production. It also
//    decides any other demo window that has ended (the worker would at start-up);
// 3. the record an approval rests on is made as people make it (issue 10): the officer sends each parent a warning
//    letter dated the window's first day, records a meeting in the window and an interview under caution, and the
//    school's staff sign the s.566 certificate. Cases left awaiting review get the whole record, none of it (for
//    the officer to do) or part of it (letters and support only), in turn;
// 4. the demo manager then works the referrals with the server functions: some left awaiting review, some approved
//    (section 444(1) or 444(1A)) with hearings (listed, held, one adjourned with a reason), outcomes of every kind
//    (fine, discharges, parenting, community and suspended custody orders, not guilty, withdrawn, dismissed, with
//    costs and victim surcharge on convictions) and one rejected back to casework.
// Deterministic for a given clock: pupils in UPN order, windows from the calendar.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { evaluateTarget, type Target } from "../lib/domain/case-target";
import { addDays, toIsoDate } from "../lib/domain/dates";
import { isoWeekday } from "../lib/domain/hearings";
import { evaluateReferralGrounds, type ReferralReasonCode } from "../lib/domain/referral-grounds";
import { planWindow, type WindowPlan } from "../lib/domain/fast-track-window";
import { CalendarGapError, schoolCalendar } from "../lib/domain/school-calendar";
import type { Offence } from "../lib/domain/sentencing";
import { runDailyDecisions } from "../lib/jobs/daily-decisions";
import type { OutcomeInput } from "../lib/schemas/referrals";
import { loadActor, type Actor } from "../lib/server/actor";
import { loadCalendarEntries } from "../lib/server/calendar/calendar-store";
import { loadReferralSettings } from "../lib/server/cases/load-referral-settings";
import { loadWindowSettings } from "../lib/server/cases/load-window-settings";
import { addCaseEvent } from "../lib/server/cases/add-case-event";
import { openCase } from "../lib/server/cases/open-case";
import { loadCertificateContext } from "../lib/server/certificates/certificate-context";
import { recordCertificate } from "../lib/server/certificates/record-certificate";
import { produceLetters } from "../lib/server/letters/produce-letters";
import { startWindow } from "../lib/server/cases/start-window";
import { addHearing } from "../lib/server/court/add-hearing";
import { recordOutcome } from "../lib/server/court/record-outcome";
import { pgPool } from "../lib/server/pg";
import { approveReferral } from "../lib/server/referrals/approve-referral";
import { rejectReferral } from "../lib/server/referrals/reject-referral";
import { DEMO_AUTHORITIES, demoEmail } from "./seed";
import { demoPupils, type DemoPupil } from "./seed-cases";
import { seedCourts } from "./seed-courts";

type Hearing = { in: number; type: "first_hearing" | "trial" | "sentencing"; adjourned?: string };
/** What the manager does with one referral. */
export type DemoReferralAction =
  | { kind: "await" }
  | { kind: "reject"; reason: string }
  | { kind: "approve"; offence: Offence; hearings: Hearing[]; outcome?: OutcomeInput };

/** The weekday on or before `iso` (a held hearing), and on or after it (a listed one): courts sit on weekdays. */
const weekdayOnOrBefore = (iso: string) => {
  let day = iso;
  while (isoWeekday(day) > 5) day = addDays(day, -1);
  return day;
};
const weekdayOnOrAfter = (iso: string) => {
  let day = iso;
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return day;
};

/** Demo families whose surname carries letters outside Latin-1 (issue 10 §4: letters, certificates and the
 * prosecution file print names exactly), by authority code: the first case the seed opens there. Middlesbrough's
 * first case stays awaiting review with nothing recorded, for the e2e spec of the record (e2e/referral-record.spec.ts). */
const UNICODE_FAMILIES: Readonly<Record<string, string>> = { "806": "Łukasz-Nguyễn" };
/** The record each case left only awaiting review gets, in turn from this one: none, part, or the whole of it.
 * Redcar's first (its only one, both parents referred) gets the whole record, so its manager can decide both
 * parents' referrals on one page (e2e/referral-decisions.spec.ts); elsewhere the turn starts with none. */
const FIRST_AWAITING_RECORD: Readonly<Record<string, number>> = { "807": 2 };
const REJECT_REASON =
  "The family engaged with the early help plan in the last weeks of the window: the officer will keep working with them.";

/** Darlington: every kind of referral and outcome. The first referrals (in case order) stay awaiting review. The
 * manager approves today (the real server functions use the service clock), and no hearing may be dated before its
 * approval: hearings are today (those with an outcome, or adjourned) or listed for later. */
export const DARLINGTON_ACTIONS: DemoReferralAction[] = [
  { kind: "await" },
  { kind: "await" },
  { kind: "await" },
  { kind: "approve", offence: "s444(1)", hearings: [{ in: 12, type: "first_hearing" }] },
  {
    kind: "approve",
    offence: "s444(1A)",
    hearings: [
      { in: 0, type: "first_hearing", adjourned: "The parent asked for time to seek legal advice" },
      { in: 20, type: "trial" },
    ],
  },
  { kind: "reject", reason: REJECT_REASON },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "first_hearing" }],
    outcome: {
      plea: "guilty",
      verdict: "guilty",
      sentences: [{ type: "fine", amountPence: 44_000 }],
      costsPence: 12_000,
      victimSurchargePence: 4_000,
    },
  },
  {
    kind: "approve",
    offence: "s444(1A)",
    hearings: [
      { in: 0, type: "trial" },
      { in: 0, type: "sentencing" },
    ],
    outcome: {
      plea: "not_guilty",
      verdict: "guilty",
      sentences: [
        { type: "custody", days: 28, suspended: true },
        { type: "fine", amountPence: 60_000 },
      ],
      costsPence: 30_000,
      victimSurchargePence: 11_400,
    },
  },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "first_hearing" }],
    outcome: {
      plea: "guilty",
      verdict: "guilty",
      sentences: [{ type: "conditional_discharge", months: 12 }],
      costsPence: 8_500,
      victimSurchargePence: 2_600,
    },
  },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "first_hearing" }],
    outcome: { plea: "guilty", verdict: "guilty", sentences: [{ type: "absolute_discharge" }] },
  },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "first_hearing" }],
    outcome: {
      plea: "guilty",
      verdict: "guilty",
      sentences: [
        { type: "parenting_order", months: 6 },
        { type: "fine", amountPence: 25_000 },
      ],
      costsPence: 10_000,
      victimSurchargePence: 4_000,
    },
  },
  {
    kind: "approve",
    offence: "s444(1A)",
    hearings: [{ in: 0, type: "trial" }],
    outcome: {
      plea: "not_guilty",
      verdict: "guilty",
      sentences: [{ type: "community_order", months: 12 }],
      costsPence: 25_000,
      victimSurchargePence: 9_500,
    },
  },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "trial" }],
    outcome: { plea: "not_guilty", verdict: "not_guilty", sentences: [] },
  },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "first_hearing" }],
    outcome: { plea: "none", verdict: "withdrawn", sentences: [] },
  },
  {
    kind: "approve",
    offence: "s444(1A)",
    hearings: [
      { in: 0, type: "trial", adjourned: "The prosecution's witness from the school was ill" },
      { in: 0, type: "trial" },
    ],
    outcome: { plea: "not_guilty", verdict: "dismissed", sentences: [] },
  },
];

/** The other demo authorities: a smaller set. */
export const OTHER_ACTIONS: DemoReferralAction[] = [
  { kind: "await" },
  { kind: "await" },
  { kind: "approve", offence: "s444(1)", hearings: [{ in: 15, type: "first_hearing" }] },
  {
    kind: "approve",
    offence: "s444(1)",
    hearings: [{ in: 0, type: "first_hearing" }],
    outcome: {
      plea: "guilty",
      verdict: "guilty",
      sentences: [{ type: "fine", amountPence: 30_000 }],
      costsPence: 9_000,
      victimSurchargePence: 4_000,
    },
  },
];

const CATEGORY_COUNTS_SQL = `
  SELECT p.id AS pupil_id,
         count(*) FILTER (WHERE attendance_mark_category(m.code_id) <> 'not_possible')::int AS possible,
         count(*) FILTER (WHERE attendance_mark_category(m.code_id) = 'present')::int AS present,
         count(*) FILTER (WHERE attendance_mark_category(m.code_id) = 'approved_activity')::int AS approved,
         count(*) FILTER (WHERE attendance_mark_category(m.code_id) = 'authorised')::int AS authorised,
         count(*) FILTER (WHERE attendance_mark_category(m.code_id) = 'unauthorised')::int AS unauthorised
  FROM attendance_mark m JOIN pupil p ON p.authority_id = m.authority_id AND p.store_key = m.pupil_key
  WHERE m.authority_id = $1 AND p.id = ANY($2::uuid[]) AND m.date BETWEEN $3::date AND $4::date
  GROUP BY p.id`;

const MARKS_SQL = `
  SELECT p.id AS pupil_id, to_char(m.date, 'YYYY-MM-DD') AS date, m.session, attendance_code_text(m.code_id) AS code
  FROM attendance_mark m JOIN pupil p ON p.authority_id = m.authority_id AND p.store_key = m.pupil_key
  WHERE m.authority_id = $1 AND p.id = ANY($2::uuid[]) AND m.date BETWEEN $3::date AND $4::date
  ORDER BY p.id, m.date, m.session, attendance_code_text(m.code_id)`;

const isWeekday = (iso: string) => {
  const w = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return w >= 1 && w <= 5;
};

export async function seedEnforcement(db: PrismaClient, today: string, log: (line: string) => void = () => {}) {
  const pool = pgPool();
  const courts = await seedCourts(db);
  for (const demo of DEMO_AUTHORITIES) {
    const authority = await db.authority.findFirst({ where: { laCode: demo.laCode } });
    if (!authority) continue;
    const started = Date.now();
    const users = await db.appUser.findMany({
      where: {
        authorityId: authority.id,
        email: { in: [demoEmail(demo.slug, "officer"), demoEmail(demo.slug, "manager")] },
      },
    });
    const officerUser = users.find((u) => u.role === "officer");
    const managerUser = users.find((u) => u.role === "manager");
    const officer = officerUser && (await loadActor(officerUser.id, undefined));
    const manager = managerUser && (await loadActor(managerUser.id, undefined));
    if (!officer || !manager) continue;
    const actions = demo.laCode === "841" ? DARLINGTON_ACTIONS : OTHER_ACTIONS;

    // Windows the authority's calendar plans and that ended before today: starts 13 to 40 weeks ago, newest first.
    const entries = await loadCalendarEntries(pool, authority.id);
    if (!entries.some((e) => e.kind === "term")) continue;
    const calendar = schoolCalendar(entries);
    const settings = await loadWindowSettings(authority.id);
    const plans: WindowPlan[] = [];
    for (let i = 7 * 13; i <= 7 * 40 && plans.length < 4; i++) {
      const start = addDays(today, -i);
      if (!isWeekday(start) || !calendar.covers(start) || !calendar.isSchoolDay(start)) continue;
      try {
        const plan = planWindow(calendar, start, settings);
        // A few weeks apart, so the demo windows end on different days.
        if (plan.end < today && plans.every((p) => p.start > addDays(plan.start, 20))) plans.push(plan);
      } catch (error) {
        if (!(error instanceof CalendarGapError)) throw error;
      }
    }
    if (plans.length === 0) continue;

    // Candidates: no case, no flag, not left free for the e2e specs, at least one parent with parental responsibility.
    const schools = await db.school.findMany({ where: { authorityId: authority.id }, select: { id: true } });
    const { pupils, free } = await demoPupils(db, authority.id, schools);
    const withCase = new Set(
      (await db.attendanceCase.findMany({ where: { authorityId: authority.id }, select: { pupilId: true } })).map(
        (c) => c.pupilId,
      ),
    );
    const flagged = new Set(
      (await db.caseFlag.findMany({ where: { authorityId: authority.id }, select: { pupilId: true } })).map(
        (f) => f.pupilId,
      ),
    );
    const links = await db.pupilParent.findMany({
      where: { authorityId: authority.id, parentalResponsibility: true },
      include: { parent: true },
    });
    const parentsOf = (pupilId: string) => links.filter((l) => l.pupilId === pupilId).length;
    const enrolments = await db.enrolment.findMany({ where: { authorityId: authority.id } });
    const dateOfBirth = new Map(
      (await db.pupil.findMany({ where: { authorityId: authority.id }, select: { id: true, dateOfBirth: true } })).map(
        (p) => [p.id, toIsoDate(p.dateOfBirth)],
      ),
    );
    const { referralMinimum } = await loadReferralSettings(authority.id);
    const candidates = pupils
      .filter((p) => !free.has(p.id) && !withCase.has(p.id) && !flagged.has(p.id) && parentsOf(p.id) > 0)
      .sort((a, b) => a.upn.localeCompare(b.upn));

    // The register over each window, and the pupils who miss a target over it, with the grounds the daily job
    // will find (the parties are the parents with parental responsibility, as openCase chooses them).
    const misses: {
      pupil: DemoPupil;
      plan: WindowPlan;
      target: Target;
      refer: boolean;
      reason: ReferralReasonCode | null;
    }[] = [];
    for (const plan of plans) {
      const { rows } = await pool.query<{
        pupil_id: string;
        possible: number;
        present: number;
        approved: number;
        authorised: number;
        unauthorised: number;
      }>(CATEGORY_COUNTS_SQL, [authority.id, candidates.map((p) => p.id), plan.start, plan.end]);
      const { rows: markRows } = await pool.query<{ pupil_id: string; date: string; session: number; code: string }>(
        MARKS_SQL,
        [authority.id, candidates.map((p) => p.id), plan.start, plan.end],
      );
      for (const r of rows) {
        if (r.possible === 0) continue;
        const counts = {
          possible: r.possible,
          present: r.present,
          approvedActivity: r.approved,
          authorised: r.authorised,
          unauthorised: r.unauthorised,
        };
        // 90% is the usual target; a pupil close to it gets 95% with a limit on unauthorised sessions.
        const target = [
          { minAttendancePct: 90, maxUnauthorisedSessions: null },
          { minAttendancePct: 95, maxUnauthorisedSessions: 4 },
        ].find((t) => !evaluateTarget(t, counts).met);
        if (!target) continue;
        const grounds = evaluateReferralGrounds({
          window: { start: plan.start, end: plan.end },
          dateOfBirth: dateOfBirth.get(r.pupil_id)!,
          enrolments: enrolments
            .filter((e) => e.pupilId === r.pupil_id)
            .map((e) => ({
              schoolId: e.schoolId,
              start: toIsoDate(e.startDate),
              end: e.endDate ? toIsoDate(e.endDate) : null,
            })),
          marks: markRows
            .filter((m) => m.pupil_id === r.pupil_id)
            .map((m) => ({ date: m.date, session: m.session === 0 ? ("AM" as const) : ("PM" as const), code: m.code })),
          referralMinimum,
          parties: links
            .filter((l) => l.pupilId === r.pupil_id)
            .map((l) => ({
              parentId: l.parentId,
              link: {
                parentId: l.parentId,
                name: `${l.parent.firstName} ${l.parent.lastName}`,
                relationship: l.relationship,
                parentalResponsibility: l.parentalResponsibility,
                livesWithPupil: l.livesWithPupil,
              },
            })),
        });
        misses.push({
          pupil: candidates.find((p) => p.id === r.pupil_id)!,
          plan,
          target,
          refer: grounds.refer,
          reason: grounds.reasons[0]?.code ?? null,
        });
      }
    }
    // Spread the cases over the windows, in UPN order within each; a pupil gets one case.
    const chosen: typeof misses = [];
    const used = new Set<string>();
    let parties = 0;
    for (let round = 0; parties < actions.length && round < candidates.length; round++) {
      let added = false;
      for (const plan of plans) {
        if (parties >= actions.length) break;
        const next = misses
          .filter((m) => m.plan === plan && m.refer && !used.has(m.pupil.id))
          .sort((a, b) => a.pupil.upn.localeCompare(b.pupil.upn))[0];
        if (!next) continue;
        used.add(next.pupil.id);
        chosen.push(next);
        parties += parentsOf(next.pupil.id);
        added = true;
      }
      if (!added) break;
    }
    // Two windows the new rules do not refer: one whose absence was all authorised, one below the minimum.
    const notReferred: typeof misses = [];
    for (const reason of ["no_unauthorised_absence", "below_referral_minimum"] as const) {
      const next = misses
        .filter((m) => m.reason === reason && !used.has(m.pupil.id))
        .sort((a, b) => a.pupil.upn.localeCompare(b.pupil.upn))[0];
      if (!next) continue;
      used.add(next.pupil.id);
      notReferred.push(next);
    }

    // 0. Before anything names them (the daily job's notifications do), one family's names as they are.
    const family = UNICODE_FAMILIES[demo.laCode];
    if (family && chosen[0]) await renameFamily(db, authority.id, chosen[0].pupil.id, family);

    // 1. Open the cases and start the windows, as the officer does.
    const caseIds: string[] = [];
    for (const c of [...chosen, ...notReferred]) {
      const kase = await openCase(officer, { pupilId: c.pupil.id, openedOn: addDays(c.plan.start, -14) });
      await startWindow(officer, {
        caseId: kase.id,
        version: kase.version,
        startDate: c.plan.start,
        minAttendancePct: c.target.minAttendancePct,
        maxUnauthorisedSessions: c.target.maxUnauthorisedSessions,
      });
      caseIds.push(kase.id);
    }

    // 2. The daily job decides the ended windows: decisions, frozen evidence and a referral per parent.
    const summary = await runDailyDecisions({ asOf: today, authorityId: authority.id });

    // 3 and 4. The record, then the manager's work on the referrals, in case order.
    const referrals = (
      await db.prosecutionReferral.findMany({
        where: { caseId: { in: caseIds } },
        orderBy: [{ parentId: "asc" }],
      })
    ).sort((a, b) => caseIds.indexOf(a.caseId) - caseIds.indexOf(b.caseId));
    const perCase = (caseId: string) => referrals.filter((r) => r.caseId === caseId).length;
    const todo = [...referrals];
    const counts = { awaiting: 0, approved: 0, concluded: 0, rejected: 0 };
    const planned: { referral: (typeof referrals)[number]; action: DemoReferralAction }[] = [];
    for (const action of actions) {
      // The rejection goes to a case with one referral, so the case itself returns to casework.
      const index =
        action.kind === "reject"
          ? Math.max(
              0,
              todo.findIndex((r) => perCase(r.caseId) === 1),
            )
          : 0;
      const referral = todo.splice(index, 1)[0];
      if (!referral) break;
      planned.push({ referral, action });
      counts[
        action.kind === "await"
          ? "awaiting"
          : action.kind === "reject"
            ? "rejected"
            : action.outcome
              ? "concluded"
              : "approved"
      ]++;
    }
    counts.awaiting += todo.length;
    for (const referral of todo) planned.push({ referral, action: { kind: "await" } });
    // The record each case gets: the whole of it where a referral is approved; in turn for cases only awaiting.
    const recordLevel = new Map<string, RecordLevel>();
    let awaitingCases = FIRST_AWAITING_RECORD[demo.laCode] ?? 0;
    for (const caseId of caseIds) {
      const mine = planned.filter((p) => p.referral.caseId === caseId);
      if (mine.length === 0) continue;
      if (mine.some((p) => p.action.kind === "approve")) recordLevel.set(caseId, "full");
      else if (mine.every((p) => p.action.kind === "await"))
        recordLevel.set(caseId, (["none", "partial", "full"] as const)[awaitingCases++ % 3]!);
    }
    const staff = await db.appUser.findMany({ where: { authorityId: authority.id, role: "school", disabled: false } });
    for (const [caseId, level] of recordLevel) {
      await recordEvidence({
        db,
        officer,
        staff: async (schoolId) => {
          const user = staff.find((u) => u.schoolId === schoolId);
          return user ? loadActor(user.id, undefined) : null;
        },
        caseId,
        referrals: planned.filter((p) => p.referral.caseId === caseId).map((p) => p.referral),
        level,
        today,
      });
    }
    for (const { referral, action } of planned) {
      const fresh = await db.prosecutionReferral.findUniqueOrThrow({ where: { id: referral.id } });
      await work(db, manager, fresh, action, today, courts.get(authority.id) ?? []);
    }
    log(
      `  ${demo.name}: ${caseIds.length} cases decided by the daily job (${summary.referred} referred, ${summary.notReferred} not referred, ${summary.improved} improved in all), ` +
        `${referrals.length} prosecution referrals: ${counts.awaiting} awaiting review, ${counts.approved} approved, ${counts.concluded} with an outcome, ` +
        `${counts.rejected} rejected, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}

/** Gives the pupil, the parents linked to them and those parents' other children the surname `lastName`. */
async function renameFamily(db: PrismaClient, authorityId: string, pupilId: string, lastName: string) {
  const parentIds = (await db.pupilParent.findMany({ where: { authorityId, pupilId } })).map((l) => l.parentId);
  const pupilIds = (
    await db.pupilParent.findMany({ where: { authorityId, parentId: { in: parentIds } }, select: { pupilId: true } })
  ).map((l) => l.pupilId);
  await db.parent.updateMany({ where: { authorityId, id: { in: parentIds } }, data: { lastName } });
  await db.pupil.updateMany({ where: { authorityId, id: { in: [pupilId, ...pupilIds] } }, data: { lastName } });
}

type RecordLevel = "full" | "partial" | "none";

/**
 * The record a case's approval rests on, made with the server functions as the officer and the school make it:
 * "full" is a warning letter to each parent dated the window's first day, a meeting a week in, an interview under
 * caution with each parent today and the certificate signed by the school's staff today; "partial" the letters and
 * the meeting only; "none" nothing.
 */
async function recordEvidence(input: {
  db: PrismaClient;
  officer: Actor;
  staff: (schoolId: string) => Promise<Actor | null>;
  caseId: string;
  referrals: { id: string; parentId: string; evidenceId: string }[];
  level: RecordLevel;
  today: string;
}) {
  if (input.level === "none" || input.referrals.length === 0) return;
  const version = async () =>
    (await input.db.attendanceCase.findUniqueOrThrow({ where: { id: input.caseId } })).version;
  const kase = await input.db.attendanceCase.findUniqueOrThrow({ where: { id: input.caseId } });
  const start = kase.windowStart!.toISOString().slice(0, 10);
  const parentIds = input.referrals.map((r) => r.parentId);
  await produceLetters(input.officer, {
    caseId: input.caseId,
    version: await version(),
    kind: "warning",
    parentIds,
    sentOn: start,
  });
  await addCaseEvent(input.officer, {
    caseId: input.caseId,
    version: await version(),
    kind: "meeting",
    occurredOn: addDays(start, 7),
    note: "Meeting at school with the family: attendance plan agreed, early help offered.",
  });
  if (input.level === "partial") return;
  await addCaseEvent(input.officer, {
    caseId: input.caseId,
    version: await version(),
    kind: "interview_under_caution",
    occurredOn: input.today,
    parentIds,
    outcome: "held",
    note: "Interview under caution at the council offices (PACE Code C); the parent was told of the right to advice.",
  });
  const evidenceId = input.referrals[0]!.evidenceId;
  const context = await loadCertificateContext(evidenceId, input.officer.authorityId);
  for (const school of context?.schools ?? []) {
    const signer = (await input.staff(school.id)) ?? input.officer;
    await recordCertificate(signer, {
      evidenceId,
      schoolId: school.id,
      signedBy: "Mrs J Whitfield, Head Teacher",
      signedOn: input.today,
    });
  }
}

async function work(
  db: PrismaClient,
  manager: Actor,
  referral: { id: string; version: number },
  action: DemoReferralAction,
  today: string,
  courts: { id: string; name: string }[],
) {
  if (action.kind === "await") return;
  if (action.kind === "reject") {
    await rejectReferral(manager, {
      referralId: referral.id,
      version: referral.version,
      reason: action.reason,
      route: "casework",
    });
    return;
  }
  await approveReferral(manager, {
    referralId: referral.id,
    version: referral.version,
    offence: action.offence,
    esoConsidered: true,
    esoReasoning:
      "An education supervision order was considered; the family did not engage with voluntary support, so prosecution is proportionate.",
    defencesConsidered: ["leave", "sickness", "religious_observance", "transport", "traveller"],
  });
  // Hearings held "today" are on the last weekday: when the demo starts at a weekend, the approval is dated that
  // weekday too (no hearing may come before its approval).
  const heldOn = weekdayOnOrBefore(today);
  if (heldOn < today && action.hearings.some((h) => h.in === 0)) {
    await db.prosecutionReferral.update({
      where: { id: referral.id },
      data: { reviewedAt: new Date(`${heldOn}T09:00:00Z`) },
    });
  }
  for (const [i, h] of action.hearings.entries()) {
    await addHearing(manager, {
      referralId: referral.id,
      hearingDate: h.in === 0 ? heldOn : weekdayOnOrAfter(addDays(today, h.in)),
      hearingTime: i % 2 === 0 ? "10:00" : "14:00",
      courtId: courts[i % Math.max(courts.length, 1)]!.id,
      hearingType: h.type,
      adjourned: !!h.adjourned,
      adjournmentReason: h.adjourned ?? null,
    });
  }
  if (action.outcome) await recordOutcome(manager, referral.id, action.outcome);
}
