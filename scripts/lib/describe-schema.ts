// The schema as upgrade tests compare it (scripts/citus-upgrade.int.test.ts, scripts/migration-upgrade.int.test.ts):
// columns, constraints and, on Citus, how each table is placed, each as one line in a stable order.
import pg from "pg";

/** A composite foreign key with its column pairs in one order: 20261206160000_authority_keys put authority_id first
 * in the keys that existed then, and a table created by a migration applied after it keeps its own order. The
 * same pairs are the same rule. */
function sameKeyOrder(line: string): string {
  const fk = /^(.* FOREIGN KEY )\(([^)]*)\) REFERENCES (\w+)\(([^)]*)\)(.*)$/.exec(line);
  if (!fk) return line;
  const local = fk[2]!.split(", ");
  const remote = fk[4]!.split(", ");
  const pairs = local.map((c, i) => [c, remote[i]!] as const).sort((a, b) => a[0].localeCompare(b[0]));
  return `${fk[1]}(${pairs.map((p) => p[0]).join(", ")}) REFERENCES ${fk[3]}(${pairs.map((p) => p[1]).join(", ")})${fk[5]}`;
}

/** Columns, constraints and (on Citus) how each table is placed, in a stable order. */
export async function describeSchema(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(
      `SELECT format('%s.%s %s %s', c.table_name, c.column_name, c.data_type, c.is_nullable) AS line
       FROM information_schema.columns c JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace
       WHERE c.table_schema = 'public' AND t.relkind IN ('r', 'p') AND NOT t.relispartition
       ORDER BY 1`,
    );
    const constraints = await client.query<{ line: string }>(
      `SELECT format('%s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS line
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.connamespace = 'public'::regnamespace AND NOT t.relispartition AND t.relname !~ '_[0-9]+$'
       ORDER BY 1`,
    );
    const citus = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
    const placement = citus.rowCount
      ? (
          await client.query<{ line: string }>(
            `SELECT format('%s %s %s', logicalrelid::regclass, partmethod, repmodel) AS line FROM pg_dist_partition
             WHERE NOT (logicalrelid::regclass::text ~ '_([0-9a-f]{32}|y[0-9]{4})')
             ORDER BY 1`,
          )
        ).rows.map((r) => r.line)
      : [];
    return {
      columns: columns.rows.map((r) => r.line),
      constraints: constraints.rows.map((r) => sameKeyOrder(r.line)),
      placement,
    };
  } finally {
    await client.end();
  }
}
