// Part of the daily job (issue 12, ADR 032): verifies the audit log's chains over the last day's rows (with the
// link to the row before them), records the result per chain in audit_verification, and tells the authority's
// administrators and auditors of a break (every authority's, for the chain of rows without an authority: a break
// there means someone with the database owner's power has been at the log). Catch-up is not needed: any later
// full run of `npm run cli -- audit verify` checks everything.
import "server-only";
import type pg from "pg";
import { now } from "@/lib/env";
import { verifyEachChain, type Chain, type ChainBreak } from "@/lib/server/audit-log/verify-audit-chain";
import { audit } from "@/lib/server/audit";
import { pgPool } from "@/lib/server/pg";

export const AUDIT_CHECK_SYSTEM = "daily-job";
/** A little over a day, so that a late or early run leaves no gap between one day's check and the next. */
const WINDOW_HOURS = 26;

export type AuditCheckSummary = { chains: number; rows: number; broken: { authority: string | null; id: string }[] };

export async function verifyAuditLogDaily(
  options: { pool?: pg.Pool; authorityId?: string | null; since?: Date } = {},
): Promise<AuditCheckSummary> {
  const pool = options.pool ?? pgPool();
  // Real time, not the service clock: audit rows carry the database's time.
  const since = options.since ?? new Date(Date.now() - WINDOW_HOURS * 3_600_000);
  const summary: AuditCheckSummary = { chains: 0, rows: 0, broken: [] };
  for await (const { chain, result } of verifyEachChain({ pool, authorityId: options.authorityId, since })) {
    summary.chains++;
    summary.rows += result.rows;
    const found = result.ok ? null : result.break;
    await pool.query(
      `INSERT INTO audit_verification (authority_id, since, rows_checked, ok, break) VALUES ($1, $2, $3, $4, $5)`,
      [chain.authorityId, since, result.rows, result.ok, found && JSON.stringify(found)],
    );
    if (found) {
      summary.broken.push({ authority: chain.laCode, id: found.id });
      await reportBreak(pool, chain, found);
    }
  }
  return summary;
}

async function reportBreak(pool: pg.Pool, chain: Chain, found: ChainBreak): Promise<void> {
  const where = chain.laCode ? `this authority's audit log` : `the audit log's chain of rows without an authority`;
  const message =
    `The daily check found that ${where} has been tampered with: row ${found.id} (position ${found.chainSeq}) ` +
    `does not verify (${found.reason}). Tell your data protection officer and database administrator, and run ` +
    `"npm run cli -- audit verify" for the whole log.`;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO notification (authority_id, user_id, kind, message, created_at)
       SELECT u.authority_id, u.id, 'audit_chain_broken', $2, $3::timestamptz FROM app_user u
       WHERE u.role IN ('admin', 'auditor') AND NOT u.disabled AND ($1::uuid IS NULL OR u.authority_id = $1::uuid)`,
      [chain.authorityId, message, now().toISOString()],
    );
    await audit(
      { system: AUDIT_CHECK_SYSTEM, authorityId: chain.authorityId },
      { action: "audit.chain_broken", entityType: "audit_log", entityId: found.id, detail: { ...found } },
      client,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
