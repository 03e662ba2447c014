import "server-only";
import type { ReferralReason } from "@/lib/domain/referral-grounds";
import type { DecisionFigures, DecisionOutcome } from "@/lib/domain/decision-figures";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { findScopedCase } from "../cases/find-scoped-case";
import type { ViewAudit } from "../cases/get-case";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { compareEvidenceWithRegister, type EvidenceComparison } from "./compare-evidence-with-register";
import { snapshotMarks } from "./evidence";

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

const iso = (d: Date) => d.toISOString().slice(0, 10);

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
  const decision = await db.caseDecision.findFirst({
    where: { caseId: kase.id },
    orderBy: { createdAt: "desc" },
    include: { evidence: true },
  });
  if (!decision) return null;
  const comparison = await compareEvidenceWithRegister(decision.evidenceId);
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
    asOf: iso(decision.asOf),
    windowStart: iso(decision.windowStart),
    windowEnd: iso(decision.windowEnd),
    decidedBy: decision.decidedBy,
    figures: decision.figures as DecisionFigures,
    evidence: {
      id: decision.evidence.id,
      contentHash: decision.evidence.contentHash,
      createdAt: decision.evidence.createdAt,
      periodStart: iso(decision.evidence.periodStart),
      periodEnd: iso(decision.evidence.periodEnd),
      markCount: snapshotMarks(decision.evidence).length,
      comparison,
    },
  };
}
