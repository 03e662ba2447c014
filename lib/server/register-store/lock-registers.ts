import "server-only";
import type pg from "pg";

/**
 * Serialises, per authority, everything that writes register marks or their summaries (imports, calendar
 * changes) until the end of the caller's transaction. Without it two imports touching the same school-days
 * could update the summary rows in opposite orders and deadlock.
 */
export async function lockRegisters(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('registers'), hashtext($1))", [authorityId]);
  // Bulk register work (a year of marks streamed by COPY, an authority's summaries rebuilt) may take minutes: it
  // is exempt from the pool's statement timeout (pool-options.ts), for this transaction only.
  await client.query("SET LOCAL statement_timeout = 0");
  // Its sorts and hash tables (a day's file groups its marks by pupil, week and year) stay in memory instead of
  // spilling to disk in batches: one import at a time per authority.
  await client.query("SET LOCAL work_mem = '64MB'");
}
