import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { bySentenceType, type Offence, type Plea, type SentenceType, type Verdict } from "@/lib/domain/sentencing";
import type { HearingType, ReferralStatus } from "@/lib/schemas/referrals";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { pgPool } from "../pg";
import { findCaseParents } from "../cases/find-case-parents";
import type { ViewAudit } from "../cases/get-case";
import { UUID } from "./referral-scope";

/** The case's referrals, one per parent, with their hearings and outcome; [] out of scope or without referral.read. Audited. */
export async function findCaseReferrals(actor: Actor, caseId: string, view: ViewAudit = {}) {
  if (!can(actor, "referral.read") || !UUID.test(caseId)) return [];
  // The referrals' parents are among the case's parents the page reads once (findCaseParents), parties now or not.
  const [referrals, parents] = await Promise.all([
    readCaseReferrals(actor.authorityId, caseId),
    findCaseParents(actor.authorityId, caseId),
  ]);
  if (referrals.length === 0) return [];
  if (!view.auditedBy)
    await audit(actor, {
      action: "referral.list",
      entityType: "case",
      entityId: caseId,
      detail: { count: referrals.length },
    });
  return referrals.map((r) => {
    const parent = parents.get(r.parent_id);
    const outcome = r.outcome;
    return {
      id: r.id,
      status: r.status as ReferralStatus,
      offence: r.offence as Offence | null,
      parentName: parent ? `${parent.firstName} ${parent.lastName}` : "",
      createdOn: toIsoDate(r.created_at),
      hearings: r.hearings.map((h) => ({
        id: h.id,
        date: h.date,
        courtName: h.court_name,
        type: h.type as HearingType,
        adjourned: h.adjourned,
      })),
      outcome: outcome
        ? {
            plea: outcome.plea as Plea,
            verdict: outcome.verdict as Verdict,
            sentences: outcome.sentences.sort(bySentenceType((x) => x.type)).map((x) => ({
              type: x.type as SentenceType,
              amountPence: x.amount_pence,
              days: x.days,
              suspended: x.suspended,
              months: x.months,
            })),
          }
        : null,
    };
  });
}

/**
 * The case's referrals (oldest first) with their hearings (by date) and outcome with its sentences, in one statement
 * (ADR 079; it was four). Hearings on the same day come in the order they were recorded (then by id, so the order is
 * total), and the sentences in SENTENCE_TYPES' order (bySentenceType, after the read). The caller has
 * checked referral.read: every referral of the actor's authority is in scope (referralScope).
 */
async function readCaseReferrals(authorityId: string, caseId: string) {
  const { rows } = await pgPool().query<{
    id: string;
    status: string;
    offence: string | null;
    parent_id: string;
    created_at: Date;
    hearings: { id: string; date: string; court_name: string; type: string; adjourned: boolean }[];
    outcome: {
      plea: string;
      verdict: string;
      sentences: {
        type: string;
        amount_pence: number | null;
        days: number | null;
        suspended: boolean | null;
        months: number | null;
      }[];
    } | null;
  }>(
    `SELECT r.id, r.status, r.offence, r.parent_id, r.created_at,
       (SELECT coalesce(json_agg(json_build_object('id', h.id, 'date', h.hearing_date, 'court_name', h.court_name,
                 'type', h.hearing_type, 'adjourned', h.adjourned)), '[]')
        FROM (SELECT * FROM court_hearing h WHERE h.authority_id = r.authority_id AND h.referral_id = r.id
              ORDER BY h.hearing_date, h.created_at, h.id) h) AS hearings,
       (SELECT json_build_object('plea', o.plea, 'verdict', o.verdict, 'sentences',
                 (SELECT coalesce(json_agg(json_build_object('type', x.sentence_type, 'amount_pence', x.amount_pence,
                           'days', x.days, 'suspended', x.suspended, 'months', x.months)), '[]')
                  FROM court_sentence x WHERE x.authority_id = o.authority_id AND x.outcome_id = o.id))
        FROM court_outcome o WHERE o.authority_id = r.authority_id AND o.referral_id = r.id) AS outcome
     FROM prosecution_referral r
     WHERE r.authority_id = $1 AND r.case_id = $2
     ORDER BY r.created_at, r.id`,
    [authorityId, caseId],
  );
  return rows;
}
