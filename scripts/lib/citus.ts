// Fast Track on Citus (distributed PostgreSQL): which table goes where, and the step the migration runner takes
// after the migrations when the database has the Citus extension. See docs/decisions/071-citus.md.
//
// - Per-authority data (every table with authority_id, apart from those named below) is distributed by
//   authority_id, all co-located: one authority's pupils, cases, referrals and marks live in one shard group, so
//   one authority's queries and transactions go to one worker.
// - National data and the directory of who and where (authorities, attendance codes, penalty-notice schemes,
//   schools, users and their API tokens) are reference tables: a copy on every node, so any shard can join them,
//   and their national unique keys (URN, email, token hash) hold as they are.
// - What stays on the coordinator: the migration record, sign-in throttling (by email, before anyone is known)
//   and the audit log (one append-only, ordered log; rows may have no authority).
import pg from "pg";

/** Reference tables, parents before children (a reference table may only reference reference tables). */
export const REFERENCE_TABLES = [
  "authority",
  "attendance_code",
  "penalty_notice_scheme",
  "school",
  "app_user",
  "api_token",
] as const;

/** Tables kept on the coordinator as plain tables (or, with foreign keys to reference tables, Citus local tables). */
export const COORDINATOR_TABLES = [
  "schema_migration",
  "sign_in_throttle",
  "demo_database",
  "audit_log",
  "audit_chain_checkpoint",
  "audit_log_erased",
  "audit_verification",
] as const;

/** The register store (issue 14, ADR 050). On Citus it is distributed by authority_id with the rest (ADR 076): the
 * runner first rebuilds the empty attendance_mark of a fresh database with one level of partitions (RANGE on date:
 * the year partitions shared by every authority), because Citus 13 refuses multi-level partitioned tables and
 * the hash on authority_id already gives each authority its shard group. A cluster whose attendance_mark still has
 * the two-level form with marks in it (placed before ADR 076) keeps all of these tables on the coordinator, as
 * ADR 072 had them, until it is rebuilt from a backup (README, "Running at national scale"). */
export const STORE_TABLES = [
  "attendance_import",
  "attendance_mark",
  "attendance_mark_change",
  "attendance_school_day",
  "attendance_school_week",
  "attendance_authority_day",
  "attendance_pupil_week",
  "attendance_pupil_year",
  "attendance_school_year",
  "attendance_year_summary",
] as const;

type Queryable = {
  query: <R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ) => Promise<pg.QueryResult<R>>;
};

export async function hasCitus(client: Queryable): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  return rowCount === 1;
}

export type Placement = { reference: string[]; distributed: string[]; coordinator: string[] };

/** Where each public base table goes, from the catalogue and the lists above. Throws for a table that has no
 * authority_id and is in neither list: someone must decide whether it is national or stays on the coordinator. */
export async function planPlacement(client: Queryable): Promise<Placement> {
  const { rows } = await client.query<{ table: string; per_authority: boolean }>(
    `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'authority_id' AND NOT a.attisdropped) AS per_authority
     FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`,
  );
  const reference = new Set<string>(REFERENCE_TABLES);
  const coordinator = new Set<string>(COORDINATOR_TABLES);
  const unplaced = rows.filter((r) => !r.per_authority && !reference.has(r.table) && !coordinator.has(r.table));
  if (unplaced.length) {
    throw new Error(
      `Citus: ${unplaced.map((r) => r.table).join(", ")} has no authority_id and is not listed as a reference or coordinator table in scripts/lib/citus.ts (ADR 071)`,
    );
  }
  const present = new Set(rows.map((r) => r.table));
  const unkeyed = await tablesWithKeysWithoutAuthority(client);
  const store = new Set<string>(
    (await storeStaysOnCoordinator(client)) ? STORE_TABLES.filter((t) => present.has(t)) : [],
  );
  const distributed = rows
    .filter((r) => r.per_authority && !reference.has(r.table) && !coordinator.has(r.table) && !store.has(r.table))
    .map((r) => r.table);
  const misKeyed = distributed.filter((t) => unkeyed.has(t));
  if (misKeyed.length) {
    throw new Error(
      `Citus: ${misKeyed.join(", ")} has a primary or unique key without authority_id, so it cannot be distributed by authority (ADR 070)`,
    );
  }
  return {
    reference: REFERENCE_TABLES.filter((t) => present.has(t)),
    distributed: await parentsFirst(client, distributed),
    coordinator: [...COORDINATOR_TABLES.filter((t) => present.has(t)), ...store],
  };
}

/** Whether the register store stays on the coordinator: only on a cluster whose attendance_mark keeps ADR 050's
 * two levels of partitions (by authority, then by year) with marks in it, so that the runner cannot rebuild it
 * (rebuildMarksSingleLevel). Elsewhere (a fresh cluster, or PostgreSQL asking what a fresh cluster would get) the
 * store is distributed with the rest. */
async function storeStaysOnCoordinator(client: Queryable): Promise<boolean> {
  if (!(await hasCitus(client))) return false;
  return (await twoLevelMarksNotPlaced(client)) === "holds marks";
}

/** Whether attendance_mark still has ADR 050's two levels (LIST by authority) and is not yet placed on Citus, and if
 * so whether it holds marks; "no" for the one-level form or a table already placed. */
async function twoLevelMarksNotPlaced(client: Queryable): Promise<"no" | "empty" | "holds marks"> {
  const { rows } = await client.query<{ strategy: string | null; placed: boolean }>(
    `SELECT (SELECT p.partstrat::text FROM pg_partitioned_table p
             WHERE p.partrelid = to_regclass('public.attendance_mark')) AS strategy,
            EXISTS (SELECT 1 FROM pg_dist_partition d
                    WHERE d.logicalrelid = to_regclass('public.attendance_mark')) AS placed`,
  );
  if (rows[0]?.strategy !== "l" || rows[0].placed) return "no";
  const { rowCount } = await client.query("SELECT 1 FROM attendance_mark LIMIT 1");
  return rowCount === 1 ? "holds marks" : "empty";
}

/**
 * Rebuilds attendance_mark with one level of partitions, RANGE on date (ADR 076), when it has ADR 050's two levels
 * and holds no marks: on a fresh database, before its first placement. Same columns, key, CHECKs, grants and
 * views over it; its year partitions are then made on demand by the store's functions
 * (20261207070000_register_store_single_level), shared by every authority. A two-level table holding marks is
 * left as it is (the store then stays on the coordinator): returns false in that case.
 */
export async function rebuildMarksSingleLevel(client: Queryable): Promise<boolean> {
  const form = await twoLevelMarksNotPlaced(client);
  if (form === "no") return true;
  if (form === "holds marks") return false;
  // The views over the marks (register_mark) are dropped and made again over the new table, with their grants.
  const { rows: views } = await client.query<{ name: string; definition: string; owner: string; acl: string[] }>(
    `SELECT DISTINCT v.oid::regclass::text AS name, pg_get_viewdef(v.oid) AS definition,
            pg_get_userbyid(v.relowner) AS owner,
            coalesce((SELECT array_agg(format('GRANT %s ON %s TO %I', a.privilege_type, v.oid::regclass, r.rolname))
                      FROM aclexplode(v.relacl) a JOIN pg_roles r ON r.oid = a.grantee
                      WHERE a.grantee <> v.relowner), '{}') AS acl
     FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class v ON v.oid = w.ev_class
     WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = 'public.attendance_mark'::regclass
       AND v.oid <> 'public.attendance_mark'::regclass AND v.relkind = 'v'`,
  );
  const { rows: grants } = await client.query<{ grant: string }>(
    `SELECT format('GRANT %s ON attendance_mark TO %I', a.privilege_type, r.rolname) AS grant
     FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
     WHERE c.oid = 'public.attendance_mark'::regclass AND a.grantee <> c.relowner`,
  );
  for (const v of views) await client.query(`DROP VIEW ${v.name}`);
  await client.query(
    `CREATE TABLE attendance_mark_single_level (LIKE attendance_mark INCLUDING ALL) PARTITION BY RANGE (date)`,
  );
  await client.query("DROP TABLE attendance_mark"); // and its (empty) partitions
  await client.query("ALTER TABLE attendance_mark_single_level RENAME TO attendance_mark");
  await client.query("ALTER INDEX attendance_mark_single_level_pkey RENAME TO attendance_mark_pkey");
  for (const g of grants) await client.query(g.grant);
  for (const v of views) {
    await client.query(`CREATE VIEW ${v.name} AS ${v.definition}`);
    await client.query(`ALTER VIEW ${v.name} OWNER TO ${ident(v.owner)}`);
    for (const g of v.acl) await client.query(g);
  }
  return true;
}

/** Tables with a primary key, unique constraint or unique index that does not include authority_id. */
async function tablesWithKeysWithoutAuthority(client: Queryable): Promise<Set<string>> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT DISTINCT i.indrelid::regclass::text AS table
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE i.indisunique AND c.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                       WHERE a.attrelid = i.indrelid AND a.attname = 'authority_id' AND a.attnum = ANY (i.indkey))`,
  );
  return new Set(rows.map((r) => r.table));
}

/** Orders tables so that each comes after the tables it has foreign keys to (Citus distributes a table only once
 * the tables it references are distributed or reference tables). */
async function parentsFirst(client: Queryable, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
     FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
  );
  const wanted = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of rows)
    if (wanted.has(r.child) && wanted.has(r.parent) && r.child !== r.parent) parents.get(r.child)!.add(r.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: string[]) => {
    if (done.has(t)) return;
    if (path.includes(t)) throw new Error(`Citus: foreign keys form a cycle: ${[...path, t].join(" → ")}`);
    for (const p of [...parents.get(t)!].sort()) visit(p, [...path, t]);
    done.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

/** Distributes what is not yet distributed (idempotent: each run picks up the tables of new migrations). Runs in
 * the caller's transaction. Citus only distributes a table whose foreign keys point at tables already placed,
 * and placing a table converts the local tables linked to it; so the foreign keys of the tables still to place
 * are dropped first and re-created, unchanged, once every table is placed. Returns the tables it placed. */
export async function distributeTables(client: Queryable): Promise<Placement> {
  await rebuildMarksSingleLevel(client);
  const plan = await planPlacement(client);
  const { rows } = await client.query<{ table: string }>(
    // A Citus local table (a local table Citus took into its metadata for a foreign key to a reference table) is
    // not placed yet.
    "SELECT logicalrelid::regclass::text AS table FROM pg_dist_partition WHERE partmethod = 'h' OR repmodel = 't'",
  );
  const placed = new Set(rows.map((r) => r.table));
  const done: Placement = { reference: [], distributed: [], coordinator: [] };
  const toPlace = [...plan.reference, ...plan.distributed].filter((t) => !placed.has(t));
  // A coordinator table made by a migration after the first placement may have a real foreign key to a Citus
  // table (the audit chain's verifications to authority): it is held by a trigger, as at the first placement.
  const { rows: lateKeys } = await client.query<{ name: string }>(
    `SELECT conname AS name FROM pg_constraint
     WHERE contype = 'f' AND connamespace = 'public'::regnamespace
       AND conrelid::regclass::text = ANY ($1) AND confrelid::regclass::text = ANY ($2)`,
    [plan.coordinator, [...placed]],
  );
  if (toPlace.length === 0 && lateKeys.length === 0) {
    if (await hasCoordinatorForeignKeyCheck(client)) await createCoordinatorForeignKeyCheck(client);
    await allowShardLocalReads(client);
    await grantViewsOnEveryNode(client);
    await allowRepartitionJoins(client);
    return done;
  }
  // Triggers on distributed tables run on the shards (ADR 071 says which ones read other rows, and how).
  await client.query("SET LOCAL citus.enable_unsafe_triggers TO on");
  await client.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint
     WHERE contype = 'f' AND connamespace = 'public'::regnamespace
       AND (conrelid::regclass::text = ANY ($1) OR confrelid::regclass::text = ANY ($1) OR conname = ANY ($2))
     ORDER BY conrelid::regclass::text, conname`,
    [toPlace, lateKeys.map((k) => k.name)],
  );
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
  // A table that was on the coordinator and is placed now (the register store of a cluster placed before ADR 076)
  // has its foreign keys to Citus tables held by triggers (checkFromCoordinator): they become real foreign keys
  // again, as on a fresh database.
  const { rows: heldKeys } = await client.query<{ table: string; trigger: string; args: string[] }>(
    `SELECT t.tgrelid::regclass::text AS table, t.tgname AS trigger,
            array_remove(string_to_array(encode(t.tgargs, 'escape'), '\\000'), '') AS args
     FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE p.proname = 'coordinator_foreign_key' AND t.tgrelid::regclass::text = ANY ($1)
     ORDER BY 1, 2`,
    [toPlace],
  );
  for (const held of heldKeys) {
    const [name, parent, cols, parentCols] = held.args;
    const list = (a: string) =>
      a
        .replace(/^\{|\}$/g, "")
        .split(",")
        .map(ident)
        .join(", ");
    await client.query(`DROP TRIGGER ${ident(held.trigger)} ON ${ident(held.table)}`);
    foreignKeys.push({
      table: held.table,
      name: name!,
      definition: `FOREIGN KEY (${list(cols!)}) REFERENCES ${parent}(${list(parentCols!)})`,
    });
  }
  for (const table of plan.reference) {
    if (placed.has(table)) continue;
    await client.query("SELECT create_reference_table($1)", [table]);
    done.reference.push(table);
  }
  // All per-authority tables in one co-location group: a new table joins the group of those already placed.
  let colocateWith = plan.distributed.find((t) => placed.has(t));
  for (const table of plan.distributed) {
    if (placed.has(table)) continue;
    await client.query("SELECT create_distributed_table($1, 'authority_id', colocate_with => $2)", [
      table,
      colocateWith ?? "default",
    ]);
    colocateWith ??= table;
    done.distributed.push(table);
  }
  const coordinator = new Set<string>(plan.coordinator);
  for (const fk of foreignKeys) {
    if (coordinator.has(fk.table)) await checkFromCoordinator(client, fk);
    else await addForeignKey(client, fk);
  }
  done.coordinator = plan.coordinator.filter((t) => foreignKeys.some((fk) => fk.table === t));
  await allowShardLocalReads(client);
  await grantViewsOnEveryNode(client);
  await allowRepartitionJoins(client);
  return done;
}

/** Adds a foreign key between Citus tables. Citus refuses ON UPDATE CASCADE (and SET NULL, SET DEFAULT) when the
 * key includes the distribution column, as every per-authority key does (ADR 070). The one such key
 * (court_outcome_hearing_fk: an outcome copies its hearing's date and adjournment, so that moving or adjourning the
 * hearing re-checks the outcome's CHECKs) is held another way: the foreign key without its ON UPDATE action, and an
 * AFTER UPDATE trigger on the referenced table that carries the changed key to the referencing rows, named to fire
 * before the key's own NO ACTION check (PostgreSQL fires a table's AFTER triggers in name order, and the check's
 * are "RI_ConstraintTrigger_…"). The cascaded update then meets the referencing table's CHECKs as before. */
export async function addForeignKey(client: Queryable, fk: { table: string; name: string; definition: string }) {
  const action = /\s+ON UPDATE (CASCADE|SET NULL|SET DEFAULT)\b/.exec(fk.definition);
  if (!action) {
    await client.query(`ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
    return;
  }
  if (action[1] !== "CASCADE")
    throw new Error(`Citus: ON UPDATE ${action[1]} on ${fk.name} is not supported on distributed tables (ADR 071)`);
  const match = /^FOREIGN KEY \((.+?)\) REFERENCES ([\w."]+) ?\((.+?)\)/.exec(fk.definition);
  if (!match) throw new Error(`Citus: cannot read foreign key ${fk.name}: ${fk.definition}`);
  const [, cols, parent, parentCols] = match;
  const list = (s: string) =>
    `{${s
      .split(",")
      .map((c) => c.trim().replace(/"/g, ""))
      .join(",")}}`;
  await client.query(
    `ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition.replace(action[0], "")}`,
  );
  await client.query(`CREATE OR REPLACE FUNCTION foreign_key_on_update_cascade() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      cols text[] := TG_ARGV[1]::text[];
      parent_cols text[] := TG_ARGV[2]::text[];
      old_row jsonb := to_jsonb(OLD);
      new_row jsonb := to_jsonb(NEW);
    BEGIN
      IF (SELECT bool_and(old_row -> c IS NOT DISTINCT FROM new_row -> c) FROM unnest(parent_cols) c) THEN
        RETURN NULL;
      END IF;
      EXECUTE format('UPDATE %s SET (%s) = ROW(%s) WHERE (%s) = (%s)', TG_ARGV[0],
        (SELECT string_agg(format('%I', c), ', ' ORDER BY n) FROM unnest(cols) WITH ORDINALITY u(c, n)),
        (SELECT string_agg(format('%L', new_row ->> c), ', ' ORDER BY n) FROM unnest(parent_cols) WITH ORDINALITY u(c, n)),
        (SELECT string_agg(format('%I', c), ', ' ORDER BY n) FROM unnest(cols) WITH ORDINALITY u(c, n)),
        (SELECT string_agg(format('%L', old_row ->> c), ', ' ORDER BY n) FROM unnest(parent_cols) WITH ORDINALITY u(c, n)));
      RETURN NULL;
    END $fn$`);
  await client.query(
    `CREATE TRIGGER ${ident(`Cascade_${fk.name}`.slice(0, 63))} AFTER UPDATE ON ${parent} FOR EACH ROW
     EXECUTE FUNCTION foreign_key_on_update_cascade(${[fk.table, list(cols!), list(parentCols!)].map(literal).join(", ")})`,
  );
}

/** A query that joins two per-authority tables on their ids alone (not on authority_id as well) is not known to be
 * co-located, and Citus refuses it unless it may repartition. The queries of one authority's pages join on
 * authority_id too and go to one shard group; this setting lets the rest run correctly, only more slowly. */
async function allowRepartitionJoins(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ on: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                    WHERE d.datname = current_database() AND s.setrole = 0
                      AND 'citus.enable_repartition_joins=on' = ANY (s.setconfig)) AS on`,
  );
  if (rows[0]?.on) return;
  await client.query(`DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET citus.enable_repartition_joins TO on', current_database());
  END $$`);
}

/** Citus copies a view to the workers when a table under it is distributed, but not the view's grants, and a
 * trigger on a shard reads the view there as the app's role. Granting again on the coordinator propagates. */
async function grantViewsOnEveryNode(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ view: string; role: string; privilege: string }>(
    `SELECT c.oid::regclass::text AS view, r.rolname AS role, a.privilege_type AS privilege
     FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
     WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace AND a.grantee <> c.relowner`,
  );
  for (const r of rows) await client.query(`GRANT ${r.privilege} ON ${r.view} TO ${ident(r.role)}`);
}

/** Trigger functions of distributed tables run on the shards, where Citus refuses a query on another
 * distributed table ("a distributed query from a query on a shard") unless allowed. Each of ours reads only rows
 * of the row's own authority, which live in the same shard group on the same node, so Citus runs the read
 * locally, in the same transaction (it sees that transaction's own writes). Re-applied after every migration run,
 * because CREATE OR REPLACE FUNCTION drops the setting. */
async function allowShardLocalReads(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ fn: string }>(
    `SELECT DISTINCT t.tgfoid::regprocedure::text AS fn
     FROM pg_trigger t JOIN pg_dist_partition d ON d.logicalrelid = t.tgrelid AND d.partmethod = 'h'
     JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE NOT t.tgisinternal AND pg_has_role(current_user, p.proowner, 'MEMBER')
       AND NOT coalesce(p.proconfig @> ARRAY['citus.allow_nested_distributed_execution=on'], false)`,
  );
  for (const r of rows) await client.query(`ALTER FUNCTION ${r.fn} SET citus.allow_nested_distributed_execution = on`);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A foreign key from a coordinator table to a reference table would make Citus take the coordinator table into its
 * metadata (a "Citus local table"), which renames the table underneath and breaks the functions that take its row
 * type (the audit chain's hash). So the coordinator tables stay plain tables, and each such foreign key is held by
 * a trigger that checks the referenced row on insert and update, with the same name and error code. Rows of the
 * referenced tables (authorities, users, tokens) are never deleted. */
async function checkFromCoordinator(client: Queryable, fk: { table: string; name: string; definition: string }) {
  const match = /^FOREIGN KEY \((.+?)\) REFERENCES ([\w."]+)\((.+?)\)/.exec(fk.definition);
  if (!match) throw new Error(`Citus: cannot read foreign key ${fk.name}: ${fk.definition}`);
  const [, cols, parent, parentCols] = match;
  await createCoordinatorForeignKeyCheck(client);
  const list = (s: string) =>
    `{${s
      .split(",")
      .map((c) => c.trim().replace(/"/g, ""))
      .join(",")}}`;
  await client.query(
    `CREATE TRIGGER ${ident(fk.name)} BEFORE INSERT OR UPDATE ON ${ident(fk.table)} FOR EACH ROW
     EXECUTE FUNCTION coordinator_foreign_key(${[fk.name, parent!, list(cols!), list(parentCols!)].map(literal).join(", ")})`,
  );
}

/** Whether the check exists in an older form (a cluster placed by an older runner), to be replaced. Nothing to do
 * otherwise, so that a role that may not change the schema (the app's, ADR 031) passes through. */
async function hasCoordinatorForeignKeyCheck(client: Queryable): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM pg_proc WHERE proname = 'coordinator_foreign_key' AND pronamespace = 'public'::regnamespace
       AND position('to_jsonb(NEW)' IN prosrc) = 0`,
  );
  return rowCount === 1;
}

/** The check behind those triggers. It reads the new row's key as text and compares literals, so that the
 * referenced table may be distributed: a whole-row parameter would be sent to the workers, which do not know a
 * coordinator table's row type. Re-created on every run, so a cluster placed by an older runner gets this form. */
async function createCoordinatorForeignKeyCheck(client: Queryable): Promise<void> {
  await client.query(`CREATE OR REPLACE FUNCTION coordinator_foreign_key() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      cols text[] := TG_ARGV[2]::text[];
      parent_cols text[] := TG_ARGV[3]::text[];
      row jsonb := to_jsonb(NEW);
      vals text[] := ARRAY(SELECT row ->> c FROM unnest(cols) WITH ORDINALITY u(c, n) ORDER BY n);
      ok boolean;
    BEGIN
      IF array_position(vals, NULL) IS NOT NULL THEN RETURN NEW; END IF;
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s p WHERE (%s) = (%s))', TG_ARGV[1],
        (SELECT string_agg(format('p.%I', c), ', ') FROM unnest(parent_cols) c),
        (SELECT string_agg(format('%L', v), ', ') FROM unnest(vals) v))
        INTO ok;
      IF NOT ok THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[0]
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0];
      END IF;
      RETURN NEW;
    END $fn$`);
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Creates a database on a Citus cluster the way Citus needs it: on every node, with the extension, and the
 * coordinator told about its workers (each database has its own Citus metadata). `serverUrl` is the
 * coordinator's maintenance database; the workers are reached with the same credentials. */
export async function createCitusDatabase(serverUrl: string, name: string): Promise<void> {
  const safe = name.replace(/"/g, "");
  const coordinator = new pg.Client({ connectionString: serverUrl });
  await coordinator.connect();
  let workers: { nodename: string; nodeport: number }[];
  let self: { host: string; port: number };
  try {
    workers = (
      await coordinator.query<{ nodename: string; nodeport: number }>(
        "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 AND isactive AND noderole = 'primary' ORDER BY nodeid",
      )
    ).rows;
    const me = await coordinator.query<{ nodename: string; nodeport: number }>(
      "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid = 0",
    );
    const url = new URL(serverUrl);
    self = me.rows[0]
      ? { host: me.rows[0].nodename, port: me.rows[0].nodeport }
      : { host: url.hostname, port: Number(url.port || 5432) };
  } finally {
    await coordinator.end();
  }
  const onNode = async (host: string, port: number, database: string, sql: string[]) => {
    const url = new URL(serverUrl);
    url.hostname = host;
    url.port = String(port);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      for (const statement of sql) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const maintenance = new URL(serverUrl).pathname.slice(1) || "postgres";
  for (const w of workers) {
    await onNode(w.nodename, w.nodeport, maintenance, [`CREATE DATABASE "${safe}"`]);
    await onNode(w.nodename, w.nodeport, safe, ["CREATE EXTENSION IF NOT EXISTS citus"]);
  }
  await onNode(self.host, self.port, maintenance, [`CREATE DATABASE "${safe}"`]);
  await onNode(self.host, self.port, safe, [
    "CREATE EXTENSION IF NOT EXISTS citus",
    `SELECT citus_set_coordinator_host('${self.host}', ${self.port})`,
    ...workers.map((w) => `SELECT citus_add_node('${w.nodename}', ${w.nodeport})`),
  ]);
}

/** Drops a database made by createCitusDatabase from every node. */
export async function dropCitusDatabase(serverUrl: string, name: string): Promise<void> {
  const safe = name.replace(/"/g, "");
  const coordinator = new pg.Client({ connectionString: serverUrl });
  await coordinator.connect();
  try {
    const { rows } = await coordinator.query<{ nodename: string; nodeport: number }>(
      "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeid",
    );
    await coordinator.query(`DROP DATABASE IF EXISTS "${safe}" WITH (FORCE)`);
    for (const w of rows) {
      const url = new URL(serverUrl);
      url.hostname = w.nodename;
      url.port = String(w.nodeport);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${safe}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }
  } finally {
    await coordinator.end();
  }
}
