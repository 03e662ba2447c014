import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { DEFAULT_REFERRAL_SETTINGS } from "@/lib/domain/referral-grounds";
import { evaluateReadiness, type ManagerInputs, type ReadinessItem } from "@/lib/domain/referral-readiness";
import type { AttendanceCase, ProsecutionReferral } from "@/lib/generated/prisma/client";
import { loadCertificateContexts } from "../certificates/certificate-context";
import { db, type Tx } from "../db";

export type Readiness = { ready: boolean; items: ReadinessItem[] };

type ReferralWithCase = ProsecutionReferral & { kase: AttendanceCase };

/**
 * The readiness items of one referral (one parent), computed from the record (evaluateReadiness): the case's letters
 * and timeline events with the parents they name, the certificates recorded on the referral's evidence for each
 * school relied on, the authority's interview setting, and the evidence's codes for the defence pointers. The
 * period is the case's window (its start for the warning, its end for support); for a penalty notice's referral,
 * the notice's offence period. `manager` is the manager's own items (on approval; the stored checklist after).
 * Not scoped: the caller has the referral in scope.
 */
export async function loadReadiness(
  referral: ReferralWithCase,
  manager: ManagerInputs | null,
  tx: Tx = db,
): Promise<Readiness> {
  return (await loadReadinessOfMany([referral], manager, tx))[0]!;
}

/**
 * loadReadiness for many referrals of one authority (the queue), in the same few statements whatever their number:
 * a long queue must not fan out into a burst of statements per referral on the pool. In the referrals' order.
 */
export async function loadReadinessOfMany(
  referrals: readonly ReferralWithCase[],
  manager: ManagerInputs | null,
  tx: Tx = db,
): Promise<Readiness[]> {
  if (referrals.length === 0) return [];
  const authorityId = referrals[0]!.authorityId;
  if (referrals.some((r) => r.authorityId !== authorityId || r.kase.authorityId !== authorityId))
    throw new Error("loadReadinessOfMany: the referrals must be of one authority");
  const caseIds = [...new Set(referrals.map((r) => r.kase.id))];
  const [letters, events, settings, contexts] = await Promise.all([
    tx.caseLetter.findMany({
      where: { caseId: { in: caseIds }, authorityId },
      select: { id: true, caseId: true, parentId: true, kind: true, sentOn: true },
    }),
    tx.caseEvent.findMany({
      where: { caseId: { in: caseIds }, authorityId },
      select: {
        id: true,
        caseId: true,
        kind: true,
        occurredOn: true,
        outcome: true,
        parties: { select: { parentId: true } },
      },
    }),
    tx.authorityCaseSettings.findUnique({
      where: { authorityId },
      select: { interviewUnderCautionRequired: true },
    }),
    loadCertificateContexts(
      referrals.map((r) => r.evidenceId),
      authorityId,
      tx,
    ),
  ]);
  return referrals.map((referral) => {
    const kase = referral.kase;
    const period =
      referral.source === "window" && kase.windowStart && kase.windowEnd
        ? { start: toIsoDate(kase.windowStart), end: toIsoDate(kase.windowEnd) }
        : { start: toIsoDate(referral.periodStart), end: toIsoDate(referral.periodEnd) };
    const context = contexts.get(referral.evidenceId);
    const codes = (context?.evidence.marks ?? [])
      .filter((m) => m.date >= toIsoDate(referral.periodStart) && m.date <= toIsoDate(referral.periodEnd))
      .map((m) => m.code);
    return evaluateReadiness({
      parentId: referral.parentId,
      period,
      letters: letters
        .filter((l) => l.caseId === kase.id)
        .map((l) => ({ id: l.id, parentId: l.parentId, kind: l.kind, sentOn: toIsoDate(l.sentOn) })),
      events: events
        .filter((e) => e.caseId === kase.id)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          occurredOn: toIsoDate(e.occurredOn),
          outcome: e.outcome,
          parentIds: e.parties.map((p) => p.parentId),
        })),
      schools: (context?.schools ?? []).map((s) => ({ id: s.id, name: s.name })),
      certificates: (context?.certificates ?? []).map((c) => ({
        id: c.id,
        schoolId: c.schoolId,
        signedOn: toIsoDate(c.signedOn),
        signedBy: c.signedBy,
      })),
      interviewRequired:
        settings?.interviewUnderCautionRequired ?? DEFAULT_REFERRAL_SETTINGS.interviewUnderCautionRequired,
      registerCodes: codes,
      manager,
    });
  });
}
