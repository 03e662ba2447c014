// The daily job (issue 5, "Automatic referrals"): decides every Fast Track window that has ended and has not been
// decided, in every authority. Target met → the case moves to monitoring and its officer is told; not met → one
// prosecution referral per parent on the case (awaiting review) and every active manager is told. Each decision
// keeps a frozen evidence snapshot (the window's register extract, the figures, a content hash), goes on the
// timeline with its figures, and is audited (last) in the same transaction.
//
// Exactly once: cases are decided in batches, each in one transaction that first locks the batch's case rows
// (in id order, so two workers never deadlock) and re-checks that each is still undecided. A second worker that
// reaches the same cases waits for the first to commit, then finds them decided (their status has changed) and
// writes nothing for them. The UNIQUE (case_id, window_start) on case_decision and UNIQUE (decision_id,
// parent_id) on prosecution_referral hold the same rule for any writer: a conflict rolls the batch back.
//
// Catch-up is automatic: every undecided window that ended on or before `asOf` is decided, whatever day it is,
// so a worker that was down for two weeks decides everything overdue on its next run.
//
// Also run by the job: penalty notices still unpaid after their payment period become a prosecution referral for
// the original offence (lib/server/penalty-notices/refer-expired-notices.ts), exactly once each.
//
// No Next.js imports: this runs from the worker (scripts/worker.ts), the CLI (scripts/jobs.ts) and the tests.
import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { formatUkDate, isIsoDate } from "@/lib/domain/dates";
import { evaluateTarget, type Target } from "@/lib/domain/case-target";
import { describeFigures, type DecisionFigures } from "@/lib/domain/decision-figures";
import { transition, type CaseState } from "@/lib/domain/case-state";
import { now } from "@/lib/env";
import { audit, type AuditEntry } from "@/lib/server/audit";
import { pgPool } from "@/lib/server/pg";
import {
  insertEvidenceSnapshots,
  MARK_EXTRACT_SQL,
  parseMarkExtract,
  type EvidenceMark,
} from "@/lib/server/decisions/evidence";
import { writeNotifications } from "@/lib/server/notifications/write-notifications";
import { createReferrals } from "@/lib/server/referrals/create-referrals";
import { writeTimelineEvents } from "@/lib/server/timeline/write-timeline-events";
import { referExpiredPenaltyNotices } from "./refer-expired-notices";

export const DAILY_JOB_SYSTEM = "daily-job";
const DAILY_JOB_ACTOR = { system: DAILY_JOB_SYSTEM } as const;

/** The figures a decision used, as stored on case_decision, the evidence snapshot and the timeline event. */
export type DailySummary = {
  asOf: string;
  /** Windows found due: ended on or before asOf, case window_active or decision_due, no decision yet. */
  evaluated: number;
  improved: number;
  referred: number;
  /**
   * Due windows not decided by this run: no possible sessions in the window (no register marks yet, or only
   * "not possible" codes), so the target cannot be judged — the case is left at decision_due and a later run
   * decides it once marks arrive; a concurrent run decided the case first; or the case could not be decided
   * because of an error (reported through onError; the worker and the CLI log it), left for the next run.
   */
  skipped: number;
  /** Penalty notices unpaid after their payment period that this run turned into prosecution referrals. */
  penaltyNoticesReferred: number;
};

export type RunDailyDecisionsOptions = {
  asOf: string;
  pool?: pg.Pool;
  /** Cases per transaction (default 500). */
  batchSize?: number;
  /** Only this authority's cases (tests); every authority by default. */
  authorityId?: string;
  /** Told of a case that could not be decided (it stays undecided and is counted as skipped). */
  onError?: (caseId: string, error: unknown) => void;
};

type DueCase = {
  id: string;
  authority_id: string;
  pupil_id: string;
  status: CaseState;
  window_start: string;
  window_end: string;
  target_min_attendance_tenths: number | null;
  target_max_unauthorised: number | null;
  assigned_officer_id: string;
  pupil_name: string;
  /** The parents/carers the case concerns: each is referred when the target is not met. */
  parent_ids: string[];
};

type CountsRow = {
  case_id: string;
  possible: number;
  present: number;
  approved: number;
  authorised: number;
  unauthorised: number;
  extract: string | null;
};

const DUE_SQL = `
  SELECT c.id
  FROM attendance_case c
  WHERE c.status IN ('window_active', 'decision_due') AND c.window_end <= $1::date
    AND ($2::uuid IS NULL OR c.authority_id = $2::uuid)
    AND NOT EXISTS (SELECT 1 FROM case_decision d WHERE d.case_id = c.id AND d.window_start = c.window_start)
  ORDER BY c.id`;

// Locks the batch's cases in id order and re-checks each under the lock: a case another run decided meanwhile
// has changed status and drops out here.
const LOCK_SQL = `
  SELECT c.id, c.authority_id, c.pupil_id, c.status, to_char(c.window_start, 'YYYY-MM-DD') AS window_start,
         to_char(c.window_end, 'YYYY-MM-DD') AS window_end, c.target_min_attendance_tenths, c.target_max_unauthorised,
         c.assigned_officer_id, p.first_name || ' ' || p.last_name AS pupil_name,
         ARRAY(SELECT cp.parent_id::text FROM case_party cp WHERE cp.case_id = c.id ORDER BY cp.parent_id) AS parent_ids
  FROM attendance_case c JOIN pupil p ON p.id = c.pupil_id
  WHERE c.id = ANY($1::uuid[]) AND c.status IN ('window_active', 'decision_due') AND c.window_end <= $2::date
    AND NOT EXISTS (SELECT 1 FROM case_decision d WHERE d.case_id = c.id AND d.window_start = c.window_start)
  ORDER BY c.id
  FOR UPDATE OF c`;

// One set-based pass over the register for every case in the batch: the counts by category and the extract.
const COUNTS_SQL = `
  SELECT c.id AS case_id,
         count(m.*) FILTER (WHERE m.category <> 'not_possible')::int AS possible,
         count(m.*) FILTER (WHERE m.category = 'present')::int AS present,
         count(m.*) FILTER (WHERE m.category = 'approved_activity')::int AS approved,
         count(m.*) FILTER (WHERE m.category = 'authorised')::int AS authorised,
         count(m.*) FILTER (WHERE m.category = 'unauthorised')::int AS unauthorised,
         ${MARK_EXTRACT_SQL} AS extract
  FROM attendance_case c
  JOIN attendance_mark m ON m.pupil_id = c.pupil_id AND m.authority_id = c.authority_id
                        AND m.date BETWEEN c.window_start AND c.window_end
  WHERE c.id = ANY($1::uuid[])
  GROUP BY c.id`;

/** Decides every due window (see the file comment). Returns the summary the CLI prints. */
export async function runDailyDecisions(options: RunDailyDecisionsOptions): Promise<DailySummary> {
  const { asOf } = options;
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date as YYYY-MM-DD; got ${JSON.stringify(asOf)}`);
  const pool = options.pool ?? pgPool();
  const batchSize = options.batchSize ?? 500;
  const summary: DailySummary = { asOf, evaluated: 0, improved: 0, referred: 0, skipped: 0, penaltyNoticesReferred: 0 };

  const { rows: due } = await pool.query<{ id: string }>(DUE_SQL, [asOf, options.authorityId ?? null]);
  summary.evaluated = due.length;
  const add = (result: { improved: number; referred: number }) => {
    summary.improved += result.improved;
    summary.referred += result.referred;
  };
  for (let i = 0; i < due.length; i += batchSize) {
    const ids = due.slice(i, i + batchSize).map((r) => r.id);
    try {
      add(await decideBatch(pool, ids, asOf));
    } catch (batchError) {
      // One bad case must not hold up every other: the batch was rolled back, so decide its cases one by one,
      // and leave any that still fail undecided (counted as skipped) for the next run.
      if (ids.length === 1) {
        options.onError?.(ids[0]!, batchError);
        continue;
      }
      for (const id of ids) {
        try {
          add(await decideBatch(pool, [id], asOf));
        } catch (error) {
          options.onError?.(id, error);
        }
      }
    }
  }
  summary.skipped = summary.evaluated - summary.improved - summary.referred;
  summary.penaltyNoticesReferred = await referExpiredPenaltyNotices({ asOf, pool, authorityId: options.authorityId });
  return summary;
}

type Decided = {
  kase: DueCase;
  figures: DecisionFigures;
  marks: EvidenceMark[];
  evidenceId: string;
  decisionId: string;
  outcome: "improved" | "referred";
  next: CaseState;
};

async function decideBatch(
  pool: pg.Pool,
  ids: string[],
  asOf: string,
): Promise<{ improved: number; referred: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows: cases } = await client.query<DueCase>(LOCK_SQL, [ids, asOf]);
    if (cases.length === 0) {
      await client.query("COMMIT");
      return { improved: 0, referred: 0 };
    }
    const { rows: countRows } = await client.query<CountsRow>(COUNTS_SQL, [cases.map((c) => c.id)]);
    const counts = new Map(countRows.map((r) => [r.case_id, r]));

    const decided: Decided[] = [];
    const noEvidence: DueCase[] = [];
    for (const kase of cases) {
      const row = counts.get(kase.id);
      if (!row || row.possible === 0) {
        noEvidence.push(kase);
        continue;
      }
      const target: Target = {
        minAttendancePct: kase.target_min_attendance_tenths === null ? null : kase.target_min_attendance_tenths / 10,
        maxUnauthorisedSessions: kase.target_max_unauthorised,
      };
      const evaluation = evaluateTarget(target, {
        possible: row.possible,
        present: row.present,
        approvedActivity: row.approved,
        authorised: row.authorised,
        unauthorised: row.unauthorised,
      });
      const figures: DecisionFigures = {
        possibleSessions: row.possible,
        attendedSessions: row.present + row.approved,
        presentSessions: row.present,
        approvedActivitySessions: row.approved,
        authorisedSessions: row.authorised,
        unauthorisedSessions: row.unauthorised,
        attendancePct: evaluation.attendancePct,
        attendanceTenths: evaluation.attendancePct === null ? null : Math.round(evaluation.attendancePct * 10),
        target,
        met: evaluation.met,
        reasons: evaluation.reasons,
      };
      const outcome = evaluation.met ? "improved" : "referred";
      // window_active → decision_due → monitoring | referred, through the domain's state machine.
      let state: CaseState = kase.status;
      if (state === "window_active") state = mustTransition(state, { type: "windowEnded" }, kase.id);
      state = mustTransition(state, { type: outcome === "improved" ? "decideImproved" : "decideReferred" }, kase.id);
      decided.push({
        kase,
        figures,
        marks: parseMarkExtract(row.extract),
        evidenceId: randomUUID(),
        decisionId: randomUUID(),
        outcome,
        next: state,
      });
    }

    const ended = noEvidence.filter((c) => c.status === "window_active");
    await writeDecisions(client, decided, asOf);
    await markDecisionDue(client, ended);
    // Audited last: the audit chain's lock is then held only while the batch commits.
    await audit(
      DAILY_JOB_ACTOR,
      [...decided.map((d) => decisionAudit(d, asOf)), ...ended.map((c) => windowEndedAudit(c, asOf))],
      client,
    );
    await client.query("COMMIT");
    return {
      improved: decided.filter((d) => d.outcome === "improved").length,
      referred: decided.filter((d) => d.outcome === "referred").length,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function mustTransition(
  state: CaseState,
  event: { type: "windowEnded" | "decideImproved" | "decideReferred" },
  caseId: string,
): CaseState {
  const result = transition(state, event);
  if (!result.ok) throw new Error(`Case ${caseId}: ${result.message}`);
  return result.state;
}

/** Everything a batch's decisions write, one statement per table (rows passed as one JSON array each). */
async function writeDecisions(client: pg.PoolClient, decided: Decided[], asOf: string): Promise<void> {
  if (decided.length === 0) return;
  const json = (rows: unknown[]) => JSON.stringify(rows);
  // Rows people read ("referred on", "frozen on") carry the service clock's time, so a demo or test on a fixed
  // clock reads consistently; the audit log keeps the real time.
  const at = now().toISOString();

  await insertEvidenceSnapshots(
    client,
    decided.map((d) => ({
      id: d.evidenceId,
      authorityId: d.kase.authority_id,
      caseId: d.kase.id,
      pupilId: d.kase.pupil_id,
      periodStart: d.kase.window_start,
      periodEnd: d.kase.window_end,
      marks: d.marks,
      figures: d.figures,
    })),
    at,
  );

  // The unique constraint is the last guard: the lock above means no conflict should ever happen, and if one
  // does (a writer that ignored the lock), the whole batch rolls back rather than write a second decision.
  const { rowCount } = await client.query(
    `INSERT INTO case_decision (id, authority_id, case_id, window_start, window_end, as_of, outcome, figures, evidence_id, decided_by, created_at)
     SELECT x.id, x.authority_id, x.case_id, x.window_start, x.window_end, $2::date, x.outcome, x.figures, x.evidence_id, 'daily_job', $3::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, authority_id uuid, case_id uuid, window_start date, window_end date,
       outcome text, figures jsonb, evidence_id uuid)
     ON CONFLICT ON CONSTRAINT case_decision_one_per_window DO NOTHING`,
    [
      json(
        decided.map((d) => ({
          id: d.decisionId,
          authority_id: d.kase.authority_id,
          case_id: d.kase.id,
          window_start: d.kase.window_start,
          window_end: d.kase.window_end,
          outcome: d.outcome,
          figures: d.figures,
          evidence_id: d.evidenceId,
        })),
      ),
      asOf,
      at,
    ],
  );
  if (rowCount !== decided.length)
    throw new Error("A window in this batch was decided by another writer; the batch was rolled back");

  await client.query(
    `UPDATE attendance_case c SET status = x.status, version = c.version + 1, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text) WHERE c.id = x.id`,
    [json(decided.map((d) => ({ id: d.kase.id, status: d.next })))],
  );

  await writeTimelineEvents(
    client,
    decided.map((d) => ({
      caseId: d.kase.id,
      authorityId: d.kase.authority_id,
      kind: d.outcome === "improved" ? "decision_improved" : "decision_referred",
      occurredOn: asOf,
      note: timelineNote(d),
      actorUserId: null,
      details: {
        ...d.figures,
        decisionId: d.decisionId,
        evidenceId: d.evidenceId,
        windowStart: d.kase.window_start,
        windowEnd: d.kase.window_end,
      },
    })),
  );

  // Not met: one referral per parent/carer on the case, and every active manager of the authority is told.
  const referred = decided.filter((d) => d.outcome === "referred");
  await createReferrals(
    client,
    referred.flatMap((d) =>
      d.kase.parent_ids.map((parentId) => ({
        id: randomUUID(),
        authorityId: d.kase.authority_id,
        caseId: d.kase.id,
        parentId,
        source: "window" as const,
        decisionId: d.decisionId,
        evidenceId: d.evidenceId,
        periodStart: d.kase.window_start,
        periodEnd: d.kase.window_end,
      })),
    ),
    referred.map((d) => ({
      authorityId: d.kase.authority_id,
      caseId: d.kase.id,
      message: `${d.kase.pupil_name}'s Fast Track window ended on ${formatUkDate(d.kase.window_end)} and the target was not met (${describeFigures(d.figures)}): a prosecution referral is awaiting review.`,
    })),
    at,
  );

  // Met: the officer hears of the improvement.
  await writeNotifications(
    client,
    decided
      .filter((d) => d.outcome === "improved")
      .map((d) => ({
        authorityId: d.kase.authority_id,
        to: { userId: d.kase.assigned_officer_id },
        caseId: d.kase.id,
        kind: "window_improved" as const,
        message: `${d.kase.pupil_name}'s Fast Track window ended on ${formatUkDate(d.kase.window_end)} and the target was met (${describeFigures(d.figures)}): the case is now being monitored.`,
      })),
    at,
  );
}

/** Windows that ended with no possible sessions on the register: the decision is due, but the job cannot take it. */
async function markDecisionDue(client: pg.PoolClient, cases: DueCase[]): Promise<void> {
  if (cases.length === 0) return;
  for (const c of cases) mustTransition(c.status, { type: "windowEnded" }, c.id);
  const ids = cases.map((c) => c.id);
  await client.query(
    `UPDATE attendance_case SET status = 'decision_due', version = version + 1, updated_at = now()
     WHERE id = ANY($1::uuid[]) AND status = 'window_active'`,
    [ids],
  );
}

function decisionAudit(d: Decided, asOf: string): AuditEntry {
  return {
    authorityId: d.kase.authority_id,
    action: "case.decide",
    entityType: "case",
    entityId: d.kase.id,
    detail: { asOf, outcome: d.outcome, decisionId: d.decisionId, evidenceId: d.evidenceId, figures: d.figures },
  };
}

function windowEndedAudit(c: DueCase, asOf: string): AuditEntry {
  return {
    authorityId: c.authority_id,
    action: "case.window_ended",
    entityType: "case",
    entityId: c.id,
    detail: { asOf, reason: "No possible sessions on the register for the window: the decision waits for marks" },
  };
}

export function describeTarget(t: Target): string {
  const parts: string[] = [];
  if (t.minAttendancePct !== null) parts.push(`attendance of at least ${t.minAttendancePct}%`);
  if (t.maxUnauthorisedSessions !== null) parts.push(`no more than ${t.maxUnauthorisedSessions} unauthorised sessions`);
  return parts.join(" and ");
}

function timelineNote(d: Decided): string {
  const head = d.outcome === "improved" ? "Target met" : "Target not met";
  const reasons = d.figures.reasons.length ? ` ${d.figures.reasons.join(". ")}.` : "";
  return (
    `${head} over the window ${formatUkDate(d.kase.window_start)} to ${formatUkDate(d.kase.window_end)}: ${describeFigures(d.figures)}; ` +
    `the target was ${describeTarget(d.figures.target)}.${reasons}`
  );
}
