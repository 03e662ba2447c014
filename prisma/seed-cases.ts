// Demo casework: for each demo authority, school flags and cases at every stage, dated relative to the demo clock
// (today(): the real date, or FAST_TRACK_CLOCK; the e2e suite runs at 2026-11-20), so that an officer or a
// manager signing in sees every work queue filled: new flags from several schools, a declined and a merged flag,
// open cases without a window, windows running (some ending within 14 days, some with a milestone due this week,
// some overdue), windows ended and awaiting the daily job's decision, monitoring, closed cases (one per outcome), a
// back-dated case, a reopened case, a reassigned case and two siblings' linked cases. Timelines hold meetings,
// home visits, phone calls, notes, attendance contracts and reviews.
//
// Written directly with Prisma (as the server functions would leave the rows: window dates from planWindow on the
// demo calendar, the plan kept on the window_started entry, parties = parents with parental responsibility), so
// that cases can be dated in the past without each reading as back-dated. Every CHECK and UNIQUE in the casework
// migration holds. Deterministic: pupils are chosen by UPN order with seededRng.
//
// Pupils left free for other demos and the e2e specs (no case, no flag), in each authority:
// - the first 5 pupils of each school in the seed's order (UPN serial order);
// - the first 30 pupils of the authority in the /pupils listing order (surname, first name) and the first 10 of
//   each school in that order (what e2e/support.ts findPupilInListing picks).
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { CaseState, CloseOutcome } from "../lib/domain/case-state";
import { addDays, formatUkDate, mondayOf } from "../lib/domain/dates";
import { DEFAULT_WINDOW_SETTINGS, planWindow, type WindowPlan } from "../lib/domain/fast-track-window";
import { CalendarGapError, DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "../lib/domain/school-calendar";
import { figures, pupilCounts } from "../lib/server/attendance/attendance-figures";
import { pgPool } from "../lib/server/pg";
import { writeTimelineEvents } from "../lib/server/timeline/write-timeline-events";
import { DEMO_AUTHORITIES, DEMO_PASSWORD, demoEmail } from "./seed";
import { pick, seededRng, type Rng } from "./factories";

type Pupil = { id: string; upn: string; firstName: string; lastName: string; schoolId: string };
type Ev = { kind: string; on: string; note?: string; details?: Record<string, unknown>; by?: string };

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isWeekday = (iso: string) => {
  const w = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return w >= 1 && w <= 5;
};

const FLAG_REASONS = [
  "Absent most Mondays and Fridays since September; mother says he refuses to get up.",
  "Missed 14 sessions this half-term without a reason; no response to our letters.",
  "Regularly arrives after registers close and leaves at lunchtime.",
  "Term-time holiday taken in October after the request was refused.",
  "Attendance has fallen from 96% last year to 81%; older sibling also absent.",
  "Absences reported as illness with no medical evidence; pattern around weekends.",
  "Not attended since the half-term holiday; family not answering the phone.",
];
const WORK_NOTES: Record<string, string[]> = {
  phone_call: [
    "Phoned mother: she will bring him to school herself this week.",
    "Called father, who agreed to attend a meeting.",
    "No answer; left a voicemail asking for a call back.",
  ],
  home_visit: [
    "Home visit: spoke to both parents on the doorstep; pupil was at home, said to be ill.",
    "Home visit: no answer; calling card left.",
    "Home visit: mother explained bullying worries; referred to the school's pastoral lead.",
  ],
  note: [
    "School reports attendance 88% over the last three weeks.",
    "Early help assessment offered; family accepted.",
    "Head of year confirmed a reduced timetable is not in place.",
  ],
  meeting: [
    "Meeting at school with mother, head of year and the officer: support plan agreed.",
    "Parents' meeting: Fast Track explained, targets agreed, support offered.",
  ],
  attendance_contract: ["Attendance contract signed by both parents: daily check-in with the learning mentor."],
  review: [
    "Review at school: attendance improving, targets unchanged.",
    "Review: action plan targets partly met; transport support arranged.",
  ],
};

function workNote(rng: Rng, kind: string): string {
  return pick(rng, WORK_NOTES[kind] ?? ["Recorded."]);
}

export type DemoPupil = Pupil;

/**
 * An authority's enrolled pupils, and the ids of those left free for other demos and the e2e specs (see the
 * header): no demo seed may give them a case or a flag.
 */
export async function demoPupils(
  db: PrismaClient,
  authorityId: string,
  schools: { id: string }[],
): Promise<{ pupils: Pupil[]; free: Set<string> }> {
  const rows = await db.pupil.findMany({
    where: { authorityId },
    select: { id: true, upn: true, firstName: true, lastName: true, enrolments: { select: { schoolId: true } } },
  });
  const pupils: Pupil[] = rows
    .filter((p) => p.enrolments.length > 0)
    .map((p) => ({ ...p, schoolId: p.enrolments[0]!.schoolId }));
  const free = new Set<string>();
  const alphabetical = [...pupils].sort(
    (a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || (a.id < b.id ? -1 : 1),
  );
  alphabetical.slice(0, 30).forEach((p) => free.add(p.id));
  for (const s of schools) {
    const atSchool = pupils.filter((p) => p.schoolId === s.id);
    [...atSchool]
      .sort((a, b) => a.upn.slice(-3).localeCompare(b.upn.slice(-3)))
      .slice(0, 5)
      .forEach((p) => free.add(p.id));
    alphabetical
      .filter((p) => p.schoolId === s.id)
      .slice(0, 10)
      .forEach((p) => free.add(p.id));
  }
  return { pupils, free };
}

export async function seedCases(db: PrismaClient, today: string, log: (line: string) => void = () => {}) {
  const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
  const settings = DEFAULT_WINDOW_SETTINGS;
  // Every weekday start in the last 200 days whose window the demo calendar can plan, most recent first.
  const plans: WindowPlan[] = [];
  for (let i = 1; i <= 200; i++) {
    const start = addDays(today, -i);
    if (!isWeekday(start)) continue;
    try {
      plans.push(planWindow(calendar, start, settings));
    } catch (error) {
      if (!(error instanceof CalendarGapError)) throw error;
    }
  }
  const week = { start: mondayOf(today), end: addDays(mondayOf(today), 6) };
  const due = (p: WindowPlan, key: string) => p.milestones.find((m) => m.key === key)!.due;
  const passwordHash = await hash(DEMO_PASSWORD);
  const pool = pgPool();

  for (const demo of DEMO_AUTHORITIES) {
    const authority = await db.authority.findFirst({ where: { laCode: demo.laCode } });
    if (!authority) continue;
    const started = Date.now();
    const rng = seededRng(Number(demo.laCode) * 104_729);
    const users = await db.appUser.findMany({ where: { authorityId: authority.id } });
    const officer = users.find((u) => u.email === demoEmail(demo.slug, "officer"))!;
    const manager = users.find((u) => u.email === demoEmail(demo.slug, "manager"))!;
    const second = await db.appUser.create({
      data: {
        authorityId: authority.id,
        role: "officer",
        email: demoEmail(demo.slug, "officer2"),
        name: "Priya Shah",
        passwordHash,
        mustChangePassword: false,
        demo: true,
      },
    });
    const schools = await db.school.findMany({ where: { authorityId: authority.id }, orderBy: { urn: "asc" } });
    const staffOf = (schoolId: string) => users.find((u) => u.role === "school" && u.schoolId === schoolId)!;

    // Pupils, and those left free (see the header).
    const { pupils, free } = await demoPupils(db, authority.id, schools);
    const available = pupils.filter((p) => !free.has(p.id)).sort((a, b) => a.upn.localeCompare(b.upn));
    const used = new Set<string>();
    const take = (schoolId?: string): Pupil => {
      const candidates = available.filter((p) => !used.has(p.id) && (!schoolId || p.schoolId === schoolId));
      const p = candidates[Math.floor(rng() * candidates.length)];
      if (!p) throw new Error(`Demo cases: ran out of pupils in ${demo.name}`);
      used.add(p.id);
      return p;
    };
    const links = await db.pupilParent.findMany({ where: { authorityId: authority.id } });
    const prParents = (pupilId: string) =>
      links.filter((l) => l.pupilId === pupilId && l.parentalResponsibility).map((l) => l.parentId);

    let cases = 0;
    const makeCase = async (spec: {
      pupil: Pupil;
      officerId: string;
      openedOn: string;
      status: CaseState;
      plan?: WindowPlan;
      events?: Ev[];
      close?: { outcome: CloseOutcome; reason: string };
      backDatedFrom?: string;
      fromFlagId?: string;
      maxUnauthorised?: number | null;
    }) => {
      const { plan } = spec;
      const recordedOn = spec.backDatedFrom ?? spec.openedOn;
      const backDated = recordedOn !== spec.openedOn;
      const openedNote = backDated
        ? `Recorded on ${formatUkDate(recordedOn)}, back-dated to ${formatUkDate(spec.openedOn)}\n\nBrought over from the previous case management system.`
        : "";
      const target = { minAttendancePct: 90, maxUnauthorisedSessions: spec.maxUnauthorised ?? null };
      const events: Ev[] = [
        {
          kind: "opened",
          on: spec.openedOn,
          note: openedNote,
          details: {
            backDated,
            recordedOn,
            assignedOfficerId: spec.officerId,
            ...(spec.fromFlagId ? { fromFlagId: spec.fromFlagId } : {}),
          },
        },
        ...(plan
          ? [{ kind: "window_started", on: plan.start, details: { plan, target, lengthWeeks: settings.lengthWeeks } }]
          : []),
        ...(spec.events ?? []),
      ];
      cases++;
      return db.attendanceCase.create({
        data: {
          authorityId: authority.id,
          pupilId: spec.pupil.id,
          status: spec.status,
          assignedOfficerId: spec.officerId,
          openedOn: d(spec.openedOn),
          backDated,
          windowStart: plan ? d(plan.start) : null,
          windowEnd: plan ? d(plan.end) : null,
          targetMinAttendanceTenths: plan ? 900 : null,
          targetMaxUnauthorised: plan ? target.maxUnauthorisedSessions : null,
          closeOutcome: spec.close?.outcome ?? null,
          closeReason: spec.close?.reason ?? null,
          openedBy: spec.officerId,
          parties: { create: prParents(spec.pupil.id).map((parentId) => ({ parentId })) },
          events: {
            create: events.map((e) => ({
              kind: e.kind,
              occurredOn: d(e.on),
              note: e.note ?? "",
              actorUserId: e.by ?? spec.officerId,
              details: (e.details ?? {}) as object,
            })),
          },
        },
      });
    };
    /** Casework before the window, the meeting that starts it, and the work after it up to `until`. */
    const windowWork = (
      plan: WindowPlan,
      opts: { actionPlanMet: boolean; reviewMet: boolean; until: string },
    ): Ev[] => {
      const ev: Ev[] = [
        { kind: "phone_call", on: addDays(plan.start, -10), note: workNote(rng, "phone_call") },
        { kind: "home_visit", on: addDays(plan.start, -5), note: workNote(rng, "home_visit") },
        {
          kind: "meeting",
          on: plan.start,
          note: "Parents' meeting: Fast Track explained, targets agreed, support offered.",
        },
      ];
      const ap = due(plan, "action_plan");
      const rv = due(plan, "review");
      const add = (e: Ev) => {
        if (e.on <= opts.until && e.on <= today) ev.push(e);
      };
      add({ kind: "attendance_contract", on: addDays(plan.start, 3), note: workNote(rng, "attendance_contract") });
      if (opts.actionPlanMet) add({ kind: "review", on: addDays(ap, -2), note: workNote(rng, "review") });
      add({ kind: "note", on: addDays(ap, 3), note: workNote(rng, "note") });
      if (opts.reviewMet) add({ kind: "review", on: addDays(rv, -1), note: workNote(rng, "review") });
      add({ kind: "phone_call", on: addDays(rv, 5), note: workNote(rng, "phone_call") });
      return ev;
    };
    const planWhere = (test: (p: WindowPlan) => boolean, taken: Set<string>) => {
      const plan = plans.find((p) => test(p) && !taken.has(p.start));
      if (plan) taken.add(plan.start);
      return plan;
    };
    const takenStarts = new Set<string>();
    const owner = () => (rng() < 0.8 ? officer.id : second.id);

    // Flags awaiting triage, from every school, raised over the last fortnight (oldest first in the queue).
    const flagFigures = async (p: Pupil) => {
      const from =
        `${today.slice(0, 4)}-09-01` <= today ? `${today.slice(0, 4)}-09-01` : `${Number(today.slice(0, 4)) - 1}-09-01`;
      return {
        from,
        to: today,
        basis: "academic_year_to_date",
        ...figures(await pupilCounts(pool, p.id, from, today, p.schoolId)),
      };
    };
    const flagData = async (p: Pupil, daysAgo: number) => ({
      authorityId: authority.id,
      pupilId: p.id,
      schoolId: p.schoolId,
      flaggedBy: staffOf(p.schoolId).id,
      reason: pick(rng, FLAG_REASONS),
      triedMeeting: rng() < 0.8,
      triedAttendanceContract: rng() < 0.4,
      triedEarlyHelp: rng() < 0.3,
      triedOther: rng() < 0.3 ? "Breakfast club place offered" : null,
      figures: await flagFigures(p),
      createdAt: new Date(`${addDays(today, -daysAgo)}T09:${String(10 + Math.floor(rng() * 40))}:00Z`),
    });
    let flags = 0;
    for (const [i, school] of schools.entries()) {
      for (let k = 0; k < 2; k++) {
        await db.caseFlag.create({ data: await flagData(take(school.id), 1 + i * 3 + k * 2) });
        flags++;
      }
    }
    // A declined flag (the school sees the reason).
    const declinedPupil = take(schools[0]!.id);
    await db.caseFlag.create({
      data: {
        ...(await flagData(declinedPupil, 20)),
        status: "declined",
        decidedBy: officer.id,
        decidedAt: new Date(`${addDays(today, -18)}T11:00:00Z`),
        declineReason:
          "Absence is authorised illness with medical evidence; the school's own attendance support is the right next step.",
      },
    });
    flags++;

    // Open cases, no window yet: casework first (support first); two came from accepted flags.
    for (let i = 0; i < 4; i++) {
      const pupil = take();
      const openedOn = addDays(today, -(3 + i * 6));
      let fromFlagId: string | undefined;
      if (i < 2) {
        const flag = await db.caseFlag.create({ data: { ...(await flagData(pupil, 6 + i * 6)), status: "new" } });
        fromFlagId = flag.id;
      }
      const kase = await makeCase({
        pupil,
        officerId: i === 3 ? second.id : officer.id,
        openedOn,
        status: "open",
        fromFlagId,
        events: [
          { kind: "phone_call", on: addDays(openedOn, 1), note: workNote(rng, "phone_call") },
          ...(i % 2 === 0 ? [{ kind: "home_visit", on: addDays(openedOn, 2), note: workNote(rng, "home_visit") }] : []),
        ].filter((e) => e.on <= today),
      });
      if (fromFlagId) {
        await db.caseFlag.update({
          where: { id: fromFlagId },
          data: {
            status: "accepted",
            caseId: kase.id,
            decidedBy: officer.id,
            decidedAt: new Date(`${openedOn}T10:00:00Z`),
          },
        });
      }
      if (i === 0) {
        // The school flagged the pupil again after the case opened: merged into the open case.
        const merged = await db.caseFlag.create({ data: await flagData(pupil, 1) });
        await db.caseFlag.update({
          where: { id: merged.id },
          data: { status: "merged", caseId: kase.id, decidedBy: officer.id, decidedAt: new Date(`${today}T08:30:00Z`) },
        });
        await writeTimelineEvents(db, [
          {
            caseId: kase.id,
            authorityId: authority.id,
            kind: "flag_merged",
            occurredOn: today,
            actorUserId: officer.id,
            note: "A further flag from the school was added to this case.",
            details: { flagId: merged.id },
          },
        ]);
        flags++;
      }
      flags += fromFlagId ? 1 : 0;
    }

    const windowCase = async (
      plan: WindowPlan | undefined,
      status: CaseState,
      work: { actionPlanMet: boolean; reviewMet: boolean },
      extra: Partial<Parameters<typeof makeCase>[0]> = {},
    ) => {
      if (!plan) return;
      const until = status === "window_active" ? today : plan.end;
      return makeCase({
        pupil: take(),
        officerId: owner(),
        openedOn: addDays(plan.start, -14 - Math.floor(rng() * 10)),
        status,
        plan,
        events: windowWork(plan, { ...work, until }),
        maxUnauthorised: rng() < 0.5 ? 6 : null,
        ...extra,
      });
    };
    const met = { actionPlanMet: true, reviewMet: true };
    // Windows ending in the next 14 days (early, middle and late in the fortnight), their milestones met.
    for (const [lo, hi] of [
      [0, 4],
      [5, 9],
      [10, 14],
    ] as const) {
      await windowCase(
        planWhere((p) => p.end >= addDays(today, lo) && p.end <= addDays(today, hi), takenStarts),
        "window_active",
        met,
        { officerId: officer.id },
      );
    }
    // A review and an action plan due this week, not yet held.
    await windowCase(
      planWhere(
        (p) => due(p, "review") >= week.start && due(p, "review") <= week.end && due(p, "review") >= today,
        takenStarts,
      ),
      "window_active",
      { actionPlanMet: true, reviewMet: false },
      { officerId: officer.id },
    );
    await windowCase(
      planWhere(
        (p) =>
          due(p, "action_plan") >= week.start && due(p, "action_plan") <= week.end && due(p, "action_plan") >= today,
        takenStarts,
      ),
      "window_active",
      { actionPlanMet: false, reviewMet: false },
    );
    // Overdue: a review missed, and an action plan missed.
    await windowCase(
      planWhere((p) => due(p, "review") >= addDays(today, -21) && due(p, "review") <= addDays(today, -8), takenStarts),
      "window_active",
      { actionPlanMet: true, reviewMet: false },
      { officerId: officer.id },
    );
    await windowCase(
      planWhere(
        (p) =>
          due(p, "action_plan") >= addDays(today, -14) &&
          due(p, "action_plan") <= addDays(today, -3) &&
          due(p, "review") > today,
        takenStarts,
      ),
      "window_active",
      { actionPlanMet: false, reviewMet: false },
    );
    // Windows running well, ending later.
    for (let i = 0; i < 2; i++) {
      await windowCase(
        planWhere(
          (p) => p.end > addDays(today, 14) && due(p, "action_plan") < today && due(p, "review") > addDays(week.end, 0),
          takenStarts,
        ),
        "window_active",
        { actionPlanMet: true, reviewMet: false },
      );
    }
    // Decision due: the window has ended and the daily job has not decided yet.
    for (let i = 0; i < 2; i++) {
      await windowCase(
        planWhere((p) => p.end >= addDays(today, -10) && p.end < today, takenStarts),
        "decision_due",
        met,
        { officerId: officer.id },
      );
    }
    // Monitoring: decided that attendance improved.
    for (let i = 0; i < 2; i++) {
      const plan = planWhere((p) => p.end >= addDays(today, -70) && p.end <= addDays(today, -20), takenStarts);
      if (!plan) continue;
      await windowCase(plan, "monitoring", met, {
        events: [
          ...windowWork(plan, { ...met, until: plan.end }),
          {
            kind: "note",
            on: addDays(plan.end, 1),
            note: "Decision: attendance 93.4% over the window against a target of 90%. Monitoring for the rest of the term.",
            by: manager.id,
          },
        ],
      });
    }
    // Closed, one per outcome.
    const closures: [CloseOutcome, string][] = [
      ["improved", "Attendance above 95% for two terms; no further action."],
      ["moved_school", "Family moved to Durham; the new school and local authority have been told."],
      ["left_compulsory_age", "Pupil reached the end of Year 11 and is no longer of compulsory school age."],
      ["referred_elsewhere", "Referred to children's social care, who lead on the family's support."],
      ["other", "Pupil now educated at home; the elective home education team has the case."],
    ];
    for (const [i, [outcome, reason]] of closures.entries()) {
      const openedOn = addDays(today, -(150 + i * 7));
      const closedOn = addDays(openedOn, 60 + i * 5);
      await makeCase({
        pupil: take(),
        officerId: owner(),
        openedOn,
        status: "closed",
        close: { outcome, reason },
        events: [
          { kind: "meeting", on: addDays(openedOn, 7), note: workNote(rng, "meeting") },
          { kind: "phone_call", on: addDays(openedOn, 20), note: workNote(rng, "phone_call") },
          { kind: "closed", on: closedOn, note: reason, details: { outcome, from: "open" } },
        ],
      });
    }
    // Back-dated: brought over from another system, window running.
    const oldPlan = planWhere((p) => p.end > addDays(today, 14) && due(p, "action_plan") < today, takenStarts);
    if (oldPlan) {
      await makeCase({
        pupil: take(),
        officerId: officer.id,
        openedOn: addDays(oldPlan.start, -60),
        backDatedFrom: addDays(oldPlan.start, -5),
        status: "window_active",
        plan: oldPlan,
        events: windowWork(oldPlan, { actionPlanMet: true, reviewMet: false, until: today }),
      });
    }
    // Reopened: closed when the family moved away, reopened when they came back.
    {
      const openedOn = addDays(today, -90);
      await makeCase({
        pupil: take(),
        officerId: officer.id,
        openedOn,
        status: "open",
        events: [
          { kind: "home_visit", on: addDays(openedOn, 5), note: workNote(rng, "home_visit") },
          {
            kind: "closed",
            on: addDays(today, -40),
            note: "Family moved to Leeds.",
            details: { outcome: "moved_school", from: "open" },
          },
          {
            kind: "reopened",
            on: addDays(today, -12),
            note: "Family moved back; pupil re-enrolled and absent again.",
            details: { previousOutcome: "moved_school", previousReason: "Family moved to Leeds." },
          },
          { kind: "phone_call", on: addDays(today, -10), note: workNote(rng, "phone_call") },
        ],
      });
    }
    // Reassigned from the second officer.
    {
      const openedOn = addDays(today, -35);
      await makeCase({
        pupil: take(),
        officerId: officer.id,
        openedOn,
        status: "open",
        events: [
          { kind: "note", on: addDays(openedOn, 2), note: workNote(rng, "note"), by: second.id },
          {
            kind: "reassigned",
            on: addDays(today, -7),
            note: "Priya's caseload rebalanced.",
            details: { from: second.id, to: officer.id },
            by: manager.id,
          },
        ],
      });
    }
    // Siblings: two children of one parent, each with a case, linked, with one parents' meeting for both.
    const parentOf = new Map<string, Pupil[]>();
    for (const l of links) {
      const p = available.find((x) => x.id === l.pupilId);
      if (p && !used.has(p.id)) parentOf.set(l.parentId, [...(parentOf.get(l.parentId) ?? []), p]);
    }
    const family = [...parentOf.values()]
      .filter((kids) => kids.length >= 2)
      .sort((a, b) => a[0]!.upn.localeCompare(b[0]!.upn))[0];
    const siblingPlan = planWhere((p) => p.end > addDays(today, 14) && due(p, "action_plan") < today, takenStarts);
    if (family && siblingPlan) {
      const ids: string[] = [];
      for (const pupil of family.slice(0, 2)) {
        used.add(pupil.id);
        const kase = await makeCase({
          pupil,
          officerId: officer.id,
          openedOn: addDays(siblingPlan.start, -14),
          status: "window_active",
          plan: siblingPlan,
          events: windowWork(siblingPlan, { actionPlanMet: true, reviewMet: false, until: today }),
        });
        ids.push(kase.id);
      }
      const [a, b] = ids.sort();
      await db.caseLink.create({
        data: { caseId: a!, linkedCaseId: b!, authorityId: authority.id, createdBy: officer.id },
      });
    }
    log(
      `  ${demo.name}: ${cases} cases and ${flags} flags at every stage in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
