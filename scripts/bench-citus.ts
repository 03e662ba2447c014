// `npm run bench -- citus [--authorities 20] [--scale 1] [--runs 20] [--engines postgresql,citus]`: Fast Track at national scale (issue 16,
// ADR 071). The same load and the same measurements, once on a single PostgreSQL 15 server and once on a Citus
// cluster (a coordinator and two workers, ../shared/citus/cluster.sh), both on this machine, one after the other:
// - authorities of mixed sizes: one in ten large (12,000 pupils), one in five medium (4,000), the rest small (1,500),
//   each with its schools, a school year of marks (2025/26, about 380 sessions a pupil) imported as a register CSV
//   through the app's importer (COPY through the coordinator on Citus), and cases for 2% of its pupils, their
//   12-week windows ended; 20 authorities make about 61,000 pupils and 23 million marks;
// - authorities are added in steps (5, 10, 20): at each step the import throughput of the step's authorities, and
//   the p50/p95 of the authority figures, a pupil's page and the at-risk queue for a small and a large authority;
// - after the last step: the daily job over every authority, and two national statistics queries (casework by
//   authority across every authority: fans out to the workers; the national absence rate: the register store's
//   authority-day summaries, distributed with the rest since ADR 076, so it fans out too).
// `--scale 0.1` divides every authority's pupils by ten (for a quick run). Needs Citus built and installed by
// ../shared/citus/build.sh and runs as root (the servers run as the postgres user); each engine's servers are
// stopped and removed before the next starts. A benchmark, not a test: it asserts nothing and is not in npm test.
// Each engine runs in a child process of its own (the app's modules read DATABASE_URL once).
import { randomUUID } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { addDays } from "../lib/domain/dates";
import { DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "../lib/domain/school-calendar";
import { csvRow } from "../lib/domain/csv";
import { makeUpn, seededRng } from "../prisma/factories";
import { closeAppPools, openBenchDatabase } from "./lib/bench-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    authorities: { type: "string", default: "20" },
    scale: { type: "string", default: "1" },
    runs: { type: "string", default: "20" },
    engine: { type: "string" },
    engines: { type: "string", default: "postgresql,citus" },
  },
});
const AUTHORITIES = Number(args.authorities);
const SCALE = Number(args.scale);
const RUNS = Number(args.runs);
const AS_OF = "2026-07-21"; // the last school day of 2025/26 in the demo calendar: a full year of marks before it
const log = (line: string) => process.stderr.write(`[bench citus${args.engine ? ` ${args.engine}` : ""}] ${line}\n`);
const seconds = (t: number) => Math.round((Date.now() - t) / 10) / 100;
const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;

type Size = "large" | "medium" | "small";
const PUPILS: Record<Size, number> = { large: 12_000, medium: 4_000, small: 1_500 };
/** Authority i's size: one in ten large, one in five medium, the rest small, mixed so that every step has each. */
const sizeOf = (i: number): Size => (i % 10 === 0 ? "large" : i % 5 === 2 ? "medium" : "small");
const steps = (n: number) => [...new Set([5, 10, 20].filter((s) => s < n).concat(n))];

// ---------------------------------------------------------------------------------------------------------------
// One engine (the child process): DATABASE_URL is the server's maintenance database.

type Authority = {
  index: number;
  size: Size;
  id: string;
  laCode: string;
  pupils: { id: string; upn: string }[];
  managerId: string;
  officerId: string;
};

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: Math.round(percentile(times, 50) * 10) / 10, p95Ms: Math.round(percentile(times, 95) * 10) / 10 };
}

/** National casework figures: every authority's cases, open cases, referrals and pupils with a case. */
const NATIONAL_CASEWORK_SQL = `SELECT c.authority_id, count(*) AS cases,
    count(*) FILTER (WHERE c.status IN ('window_active', 'decision_due')) AS open_cases,
    count(r.id) AS referrals, count(DISTINCT c.pupil_id) AS pupils
  FROM attendance_case c
  LEFT JOIN prosecution_referral r ON r.authority_id = c.authority_id AND r.case_id = c.id
  GROUP BY c.authority_id`;

/** A plan's Citus task count, and how many distributed subplans it has (each one an intermediate result that the
 * coordinator gathers and sends on: none for a query routed whole to one shard group). */
type Explained = { sql: string; tasks: string | null; subplans: number; plan: string[] };

/** The plans of the SELECTs that `fn` sends (the app's own queries, caught on their way to the server), each with
 * Citus's task count: one task is one shard group; a fan-out shows one task a shard. */
async function explainCalls(pool: pg.Pool, fn: () => Promise<unknown>): Promise<Explained[]> {
  const seen: { text: string; values?: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  const patched = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    const text = typeof config === "string" ? config : (config as { text?: string } | null)?.text;
    const vals = Array.isArray(values) ? values : (config as { values?: unknown[] } | null)?.values;
    if (typeof text === "string" && /^\s*(WITH|SELECT)\b/i.test(text) && !/pg_advisory|set_config/i.test(text))
      seen.push({ text, values: vals });
    return (original as (...a: unknown[]) => unknown).call(this, config, values, callback);
  };
  pg.Client.prototype.query = patched as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  const explained: Explained[] = [];
  for (const q of seen) {
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${q.text}`, q.values);
    const plan = rows.map((r) => r["QUERY PLAN"]);
    explained.push({
      sql: q.text.replace(/\s+/g, " ").trim().slice(0, 160),
      tasks: plan.find((l) => /Task Count/.test(l))?.trim() ?? null,
      subplans: plan.filter((l) => /Distributed Subplan/.test(l)).length,
      plan: plan.slice(0, 40),
    });
  }
  return explained;
}

async function engineRun() {
  const { url, stop } = await openBenchDatabase("bench_citus", AS_OF);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {}); // an idle client's server going away at the end
  const copyRows = async (sql: string, rows: Iterable<string>) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
    } finally {
      client.release();
    }
  };
  const { rows: engineRows } = await pool.query<{ version: string; citus: string | null }>(
    `SELECT current_setting('server_version') AS version,
            (SELECT extversion FROM pg_extension WHERE extname = 'citus') AS citus`,
  );
  const workers = engineRows[0]!.citus
    ? (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_dist_node WHERE groupid <> 0")).rows[0]!.n
    : 0;
  const engine = { ...engineRows[0]!, workers };
  log(`PostgreSQL ${engine.version}${engine.citus ? `, Citus ${engine.citus} with ${engine.workers} workers` : ""}`);

  const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
  const days: string[] = [];
  for (let d = "2025-09-03"; d <= AS_OF; d = addDays(d, 1)) if (calendar.isSchoolDay(d)) days.push(d);
  const calendarCsv =
    "kind,start,end,name\n" +
    DEMO_CALENDAR_ENTRIES_2025_27.map((e) => csvRow([e.kind, e.start, e.end, e.name])).join("");
  const ends = days.filter((d) => d >= "2026-06-01" && d < AS_OF);

  const { importRegisterCsv } = await import("../lib/server/attendance/import-register");
  const { importCalendarCsv } = await import("../lib/server/calendar/import-calendar-csv");
  const { findSchoolRates } = await import("../lib/server/attendance/find-school-rates");
  const { getPupilAttendancePage } = await import("../lib/server/attendance/get-pupil-attendance-page");
  const { findPupilsAtRisk } = await import("../lib/server/attendance/find-pupils-at-risk");
  const { runDailyDecisions } = await import("../lib/jobs/daily-decisions");

  /** One authority: schools of about 400 pupils, its pupils and enrolments (COPY), two users, its calendar, cases for
   * 2% of its pupils with one or two parents, then a school year of marks through the importer (timed). */
  async function addAuthority(index: number): Promise<{ authority: Authority; marks: number; importSeconds: number }> {
    const size = sizeOf(index);
    const count = Math.max(50, Math.round(PUPILS[size] * SCALE));
    const laCode = String(100 + index);
    const rng = seededRng(16_000 + index);
    const {
      rows: [row],
    } = await pool.query<{ id: string }>("INSERT INTO authority (la_code, name) VALUES ($1, $2) RETURNING id", [
      laCode,
      `Bench ${size} authority ${index + 1}`,
    ]);
    const authorityId = row!.id;
    const schoolCount = Math.max(1, Math.round(count / 400));
    const schools = Array.from({ length: schoolCount }, (_, s) => ({
      id: randomUUID(),
      estab: String(2000 + s).padStart(4, "0"),
      urn: 100_000 + index * 1_000 + s,
    }));
    await copyRows(
      "COPY school (id, authority_id, urn, estab_number, name, phase, type) FROM STDIN (FORMAT csv)",
      schools.map(
        (s, i) =>
          `${s.id},${authorityId},${s.urn},${s.estab},Bench School ${index + 1}.${i + 1},${i % 3 === 0 ? "secondary" : "primary"},${i % 5 === 0 ? "academy" : "maintained"}\n`,
      ),
    );
    const pupils = Array.from({ length: count }, (_, i) => {
      const school = schools[i % schoolCount]!;
      const serial = Math.floor(i / schoolCount);
      return {
        id: randomUUID(),
        upn: makeUpn(laCode, school.estab, 10 + Math.floor(serial / 1000), serial % 1000),
        schoolId: school.id,
        absentee: rng() < 0.06,
      };
    });
    await copyRows(
      "COPY pupil (id, authority_id, upn, upn_temporary, first_name, last_name, date_of_birth, sex) FROM STDIN (FORMAT csv)",
      pupils.map((p, i) => `${p.id},${authorityId},${p.upn},false,Pupil${i},Bench,2012-05-01,${i % 2 ? "F" : "M"}\n`),
    );
    await copyRows(
      "COPY enrolment (authority_id, pupil_id, school_id, start_date, year_group) FROM STDIN (FORMAT csv)",
      pupils.map((p) => `${authorityId},${p.id},${p.schoolId},2025-09-01,9\n`),
    );
    const { rows: users } = await pool.query<{ id: string; role: string }>(
      `INSERT INTO app_user (authority_id, email, name, role, password_hash, must_change_password) VALUES
       ($1, $2, 'Bench Manager', 'manager', 'x', false), ($1, $3, 'Bench Officer', 'officer', 'x', false)
       RETURNING id, role`,
      [authorityId, `manager${index}@bench-citus.test`, `officer${index}@bench-citus.test`],
    );
    const managerId = users.find((u) => u.role === "manager")!.id;
    const officerId = users.find((u) => u.role === "officer")!.id;
    await importCalendarCsv({ system: "bench", authorityId }, calendarCsv);

    // Cases for 2% of pupils (the often-absent first), with parents in law, every window ended before the run date.
    const withCases = [...pupils]
      .sort((a, b) => Number(b.absentee) - Number(a.absentee))
      .slice(0, Math.max(1, Math.round(count * 0.02)))
      .map((p, i) => ({
        ...p,
        caseId: randomUUID(),
        parents: Array.from({ length: i % 3 === 0 ? 2 : 1 }, randomUUID),
      }));
    await copyRows(
      "COPY parent (id, authority_id, first_name, last_name) FROM STDIN (FORMAT csv)",
      withCases.flatMap((p, i) => p.parents.map((id, j) => `${id},${authorityId},Parent${j},Bench${i}\n`)),
    );
    await copyRows(
      `COPY pupil_parent (pupil_id, parent_id, authority_id, relationship, parental_responsibility, lives_with_pupil)
       FROM STDIN (FORMAT csv)`,
      withCases.flatMap((p) =>
        p.parents.map((id, j) => `${p.id},${id},${authorityId},${j === 0 ? "mother" : "father"},true,true\n`),
      ),
    );
    await copyRows(
      `COPY attendance_case (id, authority_id, pupil_id, status, assigned_officer_id, opened_on, window_start, window_end,
         target_min_attendance_tenths, opened_by) FROM STDIN (FORMAT csv)`,
      withCases.map((p, i) => {
        const end = ends[i % ends.length]!;
        const start = addDays(end, -7 * 13);
        return `${p.caseId},${authorityId},${p.id},window_active,${officerId},${start},${start},${end},900,${officerId}\n`;
      }),
    );
    await copyRows(
      "COPY case_party (case_id, parent_id, authority_id) FROM STDIN (FORMAT csv)",
      withCases.flatMap((p) => p.parents.map((parentId) => `${p.caseId},${parentId},${authorityId}\n`)),
    );

    let marks = 0;
    function* csvLines() {
      yield "upn,date,session,code\n";
      for (const p of pupils) {
        let chunk = "";
        for (const d of days) {
          for (const session of ["AM", "PM"]) {
            const r = rng();
            const code =
              r < (p.absentee ? 0.08 : 0.01)
                ? "N"
                : r < (p.absentee ? 0.2 : 0.05)
                  ? "I"
                  : session === "AM"
                    ? "/"
                    : "\\";
            chunk += `${p.upn},${d},${session},${code}\n`;
            marks++;
          }
        }
        yield chunk;
      }
    }
    const t = Date.now();
    const outcome = await importRegisterCsv({
      actor: { system: "bench", authorityId },
      input: Readable.from(csvLines()),
    });
    if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    const importSeconds = seconds(t);
    log(`authority ${index + 1} (${size}, ${count} pupils): ${marks} marks imported in ${importSeconds} s`);
    return {
      authority: { index, size, id: authorityId, laCode, pupils, managerId, officerId },
      marks,
      importSeconds,
    };
  }

  const actor = (a: Authority, role: "manager" | "officer") => ({
    id: role === "manager" ? a.managerId : a.officerId,
    name: "Bench",
    email: `${role}${a.index}@bench-citus.test`,
    role,
    authorityId: a.id,
    authorityName: `Bench ${a.size} authority ${a.index + 1}`,
    schoolId: null,
    schoolName: null,
    mustChangePassword: false,
  });
  const measure = async (a: Authority) => ({
    authority: a.index + 1,
    size: a.size,
    pupils: a.pupils.length,
    authorityFiguresMs: await timed(RUNS, () => findSchoolRates(actor(a, "manager"), "2025-09-01", AS_OF)),
    pupilPageMs: await timed(RUNS, (i) =>
      getPupilAttendancePage(actor(a, "officer"), a.pupils[(i * 7919) % a.pupils.length]!.id),
    ),
    atRiskQueueMs: await timed(RUNS, () => findPupilsAtRisk(actor(a, "officer"), { page: 1 })),
  });

  const authorities: Authority[] = [];
  const stepResults = [];
  let totalMarks = 0;
  try {
    for (const step of steps(AUTHORITIES)) {
      let stepMarks = 0;
      let stepSeconds = 0;
      while (authorities.length < step) {
        const added = await addAuthority(authorities.length);
        authorities.push(added.authority);
        stepMarks += added.marks;
        stepSeconds += added.importSeconds;
      }
      totalMarks += stepMarks;
      await pool.query("VACUUM ANALYZE");
      const large = authorities.find((a) => a.size === "large")!;
      const small = authorities.find((a) => a.size === "small") ?? authorities.at(-1)!;
      const result = {
        authorities: step,
        marksInAll: totalMarks,
        importOfThisStep: {
          marks: stepMarks,
          seconds: Math.round(stepSeconds * 100) / 100,
          marksPerSecond: Math.round(stepMarks / stepSeconds),
        },
        small: await measure(small),
        large: await measure(large),
      };
      log(`step ${step}: ${JSON.stringify(result)}`);
      stepResults.push(result);
    }

    let t = Date.now();
    const daily = await runDailyDecisions({ asOf: AS_OF });
    const dailySeconds = seconds(t);
    log(`daily job over ${authorities.length} authorities: ${dailySeconds} s ${JSON.stringify(daily)}`);

    // National statistics: casework by authority over every authority (distributed tables: every shard), and the
    // national unauthorised absence rate from the register store's authority-day summaries (distributed: every shard).
    const casework = await timed(Math.min(RUNS, 10), () => pool.query(NATIONAL_CASEWORK_SQL));
    const { rows: pupilsNationally } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pupil");
    t = Date.now();
    const rate = await timed(Math.min(RUNS, 10), () =>
      pool.query(
        `SELECT sum(unauthorised)::numeric / nullif(sum(possible), 0) AS rate
         FROM attendance_authority_day WHERE date BETWEEN '2025-09-01' AND $1::date`,
        [AS_OF],
      ),
    );
    const large = authorities.find((a) => a.size === "large")!;
    const explain = {
      authorityFigures: await explainCalls(pool, () => findSchoolRates(actor(large, "manager"), "2025-09-01", AS_OF)),
      pupilPage: await explainCalls(pool, () => getPupilAttendancePage(actor(large, "officer"), large.pupils[0]!.id)),
      atRiskQueue: await explainCalls(pool, () => findPupilsAtRisk(actor(large, "officer"), { page: 1 })),
    };
    const { rows: nationalPlan } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${NATIONAL_CASEWORK_SQL}`);
    const size = await pool.query<{ bytes: string }>("SELECT pg_database_size(current_database())::text AS bytes");
    const result = {
      engine: engine.citus
        ? `Citus ${engine.citus} on PostgreSQL ${engine.version}: a coordinator and ${engine.workers} workers on this machine`
        : `PostgreSQL ${engine.version}, one server`,
      machine: machine(),
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
      scale: SCALE,
      pupils: authorities.reduce((n, a) => n + a.pupils.length, 0),
      marks: totalMarks,
      steps: stepResults,
      dailyJob: { seconds: dailySeconds, summary: daily },
      nationalStatistics: {
        caseworkByAuthorityMs: casework,
        nationalAbsenceRateMs: rate,
        pupilsNationally: pupilsNationally[0]!.n,
      },
      coordinatorDatabaseBytes: Number(size.rows[0]!.bytes),
      explain: { ...explain, nationalCasework: nationalPlan.map((r) => r["QUERY PLAN"]).slice(0, 40) },
    };
    console.log(JSON.stringify(result));
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await pool.end();
    await closeAppPools();
    await stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The parent: one PostgreSQL 15 server, then the cluster, each started, measured in a child and removed.

const CITUS_DIR = path.resolve(process.env.CITUS_DIR ?? path.join(ROOT, "..", "shared", "citus"));
const PG_BIN = "/usr/lib/postgresql/15/bin";

function runEngine(name: string, databaseUrl: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(ROOT, "scripts", "bench.ts"),
        "citus",
        ...process.argv.slice(3),
        "--engine",
        name,
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`${name} run failed (exit ${code})`));
      else resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

/** A plain PostgreSQL 15 server (Debian's, the one Citus is built into; without the extension). */
function startPostgres(dir: string, port: number): { url: string; stop: () => void } {
  const run = (cmd: string, ...a: string[]) => {
    const r = spawnSync("runuser", ["-u", "postgres", "--", cmd, ...a], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  };
  fs.mkdirSync(dir, { recursive: true });
  spawnSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "pg");
  run(`${PG_BIN}/initdb`, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
  run(
    `${PG_BIN}/pg_ctl`,
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "-l",
    `${data}.log`,
    "-w",
    "start",
  );
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      spawnSync("runuser", ["-u", "postgres", "--", `${PG_BIN}/pg_ctl`, "-D", data, "-m", "fast", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function startCluster(dir: string): { url: string; stop: () => void } {
  const cluster = (...a: string[]) =>
    spawnSync("bash", [path.join(CITUS_DIR, "cluster.sh"), ...a], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, CITUS_BASE_PORT: process.env.CITUS_BASE_PORT ?? "55470" },
    });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const stop = () => {
    cluster("stop", dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const started = cluster("start", dir, "2");
  const url = started.stdout.trim().split("\n").pop() ?? "";
  if (started.status !== 0 || !url.startsWith("postgresql://")) {
    stop();
    throw new Error(`cluster.sh start failed (exit ${started.status}): ${started.stdout}`);
  }
  return { url, stop };
}

function ms(m: { p50Ms: number; p95Ms: number }) {
  return `${m.p95Ms}`;
}

function table(results: Record<string, unknown>[]) {
  type Step = {
    authorities: number;
    marksInAll: number;
    importOfThisStep: { marksPerSecond: number };
    small: Record<string, { p50Ms: number; p95Ms: number }>;
    large: Record<string, { p50Ms: number; p95Ms: number }>;
  };
  const lines = [
    "| engine | authorities | marks in all | import marks/s | figures p95 small / large (ms) | pupil page p95 small / large (ms) | at-risk p95 small / large (ms) |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    for (const s of r.steps as Step[]) {
      lines.push(
        `| ${String(r.engine).split(":")[0]} | ${s.authorities} | ${s.marksInAll.toLocaleString("en-GB")} | ${s.importOfThisStep.marksPerSecond.toLocaleString("en-GB")} | ${ms(s.small.authorityFiguresMs!)} / ${ms(s.large.authorityFiguresMs!)} | ${ms(s.small.pupilPageMs!)} / ${ms(s.large.pupilPageMs!)} | ${ms(s.small.atRiskQueueMs!)} / ${ms(s.large.atRiskQueueMs!)} |`,
      );
    }
  }
  lines.push(
    "",
    "| engine | daily job over every authority (s) | national casework by authority p95 (ms) | national absence rate p95 (ms) |",
    "|---|---|---|---|",
  );
  for (const r of results) {
    const n = r.nationalStatistics as Record<string, { p95Ms: number }>;
    lines.push(
      `| ${String(r.engine).split(":")[0]} | ${(r.dailyJob as { seconds: number }).seconds} | ${n.caseworkByAuthorityMs!.p95Ms} | ${n.nationalAbsenceRateMs!.p95Ms} |`,
    );
  }
  for (const r of results) {
    const e = r.explain as Record<string, Explained[] | string[]>;
    lines.push(
      "",
      `EXPLAIN on ${String(r.engine).split(":")[0]}, the large authority's queries (Citus: tasks per query):`,
    );
    for (const [label, plans] of Object.entries(e)) {
      if (label === "nationalCasework") {
        const tasks = (plans as string[]).find((l) => /Task Count/.test(l))?.trim() ?? "no Citus tasks";
        lines.push(`- national casework by authority: ${tasks}`);
      } else
        for (const p of plans as Explained[])
          lines.push(
            `- ${label}: ${p.tasks ?? "no Citus tasks"}, ${p.subplans} distributed subplans: ${p.sql.slice(0, 90)}`,
          );
    }
  }
  return lines.join("\n");
}

async function parentRun() {
  if (
    !Number.isSafeInteger(AUTHORITIES) ||
    AUTHORITIES < 1 ||
    !(SCALE > 0) ||
    !Number.isSafeInteger(RUNS) ||
    RUNS < 1
  ) {
    console.error("Error: --authorities and --runs must be whole numbers, 1 or more, and --scale a number above 0");
    process.exit(2);
  }
  if (!fs.existsSync("/usr/lib/postgresql/15/lib/citus.so")) {
    console.error(
      `Citus is not installed into PostgreSQL 15: run ${path.join(CITUS_DIR, "build.sh")} first (as root).`,
    );
    process.exit(2);
  }
  if (process.getuid?.() !== 0) {
    console.error("npm run bench -- citus runs PostgreSQL servers as the postgres user, so it must run as root.");
    process.exit(2);
  }
  const results: Record<string, unknown>[] = [];
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "fast-track-bench-citus-"));
  fs.chmodSync(base, 0o755);
  try {
    log(`${AUTHORITIES} authorities at scale ${SCALE}, steps ${steps(AUTHORITIES).join(", ")}, ${RUNS} runs a query`);
    const engines = args.engines.split(",");
    if (engines.includes("postgresql")) {
      const single = startPostgres(path.join(base, "postgres"), Number(process.env.BENCH_PG_PORT ?? 55480));
      try {
        results.push(await runEngine("postgresql", single.url));
      } finally {
        single.stop();
      }
    }
    if (engines.includes("citus")) {
      const cluster = startCluster(path.join(base, "citus"));
      try {
        results.push(await runEngine("citus", cluster.url));
      } finally {
        cluster.stop();
      }
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
  console.log(`\n${table(results)}`);
}

if (args.engine) await engineRun();
else await parentRun();
