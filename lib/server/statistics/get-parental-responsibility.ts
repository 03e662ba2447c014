import "server-only";
import {
  academicYearBounds,
  caseManagementCensus,
  censusAsOf,
  penaltyNoticeCensus,
  prosecutionStatistics,
  type CaseFacts,
  type NoticeFacts,
  type ProsecutionFacts,
} from "@/lib/domain/parental-responsibility";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { ValidationError } from "../errors";
import { pgPool } from "../pg";

/** The year from a form or a query string: the calendar year the academic year starts in. */
export function parseYear(raw: unknown): number {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{4}$/.test(text) || Number(text) < 1990 || Number(text) > 2100) {
    throw new ValidationError({ year: ["year must be the year the academic year starts in, like 2025"] });
  }
  return Number(text);
}

/** Dates in England of the moments the records hold (approvals are timestamps). */
const LONDON_DATE = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date::text`;

/**
 * The parental responsibility return for the academic year starting in `startYear`, for the actor's authority: the
 * DfE census variables from the penalty notices, the cases and their outcomes, the Education Supervision Orders made
 * and the prosecutions approved in the year with their verdicts and sentences. Outcomes are as at the end of the
 * year, or today while it runs. Managers only; audited (it is the authority's return).
 */
export async function getParentalResponsibility(actor: Actor, startYear: number) {
  authorize(actor, "statistics.read");
  const { from, to, label } = academicYearBounds(startYear);
  const asOf = censusAsOf(startYear, today());
  const pool = pgPool();
  const [authority, notices, cases, prosecutions, sentences, esos] = await Promise.all([
    pool.query<{ la_code: string }>("SELECT la_code FROM authority WHERE id = $1", [actor.authorityId]),
    pool.query<{
      issue_date: string;
      paid_on: string | null;
      withdrawn_on: string | null;
      prosecuted_on: string | null;
    }>(
      `SELECT p.issue_date::text, p.paid_on::text, p.withdrawn_on::text,
              (SELECT min(${LONDON_DATE("r.reviewed_at")}) FROM prosecution_referral r
                WHERE r.penalty_notice_id = p.id AND r.authority_id = p.authority_id
                  AND r.status IN ('approved', 'concluded')) AS prosecuted_on
       FROM penalty_notice p WHERE p.authority_id = $1 AND p.issue_date BETWEEN $2 AND $3`,
      [actor.authorityId, from, to],
    ),
    pool.query<{
      window_start: string;
      decision_outcome: "improved" | "referred" | null;
      decision_on: string | null;
      close_outcome: string | null;
      closed_on: string | null;
      prosecuted_on: string | null;
    }>(
      `SELECT c.window_start::text,
              d.outcome AS decision_outcome, d.as_of::text AS decision_on,
              c.close_outcome,
              (SELECT max(e.occurred_on)::text FROM case_event e
                WHERE e.case_id = c.id AND e.authority_id = c.authority_id AND e.kind = 'closed') AS closed_on,
              (SELECT min(${LONDON_DATE("r.reviewed_at")}) FROM prosecution_referral r
                WHERE r.case_id = c.id AND r.authority_id = c.authority_id AND r.status IN ('approved', 'concluded')) AS prosecuted_on
       FROM attendance_case c
       LEFT JOIN case_decision d ON d.case_id = c.id AND d.authority_id = c.authority_id AND d.window_start = c.window_start
       WHERE c.authority_id = $1 AND c.window_start BETWEEN $2 AND $3`,
      [actor.authorityId, from, to],
    ),
    pool.query<{
      id: string;
      offence: "s444(1)" | "s444(1A)";
      approved_on: string;
      verdict: ProsecutionFacts["verdict"];
    }>(
      `SELECT r.id, r.offence, ${LONDON_DATE("r.reviewed_at")} AS approved_on, o.verdict
       FROM prosecution_referral r LEFT JOIN court_outcome o ON o.referral_id = r.id AND o.authority_id = r.authority_id
       WHERE r.authority_id = $1 AND r.status IN ('approved', 'concluded')
         AND (r.reviewed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3`,
      [actor.authorityId, from, to],
    ),
    pool.query<{
      referral_id: string;
      sentence_type: string;
      amount_pence: number | null;
      days: number | null;
      suspended: boolean | null;
    }>(
      `SELECT o.referral_id, s.sentence_type, s.amount_pence, s.days, s.suspended
       FROM court_sentence s JOIN court_outcome o ON o.authority_id = s.authority_id AND o.id = s.outcome_id
       WHERE o.authority_id = $1`,
      [actor.authorityId],
    ),
    pool.query<{ relation: string; n: string }>(
      `SELECT relation, count(*) AS n FROM education_supervision_order
       WHERE authority_id = $1 AND made_on BETWEEN $2 AND $3 AND made_on <= $4 GROUP BY relation`,
      [actor.authorityId, from, to, asOf],
    ),
  ]);

  const noticeFacts: NoticeFacts[] = notices.rows.map((n) => ({
    issueDate: n.issue_date,
    paidOn: n.paid_on,
    withdrawnOn: n.withdrawn_on,
    prosecutedOn: n.prosecuted_on,
  }));
  const caseFacts: CaseFacts[] = cases.rows.map((c) => ({
    windowStart: c.window_start,
    decision: c.decision_outcome && c.decision_on ? { outcome: c.decision_outcome, on: c.decision_on } : null,
    closed: c.close_outcome && c.closed_on ? { outcome: c.close_outcome, on: c.closed_on } : null,
    prosecutedOn: c.prosecuted_on,
  }));
  const byReferral = new Map<string, ProsecutionFacts["sentences"][number][]>();
  for (const s of sentences.rows) {
    const list = byReferral.get(s.referral_id) ?? [];
    if (s.sentence_type === "fine") list.push({ type: "fine", amountPence: s.amount_pence! });
    else if (s.sentence_type === "custody") list.push({ type: "custody", days: s.days!, suspended: s.suspended! });
    else list.push({ type: s.sentence_type as "conditional_discharge" });
    byReferral.set(s.referral_id, list);
  }
  const prosecutionFacts: ProsecutionFacts[] = prosecutions.rows.map((p) => ({
    offence: p.offence,
    approvedOn: p.approved_on,
    verdict: p.verdict,
    sentences: byReferral.get(p.id) ?? [],
  }));

  const pn = penaltyNoticeCensus(noticeFacts, startYear, asOf);
  const cm = caseManagementCensus(caseFacts, startYear, asOf);
  const court = prosecutionStatistics(prosecutionFacts, startYear, asOf);
  const eso = Object.fromEntries(esos.rows.map((r) => [r.relation, Number(r.n)]));
  const insteadOf = eso.instead_of_prosecution ?? 0;
  const asWell = eso.in_addition_to_prosecution ?? 0;
  const { paid_after_28, ...pnCensus } = pn;
  const { case_management_continuing, ...cmCensus } = cm;

  await audit(actor, {
    action: "statistics.view",
    entityType: "statistics",
    entityId: `parental_responsibility:${startYear}`,
  });
  return {
    year: startYear,
    label,
    asOf,
    laCode: authority.rows[0]?.la_code ?? "",
    census: {
      ...pnCensus,
      ...cmCensus,
      supervision_orders_total: insteadOf + asWell,
      supervision_orders_inplaceofprosecution: insteadOf,
      supervision_orders_inadditiontoprosecution: asWell,
      parenting_orders_granted: court.parenting_orders_granted ?? 0,
    },
    notes: { pn_paid_after_28: paid_after_28, case_management_continuing },
    prosecutions: court,
  };
}
export type ParentalResponsibility = Awaited<ReturnType<typeof getParentalResponsibility>>;
