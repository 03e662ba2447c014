import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { DEFAULT_REFERRAL_SETTINGS } from "@/lib/domain/referral-grounds";
import { evaluateReadiness, type ManagerInputs, type ReadinessItem } from "@/lib/domain/referral-readiness";
import type { AttendanceCase, ProsecutionReferral } from "@/lib/generated/prisma/client";
import { loadCertificateContext } from "../certificates/certificate-context";
import { db, type Tx } from "../db";

export type Readiness = { ready: boolean; items: ReadinessItem[] };

/**
 * The readiness items of one referral (one parent), computed from the record (evaluateReadiness): the case's letters
 * and timeline events with the parents they name, the certificates recorded on the referral's evidence for each
 * school relied on, the authority's interview setting, and the evidence's codes for the defence pointers. The
 * period is the case's window (its start for the warning, its end for support); for a penalty notice's referral,
 * the notice's offence period. `manager` is the manager's own items (on approval; the stored checklist after).
 * Not scoped: the caller has the referral in scope.
 */
export async function loadReadiness(
  referral: ProsecutionReferral & { kase: AttendanceCase },
  manager: ManagerInputs | null,
  tx: Tx = db,
): Promise<Readiness> {
  const kase = referral.kase;
  const period =
    referral.source === "window" && kase.windowStart && kase.windowEnd
      ? { start: toIsoDate(kase.windowStart), end: toIsoDate(kase.windowEnd) }
      : { start: toIsoDate(referral.periodStart), end: toIsoDate(referral.periodEnd) };
  const [letters, events, settings, context] = await Promise.all([
    tx.caseLetter.findMany({
      where: { caseId: kase.id, authorityId: kase.authorityId },
      select: { id: true, parentId: true, kind: true, sentOn: true },
    }),
    tx.caseEvent.findMany({
      where: { caseId: kase.id, authorityId: kase.authorityId },
      select: { id: true, kind: true, occurredOn: true, outcome: true, parties: { select: { parentId: true } } },
    }),
    tx.authorityCaseSettings.findUnique({
      where: { authorityId: kase.authorityId },
      select: { interviewUnderCautionRequired: true },
    }),
    loadCertificateContext(referral.evidenceId, referral.authorityId, tx),
  ]);
  const codes = (context?.evidence.marks ?? [])
    .filter((m) => m.date >= toIsoDate(referral.periodStart) && m.date <= toIsoDate(referral.periodEnd))
    .map((m) => m.code);
  return evaluateReadiness({
    parentId: referral.parentId,
    period,
    letters: letters.map((l) => ({ id: l.id, parentId: l.parentId, kind: l.kind, sentOn: toIsoDate(l.sentOn) })),
    events: events.map((e) => ({
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
}
