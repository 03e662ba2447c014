import "server-only";
import type { ReferralReason } from "@/lib/domain/referral-grounds";
import type { DecisionFigures, DecisionOutcome } from "@/lib/domain/decision-figures";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { findScopedCase } from "../cases/find-scoped-case";
import type { ViewAudit } from "../cases/get-case";
import { pgPool } from "../pg";
import { NotFoundError } from "../errors";
import { compareSnapshotWithRegister, type EvidenceComparison } from "./compare-evidence-with-register";
import { snapshotMarkCount } from "./evidence";

export type CaseDecisionView = {
  id: string;
  outcome: DecisionOutcome;
  /** Why the window (or a party) was not referred, in plain words. */
  reasons: ReferralReason[];
  asOf: string;
  windowStart: string;
  windowEnd: string;
  decidedBy: string;
  figures: DecisionFigures;
  evidence: {
    id: string;
    contentHash: string;
    createdAt: Date;
    periodStart: string;
    periodEnd: string;
    markCount: number;
    /** Whether the live register now differs from the frozen extract, and where. */
    comparison: EvidenceComparison;
  };
};

/**
 * The decision taken on the case's window (by the daily job), with its frozen evidence and whether the live
 * register has changed since; null while no decision has been taken. Only for cases in the actor's scope
 * (otherwise NotFoundError); audited as a read of case data.
 */
export async function getCaseDecision(
  actor: Actor,
  caseId: string,
  view: ViewAudit = {},
): Promise<CaseDecisionView | null> {
  authorize(actor, "case.read");
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await findScopedCase(actor, caseId);
  if (!kase) throw new NotFoundError("Case");
  // The latest decision with its snapshot and the snapshot's pupil's register key, in one statement through pg
  // (ADR 084: it was Prisma's two and the comparison's third); then the live register's marks.
  const {
    rows: [decision],
  } = await pgPool().query<{
    id: string;
    outcome: string;
    reasons: unknown;
    as_of: string;
    window_start: string;
    window_end: string;
    decided_by: string;
    figures: unknown;
    evidence_id: string;
    content_hash: string;
    evidence_created_at: Date;
    period_start: string;
    period_end: string;
    marks: unknown;
    marks_extract: string | null;
    pupil_key: string;
  }>(
    `SELECT d.id, d.outcome, d.reasons, d.as_of::text AS as_of, d.window_start::text AS window_start,
            d.window_end::text AS window_end, d.decided_by, d.figures, s.id AS evidence_id, s.content_hash,
            s.created_at AS evidence_created_at, s.period_start::text AS period_start,
            s.period_end::text AS period_end, s.marks, s.marks_extract, p.store_key AS pupil_key
     FROM case_decision d
     JOIN evidence_snapshot s ON s.authority_id = d.authority_id AND s.id = d.evidence_id
     JOIN pupil p ON p.authority_id = s.authority_id AND p.id = s.pupil_id
     WHERE d.authority_id = $1::uuid AND d.case_id = $2::uuid
     ORDER BY d.created_at DESC, d.id DESC LIMIT 1`,
    [kase.authorityId, kase.id],
  );
  if (!decision) return null;
  const evidence = {
    id: decision.evidence_id,
    marks: decision.marks,
    marksExtract: decision.marks_extract,
    contentHash: decision.content_hash,
    authorityId: kase.authorityId,
    pupilKey: decision.pupil_key,
    periodStart: decision.period_start,
    periodEnd: decision.period_end,
  };
  const comparison = await compareSnapshotWithRegister(evidence);
  if (!view.auditedBy)
    await audit(actor, {
      action: "decision.view",
      entityType: "case",
      entityId: kase.id,
      detail: { decisionId: decision.id },
    });
  return {
    id: decision.id,
    outcome: decision.outcome as DecisionOutcome,
    reasons: decision.reasons as ReferralReason[],
    asOf: decision.as_of,
    windowStart: decision.window_start,
    windowEnd: decision.window_end,
    decidedBy: decision.decided_by,
    figures: decision.figures as DecisionFigures,
    evidence: {
      id: evidence.id,
      contentHash: evidence.contentHash,
      createdAt: decision.evidence_created_at,
      periodStart: evidence.periodStart,
      periodEnd: evidence.periodEnd,
      markCount: snapshotMarkCount(evidence),
      comparison,
    },
  };
}
