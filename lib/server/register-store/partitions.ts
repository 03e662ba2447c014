import "server-only";
import type pg from "pg";

// The marks are partitioned by authority and then by academic year (ADR 050). The app's role may not change the
// schema, so partitions are made by the SECURITY DEFINER functions of the migration 20261206140000_register_store.

/**
 * Makes sure the authority has its partition of attendance_mark, in its own short transaction: attaching takes a
 * lock on attendance_mark that another authority's first import would otherwise wait for until this one commits.
 */
export async function ensureAuthorityPartition(pool: pg.Pool, authorityId: string): Promise<void> {
  await pool.query("SELECT attendance_mark_ensure_authority($1)", [authorityId]);
}

/** The academic years (2025 for 2025/26) for which the authority has a table of marks. */
export async function findStoredYears(client: pg.PoolClient, authorityId: string): Promise<Set<number>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = to_regclass(format('public.%I', attendance_mark_partition_name($1)))`,
    [authorityId],
  );
  return new Set(rows.map((r) => Number(r.name.slice(r.name.lastIndexOf("_") + 1))));
}

/** Makes sure each year has its table (empty, indexed and attached when it is new). */
export async function ensureYears(client: pg.PoolClient, authorityId: string, years: Iterable<number>): Promise<void> {
  for (const year of years) await client.query("SELECT attendance_mark_ensure_year($1, $2)", [authorityId, year]);
}

/** A new, empty, unindexed and unattached table for a first load of a year's marks; returns its name. */
export async function createYearForLoad(client: pg.PoolClient, authorityId: string, year: number): Promise<string> {
  const { rows } = await client.query<{ name: string }>("SELECT attendance_mark_new_year($1, $2) AS name", [
    authorityId,
    year,
  ]);
  return rows[0]!.name;
}

/** Indexes a first load's table and attaches it as the year's partition (same transaction as the load). */
export async function attachLoadedYear(client: pg.PoolClient, authorityId: string, year: number): Promise<void> {
  await client.query("SELECT attendance_mark_attach_year($1, $2)", [authorityId, year]);
}
