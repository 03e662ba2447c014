// Test and demo data for referrals, written with Prisma and respecting every constraint of the enforcement tables:
// a case with a window (status referred) and its parties → frozen evidence → a decision "referred" → one referral
// per parent, awaiting review. Used by the integration tests and prisma/seed-enforcement.ts (never by the app).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addDays } from "@/lib/domain/dates";
import type { EvidenceChecklist } from "@/lib/domain/referral-checklist";
import { DEFENCES } from "@/lib/domain/referral-checklist";
import { evidenceHash } from "@/lib/server/decisions/evidence";

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** A complete checklist (every item recorded), for approving in tests and the demo. */
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
  return { kase, evidence, decision, referrals };
}
