import "server-only";
import type pg from "pg";
import { pgPool } from "../pg";

// The marks are partitioned by authority, then by academic year (ADR 050), then by month (years made since ADR 083;
// the app never names a month's table: the year's table routes and prunes); on a Citus cluster by academic year
// only, distributed by authority, each year's partition shared by every authority (ADR 076). The app's role may not
// change the schema, so partitions are made by SECURITY DEFINER functions (migrations 20261206140000_register_store
// and 20261207070000_register_store_single_level), which tell the two forms apart themselves.

/**
 * Makes sure the authority has its partition of attendance_mark, in its own short transaction: attaching takes a
 * lock on attendance_mark that another authority's first import would otherwise wait for until this one commits.
 */
export async function ensureAuthorityPartition(pool: pg.Pool, authorityId: string): Promise<void> {
  await pool.query("SELECT attendance_mark_ensure_authority($1)", [authorityId]);
}

/** The academic years (2025 for 2025/26) in which the authority has marks (two-level form: a table of its own). */
export async function findStoredYears(client: pg.PoolClient, authorityId: string): Promise<Set<number>> {
  const { rows } = await client.query<{ name: string; single: boolean }>(
    `SELECT c.relname AS name, attendance_mark_single_level() AS single
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = to_regclass(format('public.%I', CASE WHEN attendance_mark_single_level()
       THEN 'attendance_mark' ELSE attendance_mark_partition_name($1) END))`,
    [authorityId],
  );
  const years = rows.map((r) => Number(r.name.slice(r.name.lastIndexOf(r.single ? "_y" : "_") + (r.single ? 2 : 1))));
  if (!rows[0]?.single) return new Set(years);
  // Single-level: the year's partition is shared, so the year is stored for this authority when it has a mark in
  // it (one key lookup in the authority's shard of that year).
  const stored = new Set<number>();
  for (const year of years) {
    const { rowCount } = await client.query(
      "SELECT 1 FROM attendance_mark WHERE authority_id = $1 AND date >= make_date($2, 9, 1) AND date < make_date($2 + 1, 9, 1) LIMIT 1",
      [authorityId, year],
    );
    if (rowCount) stored.add(year);
  }
  return stored;
}

/** Makes sure each year has its table (empty, indexed and attached when it is new). */
export async function ensureYears(client: pg.PoolClient, authorityId: string, years: Iterable<number>): Promise<void> {
  for (const year of years) {
    if (await ensureSharedYear(client, year)) continue;
    await client.query("SELECT attendance_mark_ensure_year($1, $2)", [authorityId, year]);
  }
}

/**
 * Single-level form (Citus, ADR 076): makes the year's shared partition in a short transaction of its own, on
 * another connection, and returns true; false on the two-level form, whose year tables are the authority's own and
 * are made in the import's transaction. On Citus the shards that the partition functions' owner makes may not be
 * touched in a transaction where the app's role has already written to the store ("placements that were modified
 * in this transaction by a different user"), and a partition made once serves every authority, so a refused
 * import leaving an empty one behind is harmless. Attaching takes only a SHARE UPDATE EXCLUSIVE lock on
 * attendance_mark, which the import's own locks do not conflict with.
 */
async function ensureSharedYear(client: pg.PoolClient, year: number): Promise<boolean> {
  const { rows } = await client.query<{ single: boolean; exists: boolean }>(
    `SELECT attendance_mark_single_level() AS single,
            to_regclass(format('public.%I', attendance_mark_year_name($1::smallint))) IS NOT NULL AS exists`,
    [year],
  );
  if (!rows[0]!.single) return false;
  if (!rows[0]!.exists) await pgPool().query("SELECT attendance_mark_ensure_shared_year($1::smallint)", [year]);
  return true;
}

/** The table a first load of a year's marks is COPYed into; returns its name. Two-level form: a new, empty, unindexed
 * and unattached table of the authority's year. Single-level form: the year's shared partition. */
export async function createYearForLoad(client: pg.PoolClient, authorityId: string, year: number): Promise<string> {
  await ensureSharedYear(client, year);
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
