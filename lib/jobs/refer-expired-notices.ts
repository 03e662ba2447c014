// Part of the daily job: a penalty notice still unpaid after its last day to pay (28 days under the 2024
// framework) becomes a prosecution referral for the original s.444 offence (shared/domain.md §5.2: the LA must
// prosecute or withdraw). Exactly once per notice: the notices are locked and re-checked (status 'issued') in
// one transaction, the notice moves to 'referred' in it, and prosecution_referral.penalty_notice_id is UNIQUE.
// The referral keeps a frozen evidence snapshot of the notice's offence period, awaiting a manager's review.
import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { now } from "@/lib/env";
import { audit } from "@/lib/server/audit";
import { insertEvidenceSnapshots, MARK_EXTRACT_SQL } from "@/lib/server/decisions/evidence";
import { createReferrals } from "@/lib/server/referrals/create-referrals";
import { writeTimelineEvents } from "@/lib/server/timeline/write-timeline-events";

const SYSTEM = "daily-job";

type ExpiredNotice = {
  id: string;
  authority_id: string;
  case_id: string;
  parent_id: string;
  pupil_id: string;
  issue_date: string;
  period_start: string;
  period_end: string;
  last_day: string;
  higher_amount_pence: number;
  parent_name: string;
  pupil_name: string;
};

type PeriodRow = { id: string; possible: number; unauthorised: number; attended: number; extract: string | null };

/** Refers every notice unpaid after its last day (last_day < asOf). Returns how many were referred. */
export async function referExpiredPenaltyNotices(options: {
  asOf: string;
  pool: pg.Pool;
  authorityId?: string;
}): Promise<number> {
  const client = await options.pool.connect();
  try {
    await client.query("BEGIN");
    const { rows: notices } = await client.query<ExpiredNotice>(
      `SELECT n.id, n.authority_id, n.case_id, n.parent_id, n.pupil_id,
              to_char(n.issue_date, 'YYYY-MM-DD') AS issue_date, to_char(n.period_start, 'YYYY-MM-DD') AS period_start,
              to_char(n.period_end, 'YYYY-MM-DD') AS period_end, to_char(n.last_day, 'YYYY-MM-DD') AS last_day,
              n.higher_amount_pence, pa.first_name || ' ' || pa.last_name AS parent_name,
              pu.first_name || ' ' || pu.last_name AS pupil_name
       FROM penalty_notice n
       JOIN parent pa ON pa.authority_id = n.authority_id AND pa.id = n.parent_id
       JOIN pupil pu ON pu.authority_id = n.authority_id AND pu.id = n.pupil_id
       WHERE n.status = 'issued' AND n.last_day < $1::date AND ($2::uuid IS NULL OR n.authority_id = $2::uuid)
       ORDER BY n.id
       FOR UPDATE OF n`,
      [options.asOf, options.authorityId ?? null],
    );
    if (notices.length === 0) {
      await client.query("COMMIT");
      return 0;
    }
    const { rows: periods } = await client.query<PeriodRow>(
      `SELECT n.id,
              count(m.pupil_key) FILTER (WHERE attendance_mark_category(m.code_id) <> 'not_possible')::int AS possible,
              count(m.pupil_key) FILTER (WHERE attendance_mark_category(m.code_id) IN ('present', 'approved_activity'))::int
                AS attended,
              count(m.pupil_key) FILTER (WHERE attendance_mark_category(m.code_id) = 'unauthorised')::int AS unauthorised,
              ${MARK_EXTRACT_SQL} AS extract
       FROM penalty_notice n
       JOIN pupil p ON p.authority_id = n.authority_id AND p.id = n.pupil_id
       LEFT JOIN attendance_mark m ON m.authority_id = n.authority_id AND m.pupil_key = p.store_key
                                  AND m.date BETWEEN n.period_start AND n.period_end
       WHERE n.id = ANY($1::uuid[])
       GROUP BY n.id`,
      [notices.map((n) => n.id)],
    );
    const byId = new Map(periods.map((p) => [p.id, p]));
    const rows = notices.map((n) => {
      const p = byId.get(n.id);
      const extract = p?.extract ?? null;
      const figures = {
        possibleSessions: p?.possible ?? 0,
        attendedSessions: p?.attended ?? 0,
        unauthorisedSessions: p?.unauthorised ?? 0,
        penaltyNoticeId: n.id,
        issueDate: n.issue_date,
        lastDayToPay: n.last_day,
      };
      return { n, extract, figures, evidenceId: randomUUID(), referralId: randomUUID() };
    });
    const at = now().toISOString();

    await insertEvidenceSnapshots(
      client,
      rows.map((r) => ({
        id: r.evidenceId,
        authorityId: r.n.authority_id,
        caseId: r.n.case_id,
        pupilId: r.n.pupil_id,
        periodStart: r.n.period_start,
        periodEnd: r.n.period_end,
        extract: r.extract,
        figures: r.figures,
      })),
      at,
    );
    const created = await createReferrals(
      client,
      rows.map((r) => ({
        id: r.referralId,
        authorityId: r.n.authority_id,
        caseId: r.n.case_id,
        parentId: r.n.parent_id,
        source: "penalty_notice" as const,
        penaltyNoticeId: r.n.id,
        evidenceId: r.evidenceId,
        periodStart: r.n.period_start,
        periodEnd: r.n.period_end,
      })),
      rows.map((r) => ({
        authorityId: r.n.authority_id,
        caseId: r.n.case_id,
        message: `A penalty notice (${formatPence(r.n.higher_amount_pence)}) to ${r.n.parent_name} for ${r.n.pupil_name} was not paid by ${formatUkDate(r.n.last_day)}: a prosecution referral is awaiting review.`,
      })),
      at,
    );
    if (created !== rows.length) throw new Error("A penalty notice was referred by another writer; rolled back");
    await client.query(
      `UPDATE penalty_notice SET status = 'referred', version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.n.id)],
    );
    await writeTimelineEvents(
      client,
      rows.map((r) => ({
        caseId: r.n.case_id,
        authorityId: r.n.authority_id,
        kind: "penalty_notice_referred" as const,
        occurredOn: options.asOf,
        note: `The penalty notice issued to ${r.n.parent_name} on ${formatUkDate(r.n.issue_date)} was not paid by ${formatUkDate(r.n.last_day)}: a prosecution referral for the original offence (${formatUkDate(r.n.period_start)} to ${formatUkDate(r.n.period_end)}) is awaiting review.`,
        actorUserId: null,
        details: { ...r.figures, referralId: r.referralId, evidenceId: r.evidenceId, parentId: r.n.parent_id },
      })),
    );
    // Audited last: the audit chain's lock is then held only while this commits.
    await audit(
      { system: SYSTEM },
      rows.map((r) => ({
        authorityId: r.n.authority_id,
        action: "penalty_notice.refer",
        entityType: "penalty_notice",
        entityId: r.n.id,
        detail: { asOf: options.asOf, caseId: r.n.case_id, referralId: r.referralId, evidenceId: r.evidenceId },
      })),
      client,
    );
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
