import "server-only";
import type pg from "pg";

/**
 * Serialises, per authority, everything that writes register marks or their summaries (imports, calendar
 * changes) until the end of the caller's transaction. Without it two imports touching the same school-days
 * could update the summary rows in opposite orders and deadlock.
 */
export async function lockRegisters(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('registers'), hashtext($1))", [authorityId]);
}
