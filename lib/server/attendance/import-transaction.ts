import "server-only";
import type pg from "pg";
import { pgPool } from "../pg";
import { lockRegisters } from "../register-store/lock-registers";
import { ensureAuthorityPartition } from "../register-store/partitions";
import type { ImportOutcome } from "./import-context";

/**
 * Runs an import all or nothing: in one transaction that holds the authority's register lock, committed only when
 * the import succeeds. A refused import (errors listed) or a thrown error rolls back everything, including any
 * year tables a first load created. The authority's partition of the marks is made first, in its own short
 * transaction (see ensureAuthorityPartition). A trial (`commit: false`) rolls back a successful import too.
 */
export async function inImportTransaction(
  authorityId: string,
  run: (client: pg.PoolClient) => Promise<ImportOutcome>,
  { commit = true }: { commit?: boolean } = {},
): Promise<ImportOutcome> {
  await ensureAuthorityPartition(pgPool(), authorityId);
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    await lockRegisters(client, authorityId);
    const outcome = await run(client);
    await client.query(outcome.ok && commit ? "COMMIT" : "ROLLBACK");
    return outcome;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
