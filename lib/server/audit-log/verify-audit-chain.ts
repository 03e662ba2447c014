import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { pgPool } from "../pg";

// Walks the audit log's hash chains (ADR 030) and reports the first row that breaks one. For each chain (one per
// authority, one for rows without an authority) it checks, in chain order from the chain's start (position 1
// after the genesis hash, or the retention checkpoint after the last erased row):
// - that no position is missing (a deleted row);
// - that each row's previous hash is the row before it's hash (a row removed or re-ordered);
// - that each row's hash is SHA-256 over its previous hash and its canonical content (a changed row).
// The canonical text comes from the database's audit_log_canonical(); the hash is recomputed here. A row erased
// under the retention schedule (ADR 039) keeps its place in audit_log_erased: its position and links are checked
// as any other row's, its content (gone) cannot be.

export const GENESIS_HASH = "0".repeat(64);

export type ChainBreak = {
  /** The audit_log id of the first row that does not verify. */
  id: string;
  /** The LA code of the chain's authority; null for the chain of rows without an authority. */
  authority: string | null;
  chainSeq: string;
  reason: string;
};

export type ChainVerification = { rows: number; ok: true } | { rows: number; ok: false; break: ChainBreak };

export type VerifyOptions = {
  /** Only this authority's chain (its id), or (null) only the chain of rows without an authority; every chain,
   * including that one, by default. */
  authorityId?: string | null;
  /** Only rows written at or after this time, and the link to the row before the first of them (the daily check). */
  since?: Date;
  pool?: pg.Pool;
  /** Rows read per query. */
  pageSize?: number;
};

type ChainRow = { id: string; chain_seq: string; prev_hash: string; row_hash: string; canonical: string | null };

/** Every chain in scope, stopping at the first break: what `npm run cli -- audit verify` prints. */
export async function verifyAuditChain(options: VerifyOptions = {}): Promise<ChainVerification> {
  let rows = 0;
  for await (const { result } of verifyEachChain(options)) {
    rows += result.rows;
    if (!result.ok) return { rows, ok: false, break: result.break };
  }
  return { rows, ok: true };
}

export type Chain = { authorityId: string | null; laCode: string | null };

/** Each chain in scope with its own result (the daily check records and reports them one by one). */
export async function* verifyEachChain(
  options: VerifyOptions = {},
): AsyncGenerator<{ chain: Chain; result: ChainVerification }> {
  const pool = options.pool ?? pgPool();
  for (const chain of await listChains(pool, options.authorityId)) {
    yield { chain, result: await verifyChain(pool, chain, options) };
  }
}

async function listChains(pool: pg.Pool, authorityId: string | null | undefined): Promise<Chain[]> {
  const noAuthority: Chain = { authorityId: null, laCode: null };
  if (authorityId === null) return [noAuthority];
  const { rows } = await pool.query<{ id: string; la_code: string }>(
    "SELECT id, la_code FROM authority WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY la_code",
    [authorityId ?? null],
  );
  const chains: Chain[] = rows.map((r) => ({ authorityId: r.id, laCode: r.la_code }));
  return authorityId ? chains : [noAuthority, ...chains];
}

/** The chain's rows, with its authority id as $1 (which every query passes, so that $1 always has a type). */
const chainWhere = (chain: Chain, alias = "") =>
  chain.authorityId === null ? `${alias}authority_id IS NULL AND $1::uuid IS NULL` : `${alias}authority_id = $1::uuid`;

/** Where verification of a chain starts: the position expected first and the hash it must follow. */
async function startOf(pool: pg.Pool, chain: Chain, since: Date | undefined): Promise<{ seq: bigint; prev: string }> {
  if (since) {
    // The daily check: from the last row written before `since`, whose own hash is then checked as well.
    const { rows } = await pool.query<{ chain_seq: string; prev_hash: string }>(
      `SELECT chain_seq, prev_hash FROM (
         SELECT chain_seq, prev_hash, at FROM audit_log WHERE ${chainWhere(chain)}
         UNION ALL SELECT chain_seq, prev_hash, at FROM audit_log_erased WHERE ${chainWhere(chain)}) x
       WHERE at < $2 ORDER BY chain_seq DESC LIMIT 1`,
      [chain.authorityId, since],
    );
    if (rows[0]) return { seq: BigInt(rows[0].chain_seq), prev: rows[0].prev_hash };
  }
  const { rows } = await pool.query<{ chain_seq: string; row_hash: string }>(
    `SELECT chain_seq, row_hash FROM audit_chain_checkpoint WHERE authority_id IS NOT DISTINCT FROM $1::uuid`,
    [chain.authorityId],
  );
  return rows[0] ? { seq: BigInt(rows[0].chain_seq) + 1n, prev: rows[0].row_hash } : { seq: 1n, prev: GENESIS_HASH };
}

async function verifyChain(pool: pg.Pool, chain: Chain, options: VerifyOptions): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 5000;
  let { seq: expectedSeq, prev: expectedPrev } = await startOf(pool, chain, options.since);
  let rows = 0;
  const broken = (row: ChainRow, reason: string) => ({
    rows,
    ok: false as const,
    break: { id: row.id, authority: chain.laCode, chainSeq: row.chain_seq, reason },
  });
  for (;;) {
    const page = await pool.query<ChainRow>(
      `SELECT id, chain_seq::text, prev_hash, row_hash, canonical FROM (
         SELECT a.id::text, a.chain_seq, a.prev_hash, a.row_hash, audit_log_canonical(a) AS canonical
         FROM audit_log a WHERE ${chainWhere(chain, "a.")} AND a.chain_seq >= $2
         UNION ALL
         SELECT e.id::text, e.chain_seq, e.prev_hash, e.row_hash, NULL
         FROM audit_log_erased e WHERE ${chainWhere(chain, "e.")} AND e.chain_seq >= $2) x
       ORDER BY x.chain_seq LIMIT $3`,
      [chain.authorityId, expectedSeq.toString(), pageSize],
    );
    for (const row of page.rows) {
      rows++;
      if (BigInt(row.chain_seq) !== expectedSeq) {
        return broken(row, `position ${expectedSeq} of the chain is missing: a row was deleted`);
      }
      if (row.prev_hash !== expectedPrev) {
        return broken(row, "it does not follow the row before it: that row was changed, or rows were removed");
      }
      // An erased row's content is gone; its hash stands for it, and the next row must follow that hash.
      if (row.canonical !== null) {
        const hash = createHash("sha256")
          .update(row.prev_hash + row.canonical, "utf8")
          .digest("hex");
        if (hash !== row.row_hash) return broken(row, "its content does not match its hash: the row was changed");
      }
      expectedPrev = row.row_hash;
      expectedSeq++;
    }
    if (page.rows.length < pageSize) return { rows, ok: true };
  }
}
