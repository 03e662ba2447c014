import "server-only";
import { queryable, type DbClient } from "../queryable";
import { writeNotifications } from "../notifications/write-notifications";

/** One prosecution referral of one parent/carer, awaiting a manager's review. */
export type NewReferral = {
  id: string;
  authorityId: string;
  caseId: string;
  parentId: string;
  evidenceId: string;
  periodStart: string;
  periodEnd: string;
} & ({ source: "window"; decisionId: string } | { source: "penalty_notice"; penaltyNoticeId: string });

/** What the authority's managers are told: one message per case (or notice), however many parents it refers. */
export type ReferralNotice = { authorityId: string; caseId: string; message: string };

/**
 * The one writer of prosecution referrals, with the notifications that tell every active manager a referral is
 * awaiting review, in the caller's transaction. Returns how many referrals were written: a referral the
 * database already holds (one per parent per decision, one per penalty notice) is skipped, and the caller, which
 * has locked what it refers, treats a shortfall as another writer having got there first.
 */
export async function createReferrals(
  q: DbClient,
  referrals: readonly NewReferral[],
  managersTold: readonly ReferralNotice[],
  /** When they were made (the service clock's now, as ISO 8601). */
  createdAt: string,
): Promise<number> {
  if (referrals.length === 0) return 0;
  const { rows } = await queryable(q).query(
    `INSERT INTO prosecution_referral (id, authority_id, case_id, parent_id, source, decision_id, penalty_notice_id,
       evidence_id, period_start, period_end, created_at, updated_at)
     SELECT x.id, x.authority_id, x.case_id, x.parent_id, x.source, x.decision_id, x.penalty_notice_id, x.evidence_id,
       x.period_start, x.period_end, $2::timestamptz, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, authority_id uuid, case_id uuid, parent_id uuid, source text,
       decision_id uuid, penalty_notice_id uuid, evidence_id uuid, period_start date, period_end date)
     ON CONFLICT DO NOTHING
     RETURNING id::text`,
    [
      JSON.stringify(
        referrals.map((r) => ({
          id: r.id,
          authority_id: r.authorityId,
          case_id: r.caseId,
          parent_id: r.parentId,
          source: r.source,
          decision_id: r.source === "window" ? r.decisionId : null,
          penalty_notice_id: r.source === "penalty_notice" ? r.penaltyNoticeId : null,
          evidence_id: r.evidenceId,
          period_start: r.periodStart,
          period_end: r.periodEnd,
        })),
      ),
      createdAt,
    ],
  );
  await writeNotifications(
    q,
    managersTold.map((m) => ({ ...m, to: "managers" as const, kind: "referral_awaiting_review" as const })),
    createdAt,
  );
  return rows.length;
}
