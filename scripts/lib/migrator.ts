// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each in its own transaction, under an
// advisory lock, recording name and checksum in schema_migration. A changed, already-applied file is an error:
// migrations are append-only. See docs/decisions/003-sql-migrations.md. When the database has the Citus
// extension, the tables are then distributed (scripts/lib/citus.ts, docs/decisions/071-citus.md) unless the caller
// says not to (MigrateOptions.distribute, for tests; ADR 073's addendum).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { addForeignKey, distributeTables, hasCitus, type Placement } from "./citus";
import { rewriteForDistributed, type CitusKind } from "./citus-ddl";
import { splitSqlStatements } from "./sql-statements";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
const LOCK_KEY = 873_444_001; // any constant; shared by every migrator process

export type MigrationResult = {
  applied: string[];
  /** Migrations recorded without being run, because a later one holds their change (SUPERSEDED_WHEN). */
  superseded: string[];
  alreadyApplied: number;
  citus: Placement | null;
};

/**
 * Migrations from branches that crossed on main: on a database that ran a later-numbered migration first, each one
 * here cannot run (and need not), because another migration, still to come in the same run or already applied,
 * makes the same change in the database's new form. `when` is a query answering one boolean row: true when the
 * database is in that state. The migration is then recorded as applied (same checksum) without being run, and the
 * runner reports it. A fresh database runs it as written. Never edit a landed migration: add a case here instead,
 * with an upgrade test (scripts/migration-upgrade.int.test.ts).
 */
export const SUPERSEDED_WHEN: Record<string, { when: string; because: string }> = {
  "20261206120200_auditor_role": {
    // Main had 20261206160100_enum_domains (the user_role enum became a text domain) without this migration from
    // about 16:47 to 17:25 on 6 December 2026; a database migrated then fails here on both engines ("user_role is
    // not an enum"). 20261206235912_auditor_role_domain names 'auditor' in the domain's CHECK.
    when: `SELECT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'user_role' AND typtype = 'd'
             AND typnamespace = 'public'::regnamespace) AS held`,
    because:
      "user_role is already a text domain (20261206160100_enum_domains ran first); 20261206235912_auditor_role_domain adds 'auditor' to it",
  },
};

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The tables Citus distributes or copies to every node (not Citus local tables). */
async function citusTables(client: pg.Client): Promise<Map<string, CitusKind>> {
  const { rows } = await client.query<{ table: string; kind: CitusKind }>(
    `SELECT logicalrelid::regclass::text AS table, CASE WHEN partmethod = 'h' THEN 'distributed' ELSE 'reference' END AS kind
     FROM pg_dist_partition WHERE partmethod = 'h' OR repmodel = 't'`,
  );
  return new Map(rows.map((r) => [r.table, r.kind]));
}

export type MigrateOptions = {
  /**
   * On a Citus database, place the tables after the migrations (the default; every run of the app and the command
   * line does). `false` leaves a database whose tables were never placed as plain coordinator tables, for a test or
   * tool that rebuilds an old state the runner of today would not place (scripts/migration-upgrade.int.test.ts);
   * a later run places it as it places a fresh database. No effect on PostgreSQL. On a cluster already placed, only
   * the closing step is skipped: the statements are still rewritten for the placed tables (citus-ddl.ts).
   */
  distribute?: boolean;
};

export async function migrate(
  databaseUrl: string,
  dir = MIGRATIONS_DIR,
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    // Only DDL when there is something to do: a role that may not change the schema (the app's runtime role,
    // ADR 031) can still check that the database is up to date, as the command line does at every run.
    const { rows: exists } = await client.query<{ found: string | null }>(
      "SELECT to_regclass('schema_migration')::text AS found",
    );
    if (!exists[0]!.found) {
      await client.query(`CREATE TABLE schema_migration (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>("SELECT name, checksum FROM schema_migration")).rows.map(
        (r) => [r.name, r.checksum],
      ),
    );
    const applied: string[] = [];
    const superseded: string[] = [];
    const citusPresent = await hasCitus(client);
    for (const m of listMigrations(dir)) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied. Add a new migration instead.`);
        }
        continue;
      }
      const crossing = SUPERSEDED_WHEN[m.name];
      if (crossing) {
        const { rows } = await client.query<{ held: boolean }>(crossing.when);
        if (rows[0]?.held === true) {
          await client.query("INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)", [m.name, m.checksum]);
          superseded.push(m.name);
          continue;
        }
      }
      await client.query("BEGIN");
      try {
        // One statement at a time (scripts/lib/sql-statements.ts says why). On Citus, a migration made after the
        // tables were distributed may add triggers to them (each of ours reads only its own authority's rows).
        if (citusPresent) {
          await client.query("SET LOCAL citus.enable_unsafe_triggers TO on");
          await client.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
        }
        // On a cluster whose tables are already distributed, the forms Citus refuses are rewritten into steps it
        // accepts (scripts/lib/citus-ddl.ts); a fresh database is distributed after its migrations instead.
        for (const statement of splitSqlStatements(m.sql)) {
          const placed = citusPresent ? await citusTables(client) : new Map<string, CitusKind>();
          if (placed.size === 0) {
            await client.query(statement);
            continue;
          }
          for (const step of rewriteForDistributed(statement, (t) => placed.get(t) ?? null)) {
            if ("distribute" in step) await distributeTables(client);
            else if ("foreignKey" in step) await addForeignKey(client, step.foreignKey);
            else await client.query(step.sql);
          }
        }
        await client.query("INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)", [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.name);
    }
    let citus: Placement | null = null;
    if (citusPresent && options.distribute !== false) {
      await client.query("BEGIN");
      try {
        citus = await distributeTables(client);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Distributing the tables on Citus failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied, superseded, alreadyApplied: done.size, citus };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
