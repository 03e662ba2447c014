// Test and demo data for referrals, written with Prisma and respecting every constraint of the enforcement tables:
// a case with a window (status referred) and its parties → frozen evidence → a decision "referred" → one referral
// per parent, awaiting review. Used by the integration tests and prisma/seed-enforcement.ts (never by the app).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addDays } from "@/lib/domain/dates";
import type { EvidenceChecklist } from "@/lib/domain/referral-checklist";
import { DEFENCES } from "@/lib/domain/referral-checklist";
import { evidenceHash } from "@/lib/server/decisions/evidence";

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** A complete checklist: the manager's own items, and a claim for every item the record proves (the API's body;
 * the server checks each claim against the record). */
export const COMPLETE_CHECKLIST: EvidenceChecklist = {
  attendanceCertificate: true,
  lettersSent: true,
  warningGiven: true,
  supportOffered: true,
  esoConsidered: true,
  esoReasoning:
    "An ESO was considered; the family did not engage with voluntary support, so prosecution is proportionate.",
  interviewUnderCaution: "held",
  defencesConsidered: [...DEFENCES],
};

export type ReferralFixture = Awaited<ReturnType<typeof makeReferredCase>>;

/**
 * A referred case for `pupil` with one referral per parent in `parentIds` (awaiting review). The window ends
 * `windowEnd` (default 2026-11-13) and started six school weeks before; marks are a small frozen extract.
 */
export async function makeReferredCase(
  db: PrismaClient,
  data: {
    authority: { id: string };
    pupil: { id: string };
    officer: { id: string };
    parentIds: string[];
    windowEnd?: string;
    createdAt?: Date;
    /** What the record holds for approval (default: everything, for every parent); false leaves an item out. */
    ready?: Partial<Record<"letters" | "warning" | "support" | "interview" | "certificate", boolean>>;
  },
) {
  const windowEnd = data.windowEnd ?? "2026-11-13";
  const windowStart = addDays(windowEnd, -41);
  const openedOn = addDays(windowStart, -14);
  const kase = await db.attendanceCase.create({
    data: {
      authorityId: data.authority.id,
      pupilId: data.pupil.id,
      assignedOfficerId: data.officer.id,
      openedBy: data.officer.id,
      openedOn: d(openedOn),
      status: "referred",
      windowStart: d(windowStart),
      windowEnd: d(windowEnd),
      targetMinAttendanceTenths: 900,
      parties: { create: data.parentIds.map((parentId) => ({ parentId })) },
      events: { create: { kind: "opened", occurredOn: d(openedOn), actorUserId: data.officer.id } },
    },
  });
  const marks = [0, 1, 2, 3, 4, 7, 8, 9].flatMap((offset, i) => {
    const date = addDays(windowStart, offset);
    return [
      { date, session: "AM" as const, code: i % 3 === 0 ? "/" : "O" },
      { date, session: "PM" as const, code: i % 2 === 0 ? "/" : "O" },
    ];
  });
  const possible = marks.length;
  const present = marks.filter((m) => m.code === "/").length;
  const unauthorised = possible - present;
  const attendancePct = Math.round((present / possible) * 1000) / 10;
  // The shape the daily job stores (DecisionFigures in lib/domain/decision-figures.ts).
  const figures = {
    possibleSessions: possible,
    attendedSessions: present,
    presentSessions: present,
    approvedActivitySessions: 0,
    authorisedSessions: 0,
    unauthorisedSessions: unauthorised,
    attendancePct,
    attendanceTenths: Math.round(attendancePct * 10),
    target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
    met: false,
    reasons: [`Attendance was ${attendancePct.toFixed(1)}%, below the target of 90%`],
  };
  const contentHash = evidenceHash(marks, figures);
  const evidence = await db.evidenceSnapshot.create({
    data: {
      authorityId: data.authority.id,
      caseId: kase.id,
      pupilId: data.pupil.id,
      periodStart: d(windowStart),
      periodEnd: d(windowEnd),
      marks,
      figures,
      contentHash,
    },
  });
  const decision = await db.caseDecision.create({
    data: {
      authorityId: data.authority.id,
      caseId: kase.id,
      windowStart: d(windowStart),
      windowEnd: d(windowEnd),
      asOf: d(windowEnd),
      outcome: "referred",
      figures,
      evidenceId: evidence.id,
    },
  });
  await db.caseEvent.create({
    data: {
      caseId: kase.id,
      authorityId: data.authority.id,
      kind: "decision_referred",
      occurredOn: d(windowEnd),
      actorUserId: null,
      details: { figures },
    },
  });
  const referrals = [];
  for (const parentId of data.parentIds) {
    referrals.push(
      await db.prosecutionReferral.create({
        data: {
          authorityId: data.authority.id,
          caseId: kase.id,
          parentId,
          decisionId: decision.id,
          evidenceId: evidence.id,
          periodStart: d(windowStart),
          periodEnd: d(windowEnd),
          ...(data.createdAt ? { createdAt: data.createdAt } : {}),
        },
      }),
    );
  }
  await recordReadiness(db, {
    authorityId: data.authority.id,
    caseId: kase.id,
    pupilId: data.pupil.id,
    officerId: data.officer.id,
    parentIds: data.parentIds,
    evidence,
    windowStart,
    windowEnd,
    ready: data.ready,
  });
  return { kase, evidence, decision, referrals };
}

/**
 * A hearing of an approved referral, written directly: at the authority's test court (made if missing), on
 * `hearingDate` (default Friday 20 November 2026, the tests' clock, so an outcome can follow it) at 10am.
 */
export async function makeHearing(
  db: PrismaClient,
  referral: { id: string; authorityId: string },
  createdBy: { id: string },
  hearingDate = "2026-11-20",
) {
  const court =
    (await db.court.findFirst({ where: { authorityId: referral.authorityId } })) ??
    (await db.court.create({ data: { authorityId: referral.authorityId, name: "Teesside Magistrates' Court" } }));
  return db.courtHearing.create({
    data: {
      authorityId: referral.authorityId,
      referralId: referral.id,
      hearingDate: d(hearingDate),
      hearingTime: "10:00",
      courtId: court.id,
      courtName: court.name,
      hearingType: "first_hearing",
      createdBy: createdBy.id,
    },
  });
}

/**
 * The record a referral's approval rests on (issue 10): for each parent a warning letter on the window's first day
 * (and, without `warning`, a review letter instead), a home visit in the window, an interview under caution after
 * it, and the head teacher's certificate for the school the pupil attends, signed after the period.
 */
export async function recordReadiness(
  db: PrismaClient,
  data: {
    authorityId: string;
    caseId: string;
    pupilId: string;
    officerId: string;
    parentIds: string[];
    evidence: { id: string; contentHash: string };
    windowStart: string;
    windowEnd: string;
    ready?: Partial<Record<"letters" | "warning" | "support" | "interview" | "certificate", boolean>>;
  },
) {
  const want = { letters: true, warning: true, support: true, interview: true, certificate: true, ...data.ready };
  if (want.letters) {
    const productionId = randomUUID();
    for (const parentId of data.parentIds) {
      const warning = want.warning;
      await db.caseLetter.create({
        data: {
          caseId: data.caseId,
          parentId,
          authorityId: data.authorityId,
          productionId,
          kind: warning ? "warning" : "review",
          subject: warning ? "Formal warning" : "Review of attendance",
          body: "Letter text as sent.",
          sentOn: d(warning ? data.windowStart : addDays(data.windowStart, 21)),
          producedBy: data.officerId,
        },
      });
    }
  }
  if (want.support) {
    await db.caseEvent.create({
      data: {
        caseId: data.caseId,
        authorityId: data.authorityId,
        kind: "home_visit",
        occurredOn: d(addDays(data.windowStart, 7)),
        note: "Home visit: support offered.",
        actorUserId: data.officerId,
      },
    });
  }
  if (want.interview) {
    // One statement (the database checks on commit that an interview names its parents).
    await db.caseEvent.create({
      data: {
        caseId: data.caseId,
        authorityId: data.authorityId,
        kind: "interview_under_caution",
        occurredOn: d(addDays(data.windowEnd, 3)),
        outcome: "held",
        actorUserId: data.officerId,
        parties: { create: data.parentIds.map((parentId) => ({ parentId })) },
      },
    });
  }
  if (want.certificate) {
    const enrolment = await db.enrolment.findFirstOrThrow({
      where: { pupilId: data.pupilId, authorityId: data.authorityId },
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
    });
    await db.attendanceCertificate.create({
      data: {
        authorityId: data.authorityId,
        evidenceId: data.evidence.id,
        contentHash: data.evidence.contentHash,
        schoolId: enrolment.schoolId,
        periodStart: d(data.windowStart),
        periodEnd: d(data.windowEnd),
        signedBy: "Mrs A Head",
        signedOn: d(addDays(data.windowEnd, 4)),
        recordedAs: "officer",
        recordedBy: data.officerId,
      },
    });
  }
}
