// `npm run cli -- backup create FILE` and `backup restore FILE` (issue 12, ADR 037): a logical backup of the app's
// tables as one gzip file, made and restored with COPY over the ordinary connection, as the migration role.
// pg_dump is not used: the embedded PostgreSQL package ships no client programs, and the Debian client here is an
// older major version, which pg_dump refuses against a newer server.
//
// The file: a header line (JSON: the format, when, the server version, the migrations applied), then for each table
// a `TABLE {"name","columns"}` line, its rows in COPY text format (one row per line; COPY escapes newlines), and a
// `\.` line; then an `END {"rows":{table: count}}` line. The backup reads every table in one REPEATABLE READ
// snapshot, so it is consistent while the app runs. pg-boss's schema is not backed up: the worker recreates its
// schedule at start, and in-flight jobs are re-run by the daily job's catch-up.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { hasCitus } from "./citus";
import { listMigrations } from "./migrator";

const FORMAT = "fast-track-backup";
const VERSION = 1;

type Header = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: { name: string; checksum: string }[];
};

export type BackupSummary = { tables: number; rows: Record<string, number> };

/** The app's tables in an order that loads without breaking a foreign key: each after the tables it references. */
async function tablesInLoadOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migration'
     GROUP BY c.relname ORDER BY c.relname`,
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.relname <> pa.relname`,
  );
  // The marks have no foreign keys, but their partitions are made per authority, which must be loaded first.
  const { rows: partitioned } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'p'`,
  );
  for (const p of partitioned) references.push({ child: p.name, parent: "authority" });
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const ordered: { name: string; columns: string[] }[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()].filter(
      (t) => !references.some((r) => r.child === t.name && remaining.has(r.parent)),
    );
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among: ${[...remaining.keys()].join(", ")}`);
    for (const t of ready) {
      ordered.push(t);
      remaining.delete(t.name);
    }
  }
  return ordered;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes a backup of the database at `ownerUrl` to `file`. */
export async function createBackup(ownerUrl: string, file: string): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: migrations } = await client.query<{ name: string; checksum: string }>(
      "SELECT name, checksum FROM schema_migration ORDER BY name",
    );
    const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
    const tables = await tablesInLoadOrder(client);
    const header: Header = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: version[0]!.server_version,
      migrations,
    };
    const counts: Record<string, number> = {};
    const gzip = createGzip();
    const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
    const write = (text: string) =>
      new Promise<void>((resolve) => (gzip.write(text) ? resolve() : gzip.once("drain", resolve)));
    await write(`${JSON.stringify(header)}\n`);
    for (const table of tables) {
      await write(`TABLE ${JSON.stringify(table)}\n`);
      let rows = 0;
      const source = client.query(
        // A query, not the table: COPY refuses a partitioned table (the marks, ADR 050) as its source.
        copyTo(`COPY (SELECT ${table.columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(table.name)}) TO STDOUT`),
      );
      await pipeline(
        source,
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
            if (gzip.write(chunk)) callback();
            else gzip.once("drain", () => callback());
          },
        }),
      );
      counts[table.name] = rows;
      await write("\\.\n");
    }
    await write(`END ${JSON.stringify({ rows: counts })}\n`);
    gzip.end();
    await done;
    await client.query("COMMIT");
    return { tables: tables.length, rows: counts };
  } finally {
    await client.end();
  }
}

/**
 * Loads a backup into the database at `ownerUrl`, which must have exactly the backup's migrations applied (the
 * same version of Fast Track) and hold no records yet (no authority, no audit row). In one transaction: every
 * table the migrations filled is emptied, the tables are loaded parent before child with their own triggers off
 * (so that the audit log's chain trigger keeps each row as it was), sequences are moved past the restored ids,
 * and the row counts are checked against the backup's. Anything wrong rolls it all back.
 */
export async function restoreBackup(ownerUrl: string, file: string): Promise<BackupSummary> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => {
    const r = await iterator.next();
    return r.done ? null : r.value;
  };
  const first = await next();
  let header: Header;
  try {
    header = JSON.parse(first ?? "") as Header;
  } catch {
    throw new BackupError("That file is not a Fast Track backup (its first line is not the backup's header)");
  }
  if (header.format !== FORMAT || header.version !== VERSION)
    throw new BackupError("That file is not a Fast Track backup of a version this program reads");
  const ours = listMigrations().map(({ name, checksum }) => ({ name, checksum }));
  if (JSON.stringify(ours) !== JSON.stringify(header.migrations)) {
    throw new BackupError(
      `The backup was made by a different version of Fast Track (its last migration is ${header.migrations.at(-1)?.name ?? "none"}; ` +
        `this one's is ${ours.at(-1)?.name}). Restore it with the version that made it, then upgrade.`,
    );
  }

  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows: used } = await client.query<{ records: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM authority) OR EXISTS (SELECT 1 FROM audit_log) AS records",
    );
    if (used[0]!.records)
      throw new BackupError("The database already holds records: restore into a new, empty database (--into NAME)");
    // On Citus: one connection a worker for the whole restore, so that emptying the reference tables after the
    // distributed ones (and loading them) is allowed in one transaction; and trigger commands on distributed and
    // reference tables, which Citus refuses otherwise ("triggers are not supported on distributed tables"). The
    // runner's placement takes the same setting to place tables that have triggers (scripts/lib/citus.ts).
    if (await hasCitus(client)) {
      await client.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
      await client.query("SET LOCAL citus.enable_unsafe_triggers TO on");
    }
    const tables = await tablesInLoadOrder(client);
    // Only the triggers the restore would fire: those on INSERT (COPY) or DELETE (tgtype bits 4 and 8). A
    // trigger on UPDATE alone never fires here.
    const { rows: triggered } = await client.query<{ name: string }>(
      `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1)
         AND t.tgtype & (4 | 8) <> 0`,
      [tables.map((t) => t.name)],
    );
    const withTriggers = triggered.map((t) => t.name).sort();
    for (const t of withTriggers) await client.query(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
    // Reference data the migrations wrote (codes, schemes) comes back from the backup as it was: the tables that
    // hold rows are emptied, children first. Only those: the database holds no authority, so no per-authority
    // row, and on Citus a TRUNCATE of every table is one command on every shard, each waiting for its disk.
    const filled: string[] = [];
    for (const t of tables) {
      const { rows } = await client.query<{ filled: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS filled`,
      );
      if (rows[0]!.filled) filled.push(t.name);
    }
    for (const t of filled.reverse()) await client.query(`DELETE FROM ${quoteIdent(t)}`);

    const counts: Record<string, number> = {};
    for (let line = await next(); line !== null; line = await next()) {
      if (line.startsWith("END ")) {
        const expected = parseBackupLine<{ rows: Record<string, number> }>(line.slice(4)).rows;
        if (JSON.stringify(sorted(expected)) !== JSON.stringify(sorted(counts)))
          throw new BackupError("The backup's row counts do not match what was read from it: the file is damaged");
        for (const t of withTriggers) await client.query(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
        await resetSequences(client);
        await client.query("COMMIT");
        return { tables: Object.keys(counts).length, rows: counts };
      }
      if (!line.startsWith("TABLE "))
        throw new BackupError("The backup is damaged: a table's data is not where expected");
      const table = parseBackupLine<{ name: string; columns: string[] }>(line.slice(6));
      counts[table.name] = await loadTable(client, table, next);
    }
    throw new BackupError("The backup is incomplete: it ends before its last line");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function loadTable(
  client: pg.Client,
  table: { name: string; columns: string[] },
  next: () => Promise<string | null>,
): Promise<number> {
  let rows = 0;
  async function* data() {
    for (let line = await next(); line !== "\\."; line = await next()) {
      if (line === null) throw new BackupError(`The backup is incomplete: it ends inside table ${table.name}`);
      rows++;
      yield `${line}\n`;
    }
  }
  const columns = table.columns.map(quoteIdent).join(", ");
  // The marks are partitioned by authority and academic year, and a partition exists only once made (ADR 050):
  // they are loaded into a scratch table first, their partitions made by the store's own functions, then moved.
  const partitioned = table.name === "attendance_mark";
  const target = partitioned ? "restore_attendance_mark" : quoteIdent(table.name);
  if (partitioned)
    await client.query(`CREATE TEMP TABLE ${target} (LIKE attendance_mark INCLUDING DEFAULTS) ON COMMIT DROP`);
  try {
    await pipeline(Readable.from(data()), client.query(copyFrom(`COPY ${target} (${columns}) FROM STDIN`)));
    if (partitioned) {
      await client.query(
        `SELECT attendance_mark_ensure_year(a, y)
         FROM (SELECT DISTINCT authority_id AS a, academic_year(date) AS y FROM ${target}) x`,
      );
      await client.query(`INSERT INTO attendance_mark (${columns}) SELECT ${columns} FROM ${target}`);
    }
  } catch (error) {
    // A row cut short or garbled: PostgreSQL refuses it as bad data (class 22) or a broken rule (class 23).
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && /^2[23]/.test(code))
      throw new BackupError(
        `The backup is damaged: a row of table ${table.name} cannot be read (${(error as Error).message})`,
      );
    throw error;
  }
  return rows;
}

/** A header line's JSON (TABLE, END); a line cut short or garbled means the file is damaged. */
function parseBackupLine<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BackupError("The backup is damaged or incomplete: a line that describes its contents cannot be read");
  }
}

/** Moves every sequence owned by a column past the largest value restored into it. */
async function resetSequences(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.oid::regclass::text AS seq, t.relname AS tbl, a.attname AS col FROM pg_class s
     JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const r of rows) {
    await client.query(
      `SELECT setval($1::regclass, coalesce((SELECT max(${quoteIdent(r.col)}) FROM ${quoteIdent(r.tbl)}), 1),
                     (SELECT max(${quoteIdent(r.col)}) FROM ${quoteIdent(r.tbl)}) IS NOT NULL)`,
      [r.seq],
    );
  }
}

const sorted = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).sort());

/** A backup that cannot be made or restored as asked: the message says why (the CLI exits 1). */
export class BackupError extends Error {}
