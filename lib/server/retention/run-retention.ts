import "server-only";
import type pg from "pg";
import { today as serviceToday } from "@/lib/env";
import { RETENTION_BATCH, type RetentionRecordType } from "@/lib/domain/retention";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { pgPool } from "../pg";
import { recountSchoolYearsBefore } from "../register-store/school-summaries";
import { readRetentionSchedule, type RetentionPeriod } from "./retention-schedule";

// Retention (issue 12 §4, ADR 039): what is past its period, and its erasure. The database decides both: its
// functions (migration 20261206235913) read the schedule, compute the cut-off from the service's day (never
// later than the database's own date) and skip what a legal hold covers; the erasing functions run as the owner,
// since the app's role may not delete evidence or audit rows. Each batch is one transaction that ends with a
// tombstone audit row saying what went.

export const RETENTION_SYSTEM = "retention";

export type DueClosedCase = { id: string; closedOn: string; held: boolean };

export type RetentionDryRun = {
  today: string;
  periods: (RetentionPeriod & {
    cutoff: string;
    /** Records past their period that would be erased now. */
    due: number;
    /** Records past their period that a legal hold keeps (register marks: or an open case); null where not counted. */
    held: number | null;
    /** Register marks only: marks dated before this day go (the first Monday of an academic year, on or before the
     * cut-off: marks go a whole summary year at a time). */
    erasedBefore?: string;
  })[];
  /** The oldest closed cases past their period (up to 200), with whether a hold keeps them. */
  cases: DueClosedCase[];
};

const CASES_LISTED = 200;

/** What the daily job would erase in the authority today, without erasing anything. */
export async function retentionDryRun(authorityId: string, today: string, pool: pg.Pool = pgPool()) {
  const schedule = await readRetentionSchedule(authorityId);
  const periods: RetentionDryRun["periods"] = [];
  let cases: DueClosedCase[] = [];
  for (const period of schedule) {
    const cutoffRows = await pool.query<{ cutoff: string }>(
      `SELECT retention_cutoff($1, $2, $3::date)::text AS cutoff`,
      [authorityId, period.type, today],
    );
    const cutoff = cutoffRows.rows[0]!.cutoff;
    let due: number;
    let held: number | null = null;
    let erasedBefore: string | undefined;
    if (period.type === "closed_case") {
      const { rows } = await pool.query<{ id: string; closed_on: string; held: boolean }>(
        `SELECT case_id AS id, closed_on::text, held FROM retention_closed_cases_due($1, $2::date, 1000000)`,
        [authorityId, today],
      );
      due = rows.filter((r) => !r.held).length;
      held = rows.length - due;
      cases = rows.slice(0, CASES_LISTED).map((r) => ({ id: r.id, closedOn: r.closed_on, held: r.held }));
    } else if (period.type === "school_flag") {
      const { rows } = await pool.query<{ due: string; held: string }>(
        `SELECT count(*) FILTER (WHERE NOT held)::text AS due, count(*) FILTER (WHERE held)::text AS held
         FROM retention_school_flags_due($1, $2::date)`,
        [authorityId, today],
      );
      due = Number(rows[0]!.due);
      held = Number(rows[0]!.held);
    } else if (period.type === "register_marks") {
      const { rows } = await pool.query<{ before: string; marks: string; kept: string }>(
        `SELECT marks_before::text AS before, marks::text, kept_marks::text AS kept
         FROM retention_marks_due($1, $2::date)`,
        [authorityId, today],
      );
      due = Number(rows[0]!.marks);
      held = Number(rows[0]!.kept);
      erasedBefore = rows[0]!.before;
    } else {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM retention_audit_rows_due($1, $2, $3::date, 2147483647)`,
        [authorityId, period.type, today],
      );
      due = Number(rows[0]!.n);
    }
    periods.push({ ...period, cutoff, due, held, ...(erasedBefore ? { erasedBefore } : {}) });
  }
  return { today, periods, cases } satisfies RetentionDryRun;
}

/** The dry run on the retention page (retention.manage); audited. */
export async function getRetentionDryRun(actor: Actor): Promise<RetentionDryRun> {
  authorize(actor, "retention.manage");
  const result = await retentionDryRun(actor.authorityId, serviceToday());
  await audit(actor, {
    action: "retention.dry_run",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: Object.fromEntries(result.periods.map((p) => [p.type, p.due])),
  });
  return result;
}

export type RetentionRunSummary = {
  authorities: number;
  /** Closed cases, school flags declined without a case, register marks (marks, not pupils), audit rows and failed sign-in rows erased. */
  erased: Record<RetentionRecordType, number>;
  batches: number;
};

type Batches = { closedCases: number; schoolFlags: number; registerPupils: number; auditRows: number };

/**
 * Erases what is past its period in every authority (or one), and in the chain of audit rows without an
 * authority (when every authority is run): closed cases with their records, school flags declined without a case, register marks, audit rows, failed sign-in rows.
 * Batches: each one transaction ending with its tombstone audit row (`retention.erase`: the record type, how many,
 * the cut-off, the erased cases' ids). A failure leaves earlier batches done and the rest for the next run.
 */
export async function applyRetention(
  options: { today: string; authorityId?: string; pool?: pg.Pool; batches?: Partial<Batches> } = {
    today: serviceToday(),
  },
): Promise<RetentionRunSummary> {
  const pool = options.pool ?? pgPool();
  const batches: Batches = {
    closedCases: options.batches?.closedCases ?? RETENTION_BATCH.closed_case,
    schoolFlags: options.batches?.schoolFlags ?? RETENTION_BATCH.school_flag,
    registerPupils: options.batches?.registerPupils ?? RETENTION_BATCH.register_pupils,
    auditRows: options.batches?.auditRows ?? RETENTION_BATCH.audit_rows,
  };
  const { rows: authorities } = await pool.query<{ id: string }>(
    "SELECT id FROM authority WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY la_code",
    [options.authorityId ?? null],
  );
  const summary: RetentionRunSummary = {
    authorities: authorities.length,
    erased: { closed_case: 0, school_flag: 0, register_marks: 0, audit_log: 0, failed_sign_in: 0 },
    batches: 0,
  };
  const chains: (string | null)[] = authorities.map((a) => a.id);
  for (const authorityId of chains) {
    for (;;) {
      const ids = await inBatch(pool, authorityId, "closed_case", options.today, async (client) => {
        const { rows } = await client.query<{ ids: string[] }>(
          "SELECT retention_erase_closed_cases($1, $2::date, $3) AS ids",
          [authorityId, options.today, batches.closedCases],
        );
        return { count: rows[0]!.ids.length, detail: { caseIds: rows[0]!.ids } };
      });
      summary.erased.closed_case += ids;
      if (ids > 0) summary.batches++;
      if (ids < batches.closedCases) break;
    }
    // School flags declined without a case: the flag, its notes; the sweep stop that raised it anonymised.
    for (;;) {
      const flags = await inBatch(pool, authorityId, "school_flag", options.today, async (client) => {
        const { rows } = await client.query<{ ids: string[] }>(
          "SELECT retention_erase_school_flags($1, $2::date, $3) AS ids",
          [authorityId, options.today, batches.schoolFlags],
        );
        return { count: rows[0]!.ids.length, detail: { flagIds: rows[0]!.ids } };
      });
      summary.erased.school_flag += flags;
      if (flags > 0) summary.batches++;
      if (flags < batches.schoolFlags) break;
    }
    // Register marks, a batch of pupils at a time: their marks before the year boundary, those marks' history of
    // changes and their own week and year summaries. The tombstone names the pupils (their ids only).
    for (;;) {
      let marks = 0;
      let erasedBefore = "";
      const pupils = await inBatch(pool, authorityId, "register_marks", options.today, async (client) => {
        const { rows } = await client.query<{ pupil_ids: string[]; marks: string; changes: string; before: string }>(
          `SELECT pupil_ids, marks::text, changes::text, marks_before::text AS before
           FROM retention_erase_register_marks($1, $2::date, $3)`,
          [authorityId, options.today, batches.registerPupils],
        );
        const r = rows[0]!;
        erasedBefore = r.before;
        marks = Number(r.marks);
        return {
          count: r.pupil_ids.length,
          detail: {
            pupils: r.pupil_ids.length,
            marks,
            changes: Number(r.changes),
            marksBefore: r.before,
            pupilIds: r.pupil_ids,
          },
        };
      });
      summary.erased.register_marks += marks;
      // The pupil-years it deleted leave their schools' persistent and severe counts to recount (ADR 057). In a
      // transaction of its own: on Citus the erasure's function (SECURITY DEFINER) wrote those placements as its
      // owner, and the app's role may not then query them in the same transaction. A recount is idempotent, and
      // the next run recounts every year before the one that stays.
      if (authorityId && pupils > 0) await recountSchoolYearsBefore(pool, authorityId, erasedBefore);
      if (pupils > 0) summary.batches++;
      if (pupils < batches.registerPupils) break;
    }
  }
  if (!options.authorityId) chains.unshift(null);
  for (const authorityId of chains) {
    for (const type of ["failed_sign_in", "audit_log"] as const) {
      for (;;) {
        const n = await inBatch(pool, authorityId, type, options.today, async (client) => {
          const { rows } = await client.query<{ n: number }>(
            "SELECT retention_erase_audit_rows($1, $2, $3::date, $4) AS n",
            [authorityId, type, options.today, batches.auditRows],
          );
          return { count: rows[0]!.n, detail: {} };
        });
        summary.erased[type] += n;
        if (n > 0) summary.batches++;
        if (n < batches.auditRows) break;
      }
    }
  }
  return summary;
}

/** One batch: the erasure and, when it erased anything, its tombstone audit row last, in one transaction (its
 * count: cases, pupils or audit rows). The tombstone's `count` is that; register marks add the marks in detail. */
async function inBatch(
  pool: pg.Pool,
  authorityId: string | null,
  type: RetentionRecordType,
  today: string,
  erase: (client: pg.PoolClient) => Promise<{ count: number; detail: Record<string, unknown> }>,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // The period is read before the erasure (which does not change it): on Citus the erasing function, run as the
    // owner, writes the authority's shards over the owner's connection, and a later read of those shards as the
    // app's role in the same transaction is refused ("modified in this transaction by a different user").
    const { rows } = await client.query<{ cutoff: string; months: number }>(
      "SELECT retention_cutoff($1, $2, $3::date)::text AS cutoff, retention_keep_months($1, $2) AS months",
      [authorityId, type, today],
    );
    const { count, detail } = await erase(client);
    if (count > 0) {
      await audit(
        { system: RETENTION_SYSTEM, authorityId },
        {
          action: "retention.erase",
          entityType: "authority",
          entityId: authorityId ?? undefined,
          purpose: "retention schedule",
          detail: { recordType: type, count, cutoff: rows[0]!.cutoff, keepMonths: rows[0]!.months, ...detail },
        },
        client,
      );
    }
    await client.query("COMMIT");
    return count;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
