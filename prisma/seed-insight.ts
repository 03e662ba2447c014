// Demo data for the manager's picture (issue 13), run by npm start after the other demo seeds (scripts/start.ts):
// 1. each authority's target for its unauthorised absence rate, beside the national figure;
// 2. truancy sweeps with the police in both demo years, recorded through the real server function (createSweep, as
//    the API records them), so a child found in the authority and stopped without a valid reason feeds casework:
//    their open case's timeline, or a flag for their school. Middlesbrough runs many sweeps, as the press described;
//    Darlington and Redcar and Cleveland a few;
// 3. penalty notices on closed demo cases (paid within 21 days, paid on day 22 to 28, withdrawn, and one still inside
//    its period), so the parental responsibility return has every column to show; written directly, with the amounts
//    and dates of the 2024 scheme the database trigger checks, as prisma/seed-cases.ts writes cases;
// 4. an Education Supervision Order on one closed case per authority.
// Pupils that prisma/seed-cases.ts leaves free for the e2e specs are never used. Deterministic for a given clock.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { addDays } from "../lib/domain/dates";
import { paymentPeriods } from "../lib/domain/penalty-notices";
import { DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "../lib/domain/school-calendar";
import type { StopOutcome, ValidReason } from "../lib/domain/sweeps";
import type { SweepStopInput } from "../lib/schemas/sweeps";
import { loadActor } from "../lib/server/actor";
import { createSweep } from "../lib/server/sweeps/create-sweep";
import { DEMO_AUTHORITIES, demoEmail } from "./seed";
import { demoPupils } from "./seed-cases";
import { personNames, pick, seededRng, type Rng } from "./factories";

/** The authority's own targets (demo values, a little below each authority's demo rate). */
export const DEMO_TARGETS: Record<string, number> = { "841": 0.95, "806": 0.85, "807": 0.8 };

/** Sweeps per authority: Middlesbrough ran many (as the press described), the others a few. */
const SWEEPS_PER_AUTHORITY: Record<string, number> = { "841": 6, "806": 30, "807": 5 };

const AREAS: Record<string, string[]> = {
  "841": [
    "Town centre and Cornmill shopping centre",
    "Skerne Park and the railway station",
    "Cockerton village and the park",
  ],
  "806": [
    "Town centre, Captain Cook Square and the bus station",
    "Linthorpe Road and Albert Park",
    "North Ormesby and the market",
    "Hill Street shopping centre",
    "Acklam and the retail park",
    "Middlehaven and the riverside",
  ],
  "807": ["Redcar seafront and the high street", "Eston Square and the precinct", "Coatham and Kirkleatham"],
};

const TRUANT_REASONS = [
  "Said he did not feel like going in",
  "Going to the shops with friends",
  "Said she was bored at school",
  "Walking the dog; said school was closed",
  "Waiting for a friend who had left school",
  "Said he had been sent home, the school says not",
  "None given",
];
const VALID_REASONS_GIVEN = [
  "Dentist appointment; appointment card shown",
  "Study leave for exams; confirmed by the school",
  "Educated at home; registered with the authority",
  "School closed for staff training; confirmed",
  "Going to hospital with a parent",
];
const UNKNOWN_REASONS = ["Said he had a doctor's appointment; no card", "Said the school had let them out early"];
const ELSEWHERE = [
  "A school in Stockton",
  "A school in Hartlepool",
  "A school in Sunderland",
  "Did not say",
  "A college in Darlington",
];

function quarterHours(rng: Rng, min: number, max: number): number {
  return (min * 4 + Math.floor(rng() * ((max - min) * 4 + 1))) / 4;
}

/** The school days of the demo calendar from 3 September 2025 to the day before `today`, in order. */
function schoolDays(today: string): string[] {
  const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
  const days: string[] = [];
  for (let d = "2025-09-08"; d < today && d <= "2027-07-20"; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && calendar.covers(d) && calendar.isSchoolDay(d)) days.push(d);
  }
  return days;
}

export async function seedInsight(db: PrismaClient, today: string, log: (line: string) => void = () => {}) {
  const days = schoolDays(today);
  for (const demo of DEMO_AUTHORITIES) {
    const authority = await db.authority.findFirst({ where: { laCode: demo.laCode } });
    if (!authority) continue;
    const rng = seededRng(Number(demo.laCode) * 7_717);
    const target = DEMO_TARGETS[demo.laCode]!;
    await db.comparisonFigure.createMany({
      data: [2025, 2026].map((year) => ({
        authorityId: authority.id,
        academicYear: year,
        kind: "target",
        label: `${demo.name} target`,
        unauthorisedRate: target,
        source: "Demo value: the authority's own target",
      })),
    });

    // Sweeps, spread over the school days so far, by the demo officer.
    const officer = await db.appUser.findFirstOrThrow({ where: { email: demoEmail(demo.slug, "officer") } });
    const actor = (await loadActor(officer.id, undefined))!;
    const schools = await db.school.findMany({ where: { authorityId: authority.id } });
    const { pupils, free } = await demoPupils(db, authority.id, schools);
    const open = new Set(
      (
        await db.attendanceCase.findMany({
          where: { authorityId: authority.id, status: { not: "closed" } },
          select: { pupilId: true },
        })
      ).map((c) => c.pupilId),
    );
    const candidates = pupils.filter((p) => !free.has(p.id)).sort((a, b) => (a.upn < b.upn ? -1 : 1));
    const withCase = candidates.filter((p) => open.has(p.id));
    const withoutCase = candidates.filter((p) => !open.has(p.id));
    const used = new Set<string>();
    const takeFrom = (list: typeof candidates) => {
      const left = list.filter((p) => !used.has(p.id));
      if (left.length === 0) return null;
      const p = pick(rng, left);
      used.add(p.id);
      return p;
    };
    const count = SWEEPS_PER_AUTHORITY[demo.laCode] ?? 3;
    let stops = 0;
    let fed = 0;
    for (let i = 0; i < count; i++) {
      const date = days[Math.min(days.length - 1, Math.floor(((i + 0.5) * days.length) / count))]!;
      // Two or three officers for two to three hours: about 2 children stopped per police hour, as the press figure.
      const officers = demo.laCode === "806" ? 2 : 2 + Math.floor(rng() * 2);
      const hours = quarterHours(rng, 2, 3);
      const startHour = 9 + Math.floor(rng() * 3);
      const staff = 1 + Math.floor(rng() * 2);
      const stopped = (demo.laCode === "806" ? 7 : 4) + Math.floor(rng() * (demo.laCode === "806" ? 8 : 6));
      const list: SweepStopInput[] = [];
      for (let s = 0; s < stopped; s++) {
        const roll = rng();
        const validReason: ValidReason = roll < 0.38 ? "no" : roll < 0.85 ? "yes" : "unknown";
        const outcome: StopOutcome =
          validReason === "no"
            ? pick(rng, ["returned_to_school", "returned_to_school", "designated_place", "taken_home"] as const)
            : validReason === "yes"
              ? "other"
              : pick(rng, ["returned_to_school", "taken_home"] as const);
        const reason =
          validReason === "no"
            ? pick(rng, TRUANT_REASONS)
            : validReason === "yes"
              ? pick(rng, VALID_REASONS_GIVEN)
              : pick(rng, UNKNOWN_REASONS);
        // Some truants are named by a UPN the authority holds (and so feed casework: fewer in Middlesbrough, which
        // runs many sweeps, so its triage queue stays workable); the others gave a name only, or came from elsewhere.
        const identify = validReason === "no" ? rng() < (demo.laCode === "806" ? 0.12 : 0.3) : rng() < 0.2;
        const pupil = identify ? takeFrom(validReason === "no" && rng() < 0.3 ? withCase : withoutCase) : null;
        if (pupil && validReason === "no") fed++;
        const sex = rng() < 0.5 ? "F" : "M";
        list.push(
          pupil
            ? { upn: pupil.upn, withParent: rng() < 0.3, validReason, reason, outcome }
            : {
                name: `${personNames(rng, sex).firstName} ${personNames(rng, sex).lastName}`,
                schoolName: pick(rng, ELSEWHERE),
                withParent: validReason === "no" ? rng() < 0.25 : rng() < 0.6,
                validReason,
                reason,
                outcome,
              },
        );
      }
      stops += list.length;
      await createSweep(actor, {
        date,
        startTime: `${String(startHour).padStart(2, "0")}:00`,
        endTime: `${String(startHour + Math.floor(hours)).padStart(2, "0")}:${String((hours % 1) * 60).padStart(2, "0")}`,
        area: pick(rng, AREAS[demo.laCode] ?? ["Town centre"]),
        policeOfficers: officers,
        policeHours: officers * hours,
        staff,
        staffHours: staff * hours,
        notes: "",
        stops: list,
      });
    }

    // Penalty notices on closed cases, one per case (to its first party), issued in the last academic year.
    const closed = await db.attendanceCase.findMany({
      where: { authorityId: authority.id, status: "closed", pupilId: { notIn: [...free] } },
      include: { parties: true },
      orderBy: { openedOn: "asc" },
    });
    // Each plan: days after the case opened that the notice was issued, and what became of it. A plan whose notice
    // would still be running today is skipped (except the last, which is meant to be), so no demo notice is left
    // unpaid after its last day (the daily job would refer it).
    const plans: { after: number; paidDay?: number; withdrawn?: string; running?: boolean }[] = [
      { after: 10, paidDay: 9 },
      { after: 12, paidDay: 21 },
      { after: 8, paidDay: 22 },
      { after: 14, paidDay: 28 },
      { after: 9, withdrawn: "Issued in error: the absence was authorised by the school" },
      { after: 0, running: true },
    ];
    let notices = 0;
    let usedCases = 0;
    for (const plan of plans) {
      const kase = closed[usedCases];
      if (!kase) break;
      usedCases++;
      const party = kase.parties[0];
      if (!party) continue;
      const opened = kase.openedOn.toISOString().slice(0, 10);
      const issue = plan.running ? addDays(today, -6) : addDays(opened, plan.after);
      if (!plan.running && addDays(issue, 29) >= today) continue;
      const { lowerUntil, lastDay, scheme } = paymentPeriods(issue);
      const paidOn = plan.paidDay !== undefined ? addDays(issue, plan.paidDay) : null;
      await db.penaltyNotice.create({
        data: {
          authorityId: authority.id,
          caseId: kase.id,
          parentId: party.parentId,
          pupilId: kase.pupilId,
          issueDate: new Date(`${issue}T00:00:00Z`),
          periodStart: new Date(`${addDays(issue, -70)}T00:00:00Z`),
          periodEnd: new Date(`${addDays(issue, -3)}T00:00:00Z`),
          unauthorisedSessions: 10 + Math.floor(rng() * 6),
          sequence: 1,
          lowerAmountPence: scheme.lowerPence,
          higherAmountPence: scheme.higherPence,
          lowerUntil: new Date(`${lowerUntil}T00:00:00Z`),
          lastDay: new Date(`${lastDay}T00:00:00Z`),
          status: paidOn ? "paid" : plan.withdrawn ? "withdrawn" : "issued",
          paidOn: paidOn ? new Date(`${paidOn}T00:00:00Z`) : null,
          amountPaidPence: paidOn ? (paidOn <= lowerUntil ? scheme.lowerPence : scheme.higherPence) : null,
          withdrawnOn: plan.withdrawn ? new Date(`${addDays(issue, 12)}T00:00:00Z`) : null,
          withdrawnReason: plan.withdrawn ?? null,
          issuedBy: officer.id,
        },
      });
      notices++;
    }

    // In Middlesbrough and Redcar and Cleveland (which the e2e specs read only for refusals), two notices this year
    // on cases being monitored: one paid within 21 days, one still inside its period.
    if (demo.laCode !== "841") {
      const monitored = await db.attendanceCase.findMany({
        where: { authorityId: authority.id, status: "monitoring", pupilId: { notIn: [...free] } },
        include: { parties: true },
        orderBy: { openedOn: "asc" },
        take: 2,
      });
      for (const [i, kase] of monitored.entries()) {
        const party = kase.parties[0];
        if (!party) continue;
        const issue = i === 0 ? addDays(today, -40) : addDays(today, -6);
        const { lowerUntil, lastDay, scheme } = paymentPeriods(issue);
        const paidOn = i === 0 ? addDays(issue, 15) : null;
        await db.penaltyNotice.create({
          data: {
            authorityId: authority.id,
            caseId: kase.id,
            parentId: party.parentId,
            pupilId: kase.pupilId,
            issueDate: new Date(`${issue}T00:00:00Z`),
            periodStart: new Date(`${addDays(issue, -70)}T00:00:00Z`),
            periodEnd: new Date(`${addDays(issue, -3)}T00:00:00Z`),
            unauthorisedSessions: 11,
            sequence: 1,
            lowerAmountPence: scheme.lowerPence,
            higherAmountPence: scheme.higherPence,
            lowerUntil: new Date(`${lowerUntil}T00:00:00Z`),
            lastDay: new Date(`${lastDay}T00:00:00Z`),
            status: paidOn ? "paid" : "issued",
            paidOn: paidOn ? new Date(`${paidOn}T00:00:00Z`) : null,
            amountPaidPence: paidOn ? scheme.lowerPence : null,
            issuedBy: officer.id,
          },
        });
        notices++;
      }
    }

    // SEN provision and free-school-meals eligibility, as a CTF would carry them (the demo registers came as CSV):
    // about 1 pupil in 8 on SEN support, 1 in 30 with an EHC plan and 1 in 4 eligible for free school meals, more
    // often among the persistently absent, as national figures show.
    const idByKey = new Map(
      (await db.pupil.findMany({ where: { authorityId: authority.id }, select: { id: true, storeKey: true } })).map(
        (p) => [p.storeKey, p.id],
      ),
    );
    const absent = new Set(
      (
        await db.attendancePupilYear.findMany({
          where: { authorityId: authority.id, academicYear: 2026 },
          select: { pupilKey: true, possible: true, authorised: true, unauthorised: true },
        })
      )
        .filter((y) => y.possible > 0 && (y.authorised + y.unauthorised) * 10 >= y.possible)
        .map((y) => idByKey.get(y.pupilKey)),
    );
    await db.pupilCharacteristics.createMany({
      data: [...pupils]
        .sort((a, b) => (a.upn < b.upn ? -1 : 1))
        .map((p) => {
          const pa = absent.has(p.id);
          const sen = rng();
          const fsm = rng() < (pa ? 0.45 : 0.22);
          return {
            authorityId: authority.id,
            pupilId: p.id,
            senProvision: sen < (pa ? 0.07 : 0.03) ? "E" : sen < (pa ? 0.27 : 0.15) ? "K" : "N",
            fsmEligible: fsm,
            fsmSince: fsm ? new Date("2024-09-02T00:00:00Z") : null,
          };
        }),
    });

    // An Education Supervision Order on a closed case, made instead of prosecution.
    const esoCase = closed[usedCases] ?? closed[0];
    if (esoCase) {
      const madeOn = addDays(esoCase.openedOn.toISOString().slice(0, 10), 21);
      await db.educationSupervisionOrder.create({
        data: {
          authorityId: authority.id,
          caseId: esoCase.id,
          madeOn: new Date(`${madeOn < today ? madeOn : addDays(today, -1)}T00:00:00Z`),
          relation: "instead_of_prosecution",
          months: 12,
          recordedBy: officer.id,
        },
      });
    }
    log(
      `  ${demo.name}: target ${target}%, ${count} truancy sweeps (${stops} children stopped, ${fed} fed into casework), ${notices} penalty notices, ${esoCase ? 1 : 0} Education Supervision Order`,
    );
  }
}
