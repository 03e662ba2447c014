// `npm run bench -- audit [--rows 10000] [--rounds 6]`: what the audit log's hash chain (ADR 030) costs a writer.
// On a throwaway database it appends the same rows, with the same SQL, to the audit log (its chain trigger takes the
// authority's lock, reads the chain's head and hashes the row) and to a copy of the table whose trigger only numbers
// the row (no lock, no head, no hash): the same columns, constraints, indexes and authority key. Rounds alternate
// which goes first, so the machine's load falls on both alike. Two shapes of writer: the daily job's (batches of 500
// rows, one transaction each) and the web's (four clients at once in one authority, one row per transaction, which
// the chain's lock serialises). Prints JSON: the median microseconds per row of each, and the ratio.
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { openBenchDatabase } from "./lib/bench-database";

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: { rows: { type: "string", default: "10000" }, rounds: { type: "string", default: "6" } },
});
const ROWS = Number(args.rows);
const ROUNDS = Number(args.rounds);
const BATCH = 500;
const WRITERS = 4;
const log = (line: string) => process.stderr.write(`[bench audit] ${line}\n`);

const insert = (table: string) => `
  INSERT INTO ${table} (authority_id, actor_system, purpose, action, entity_type, entity_id, detail)
  SELECT x.authority_id, x.actor_system, x.purpose, x.action, x.entity_type, x.entity_id, x.detail
  FROM jsonb_to_recordset($1::jsonb) AS x(authority_id uuid, actor_system text, purpose text, action text,
       entity_type text, entity_id text, detail jsonb)`;

function rows(authorityId: string, n: number, from: number) {
  return Array.from({ length: n }, (_, i) => ({
    authority_id: authorityId,
    actor_system: "daily-job",
    purpose: "benchmark",
    action: "case.decision",
    entity_type: "case",
    entity_id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`,
    detail: { outcome: "improved", asOf: "2026-07-21", figures: { attendanceRate: 93.4, unauthorised: 3 } },
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

async function main() {
  if (![ROWS, ROUNDS].every((n) => Number.isSafeInteger(n) && n >= 1)) {
    console.error("Error: --rows and --rounds must be whole numbers, 1 or more");
    process.exit(2);
  }
  const { url, stop } = await openBenchDatabase("bench_audit", "2026-11-20");
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 1 });
  // An idle connection cut when the throwaway server stops is expected, not a failure of the run.
  pool.on("error", () => {});
  try {
    const { rows: made } = await pool.query<{ id: string }>(
      "INSERT INTO authority (la_code, name) VALUES ('997', 'Bench Authority') RETURNING id",
    );
    const authorityId = made[0]!.id;
    // The unchained copy: every column, constraint and index of audit_log, the authority's key, and a trigger that
    // only numbers the row and stamps it, as the chain trigger does, leaving the two hashes blank.
    await pool.query(`
      CREATE TABLE audit_log_unchained (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
      ALTER TABLE audit_log_unchained ADD FOREIGN KEY (authority_id) REFERENCES authority (id);
      CREATE SEQUENCE audit_log_unchained_seq;
      CREATE FUNCTION audit_log_unchained_number() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.chain_seq := nextval('audit_log_unchained_seq');
        NEW.prev_hash := repeat('0', 64);
        NEW.row_hash := repeat('0', 64);
        NEW.at := clock_timestamp();
        RETURN NEW;
      END;
      $$;
      CREATE TRIGGER audit_log_unchained_number BEFORE INSERT ON audit_log_unchained
        FOR EACH ROW EXECUTE FUNCTION audit_log_unchained_number();`);

    const inBatches = async (table: string, from: number) => {
      const client = await pool.connect();
      try {
        const t = process.hrtime.bigint();
        for (let done = 0; done < ROWS; done += BATCH) {
          await client.query("BEGIN");
          await client.query(insert(table), [
            JSON.stringify(rows(authorityId, Math.min(BATCH, ROWS - done), from + done)),
          ]);
          await client.query("COMMIT");
        }
        return Number(process.hrtime.bigint() - t) / 1e3 / ROWS;
      } finally {
        client.release();
      }
    };
    const concurrently = async (table: string, from: number) => {
      const each = Math.ceil(ROWS / 10 / WRITERS);
      const t = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const client = await pool.connect();
          try {
            for (let i = 0; i < each; i++) {
              await client.query("BEGIN");
              await client.query(insert(table), [JSON.stringify(rows(authorityId, 1, from + w * each + i))]);
              await client.query("COMMIT");
            }
          } finally {
            client.release();
          }
        }),
      );
      return Number(process.hrtime.bigint() - t) / 1e3 / (each * WRITERS);
    };

    const times = {
      batches: { chained: [] as number[], unchained: [] as number[] },
      web: { chained: [] as number[], unchained: [] as number[] },
    };
    let from = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (["chained", "unchained"] as const) : (["unchained", "chained"] as const);
      for (const which of order) {
        const table = which === "chained" ? "audit_log" : "audit_log_unchained";
        times.batches[which].push(await inBatches(table, from));
        from += ROWS;
        times.web[which].push(await concurrently(table, from));
        from += ROWS;
      }
      log(`round ${r + 1}: ${JSON.stringify(times.batches)} ${JSON.stringify(times.web)}`);
    }
    const { rows: counted } = await pool.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM audit_log WHERE authority_id = $1",
      [authorityId],
    );
    const figure = (k: "batches" | "web") => {
      const chained = median(times[k].chained);
      const unchained = median(times[k].unchained);
      return {
        chainedMicrosecondsPerRow: round1(chained),
        unchainedMicrosecondsPerRow: round1(unchained),
        chainCostMicrosecondsPerRow: round1(chained - unchained),
        ratio: Math.round((chained / unchained) * 100) / 100,
      };
    };
    console.log(
      JSON.stringify(
        {
          machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
          loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
          rowsPerRound: ROWS,
          rounds: ROUNDS,
          chainedRowsWritten: Number(counted[0]!.n),
          dailyJobShape: { batchRows: BATCH, ...figure("batches") },
          webShape: { writers: WRITERS, rowsPerTransaction: 1, ...figure("web") },
        },
        null,
        2,
      ),
    );
  } finally {
    await pool.end();
    await stop();
  }
}

await main();
