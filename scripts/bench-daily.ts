// `npm run bench -- daily [--cases 10000]`: the daily job's benchmark (issue 5: ≤ 30 s for 10,000 open cases with a
// full year of marks). On a throwaway database (the embedded PostgreSQL, or a new database on DATABASE_URL's
// server) it loads, with COPY, one pupil per case, a full school year of marks for each (~380 sessions), one or
// two parents per case and the cases themselves, every window ended before the run date; then it measures, in
// the same run, the raw-PostgreSQL baseline (the job's aggregate query alone over every due case) and the whole
// job (runDailyDecisions), and prints JSON. A benchmark, not a test: it asserts nothing but the decision count.
//
// `--keep <dir>` keeps the embedded database in that folder so that the job can be measured again on the same state
// without the set-up (445 s at 100,000 cases): the first run builds the cases and marks and saves them as a template
// database; every run (the first included) then measures on a fresh copy of the template (`CREATE DATABASE …
// TEMPLATE`, a file copy), so the job always starts from the same undecided cases. The decisions cannot simply be
// deleted: evidence snapshots and the audit log refuse deletes by design. `--concurrency` and `--batch-size` pass to
// the job. The JSON gives the job's time by phase (summed over batches, so with two batches at once they add up to
// more than the wall time) and the CPU seconds of Node and of PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { addDays } from "../lib/domain/dates";
import { DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "../lib/domain/school-calendar";
import { makeUpn, seededRng } from "../prisma/factories";
import { MARK_EXTRACT_SQL } from "../lib/server/decisions/evidence";
import { closeAppPools, openBenchDatabase } from "./lib/bench-database";
import { dropDatabase } from "./lib/database";
import { migrate } from "./lib/migrator";

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    cases: { type: "string", default: "10000" },
    keep: { type: "string" },
    concurrency: { type: "string" },
    "batch-size": { type: "string" },
  },
});
const CASES = Number(args.cases);
const AS_OF = "2026-07-21"; // the last day of 2025/26 in the demo calendar: a full year of marks before it
const log = (line: string) => process.stderr.write(`[bench daily] ${line}\n`);
const seconds = (t: number) => Math.round((Date.now() - t) / 10) / 100;

async function main() {
  if (!Number.isSafeInteger(CASES) || CASES < 1) {
    console.error(`Error: --cases must be a whole number, 1 or more; got "${args.cases}"`);
    process.exit(2);
  }
  const { url, stop, serverCpuSeconds, kept, markBuilt } = await openBenchDatabase("bench_daily", AS_OF, args.keep);
  // With --keep: the built state is the template database `<name>_built`; the job runs on a copy under the usual name.
  const dbName = new URL(url).pathname.slice(1);
  const serverUrl = Object.assign(new URL(url), { pathname: "/postgres" }).toString();
  const builtFile = args.keep ? path.join(path.resolve(args.keep), "daily-built.json") : null;
  const copyTemplate = async (from: string, to: string) => {
    await dropDatabase(serverUrl, to);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      // FILE_COPY: a checkpoint and a copy of the files, far quicker than WAL-logging every block of a large database.
      await admin.query(`CREATE DATABASE "${to}" TEMPLATE "${from}" STRATEGY FILE_COPY`);
    } finally {
      await admin.end();
    }
  };
  if (kept) {
    if (!builtFile || !fs.existsSync(builtFile)) throw new Error(`${args.keep} was not built by the daily bench`);
    const built = JSON.parse(fs.readFileSync(builtFile, "utf8")) as { cases: number };
    if (built.cases !== CASES)
      throw new Error(`${args.keep} holds ${built.cases} cases; ask for --cases ${built.cases}`);
    const t = Date.now();
    await copyTemplate(`${dbName}_built`, dbName);
    await migrate(url); // a migration newer than the template
    log(`fresh copy of the kept database in ${seconds(t)} s`);
  }
  // CPU seconds of this process and of the embedded server over a span: on a shared machine the wall time depends on
  // what else runs, the CPU time much less.
  const cpuSpan = () => {
    const node = process.cpuUsage();
    const server = serverCpuSeconds();
    return () => {
      const used = process.cpuUsage(node);
      const serverNow = serverCpuSeconds();
      return {
        nodeCpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
        postgresCpuSeconds: server === null || serverNow === null ? null : Math.round((serverNow - server) * 100) / 100,
      };
    };
  };
  const copyRows = async (sql: string, rows: Iterable<string> | AsyncIterable<string>) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
    } finally {
      client.release();
    }
  };
  let pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const { marks, sessionsPerPupil } = kept
      ? (JSON.parse(fs.readFileSync(builtFile!, "utf8")) as { marks: number; sessionsPerPupil: number })
      : await build();
    if (!kept && builtFile) {
      // Save the built state as the template, then measure on a copy of it like every later run.
      await pool.end();
      await closeAppPools();
      const t = Date.now();
      await copyTemplate(dbName, `${dbName}_built`);
      fs.writeFileSync(builtFile, JSON.stringify({ cases: CASES, marks, sessionsPerPupil }));
      markBuilt();
      log(`kept as a template in ${seconds(t)} s`);
      pool = new pg.Pool({ connectionString: url, max: 4 });
    }
    await measure(marks, sessionsPerPupil);
  } finally {
    await pool.end();
    // The shared Prisma client too (the job's penalty-notice step uses it).
    await closeAppPools();
    if (args.keep) await dropDatabase(serverUrl, dbName).catch(() => {}); // the copy; the template stays
    await stop();
  }

  async function build(): Promise<{ marks: number; sessionsPerPupil: number }> {
    const rng = seededRng(5_005);
    const {
      rows: [authority],
    } = await pool.query<{ id: string }>(
      "INSERT INTO authority (la_code, name) VALUES ('998', 'Bench Authority') RETURNING id",
    );
    const authorityId = authority!.id;
    const schoolCount = Math.max(1, Math.round(CASES / 400));
    const schools: { id: string; estab: string }[] = [];
    for (let s = 0; s < schoolCount; s++) {
      const estab = String(3000 + s);
      const {
        rows: [school],
      } = await pool.query<{ id: string }>(
        "INSERT INTO school (authority_id, urn, estab_number, name, phase, type) VALUES ($1, $2, $3, $4, 'secondary', 'maintained') RETURNING id",
        [authorityId, 800000 + s, estab, `Bench School ${s + 1}`],
      );
      schools.push({ id: school!.id, estab });
    }
    const { rows: users } = await pool.query<{ id: string; role: string }>(
      `INSERT INTO app_user (authority_id, email, name, role, password_hash, must_change_password) VALUES
       ($1, 'officer@bench-daily.test', 'Bench Officer', 'officer', 'x', false),
       ($1, 'manager1@bench-daily.test', 'Bench Manager 1', 'manager', 'x', false),
       ($1, 'manager2@bench-daily.test', 'Bench Manager 2', 'manager', 'x', false) RETURNING id, role`,
      [authorityId],
    );
    const officerId = users.find((u) => u.role === "officer")!.id;

    let t = Date.now();
    const pupils = Array.from({ length: CASES }, (_, i) => {
      const school = schools[i % schoolCount]!;
      const serial = Math.floor(i / schoolCount);
      return {
        id: randomUUID(),
        caseId: randomUUID(),
        schoolId: school.id,
        upn: makeUpn("998", school.estab, 10 + Math.floor(serial / 1000), serial % 1000),
        parents: Array.from({ length: i % 3 === 0 ? 2 : 1 }, () => randomUUID()),
        // A third of the cases did not improve: their window has far more absence.
        absentee: rng() < 0.33,
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
    await copyRows(
      "COPY parent (id, authority_id, first_name, last_name) FROM STDIN (FORMAT csv)",
      pupils.flatMap((p, i) => p.parents.map((id, j) => `${id},${authorityId},Parent${j},Bench${i}\n`)),
    );
    // Parents in law (mother and father with parental responsibility), so that a missed target is referred.
    await copyRows(
      `COPY pupil_parent (pupil_id, parent_id, authority_id, relationship, parental_responsibility, lives_with_pupil)
       FROM STDIN (FORMAT csv)`,
      pupils.flatMap((p) =>
        p.parents.map((id, j) => `${p.id},${id},${authorityId},${j === 0 ? "mother" : "father"},true,true\n`),
      ),
    );

    // A full year of marks, loaded through the register store as a register CSV (a first load of the year).
    const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
    const days: string[] = [];
    for (let d = "2025-09-03"; d <= AS_OF; d = addDays(d, 1)) if (calendar.isSchoolDay(d)) days.push(d);
    let marks = 0;
    function* csvLines() {
      yield "upn,date,session,code\n";
      for (const p of pupils) {
        let chunk = "";
        for (const d of days) {
          for (const session of ["AM", "PM"]) {
            const r = rng();
            const code =
              r < (p.absentee ? 0.15 : 0.01)
                ? "O"
                : r < (p.absentee ? 0.25 : 0.04)
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
    const { importRegisterCsv } = await import("../lib/server/attendance/import-register");
    const loaded = await importRegisterCsv({
      actor: { system: "bench", authorityId },
      input: Readable.from(csvLines()),
    });
    if (!loaded.ok) throw new Error(`import refused: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
    log(`${CASES} pupils, ${marks} marks loaded in ${seconds(t)} s`);

    // The cases: 12-school-week windows that ended on different days before the run date (a catch-up).
    t = Date.now();
    const ends = days.filter((d) => d >= "2026-06-01" && d < AS_OF);
    await copyRows(
      `COPY attendance_case (id, authority_id, pupil_id, status, assigned_officer_id, opened_on, window_start, window_end,
         target_min_attendance_tenths, opened_by) FROM STDIN (FORMAT csv)`,
      pupils.map((p, i) => {
        const end = ends[i % ends.length]!;
        const start = addDays(end, -7 * 13);
        return `${p.caseId},${authorityId},${p.id},window_active,${officerId},${start},${start},${end},900,${officerId}\n`;
      }),
    );
    await copyRows(
      "COPY case_party (case_id, parent_id, authority_id) FROM STDIN (FORMAT csv)",
      pupils.flatMap((p) => p.parents.map((parentId) => `${p.caseId},${parentId},${authorityId}\n`)),
    );
    log(`${CASES} cases in ${seconds(t)} s`);
    await pool.query("VACUUM ANALYZE");
    return { marks, sessionsPerPupil: days.length * 2 };
  }

  async function measure(marks: number, sessionsPerPupil: number) {
    let t = Date.now();

    // Baseline: the job's aggregate (counts and extract for every due case) as one raw query, nothing written.
    let cpu = cpuSpan();
    const { rows: baseline } = await pool.query<{ id: string }>(
      `SELECT c.id, count(*) FILTER (WHERE attendance_mark_category(m.code_id) <> 'not_possible') AS possible,
              count(*) FILTER (WHERE attendance_mark_category(m.code_id) = 'unauthorised') AS unauthorised,
              ${MARK_EXTRACT_SQL} AS extract
       FROM attendance_case c JOIN pupil p ON p.authority_id = c.authority_id AND p.id = c.pupil_id
       JOIN attendance_mark m ON m.authority_id = c.authority_id AND m.pupil_key = p.store_key
            AND m.date BETWEEN c.window_start AND c.window_end
       WHERE c.status IN ('window_active', 'decision_due') AND c.window_end <= $1::date
       GROUP BY c.id`,
      [AS_OF],
    );
    const baselineSeconds = seconds(t);
    const baselineCpu = cpu();
    log(`baseline aggregate over ${baseline.length} cases: ${baselineSeconds} s`);

    const { runDailyDecisions, DAILY_JOB_PHASES } = await import("../lib/jobs/daily-decisions");
    const phaseMs = Object.fromEntries(DAILY_JOB_PHASES.map((p) => [p, 0])) as Record<string, number>;
    cpu = cpuSpan();
    t = Date.now();
    const summary = await runDailyDecisions({
      asOf: AS_OF,
      concurrency: args.concurrency === undefined ? undefined : Number(args.concurrency),
      batchSize: args["batch-size"] === undefined ? undefined : Number(args["batch-size"]),
      onPhase: (phase, ms) => (phaseMs[phase] = (phaseMs[phase] ?? 0) + ms),
    });
    const jobSeconds = seconds(t);
    const jobCpu = cpu();
    log(`runDailyDecisions: ${jobSeconds} s ${JSON.stringify(summary)}`);
    const {
      rows: [written],
    } = await pool.query<{ decisions: number; referrals: number; snapshots: number; notifications: number }>(
      `SELECT (SELECT count(*) FROM case_decision)::int AS decisions, (SELECT count(*) FROM prosecution_referral)::int AS referrals,
              (SELECT count(*) FROM evidence_snapshot)::int AS snapshots, (SELECT count(*) FROM notification)::int AS notifications`,
    );
    if (written!.decisions !== CASES) throw new Error(`expected ${CASES} decisions, found ${written!.decisions}`);
    // What was decided, without the ids each run draws: the outcome, figures, reasons and evidence hash of every case.
    // Two versions of the job that decide alike give the same digest on the same kept database.
    const digest = (
      await pool.query<{ digest: string }>(
        `SELECT md5(string_agg(d.case_id || d.outcome || d.figures::text || d.reasons::text || s.content_hash, ';' ORDER BY d.case_id)) AS digest
       FROM case_decision d JOIN evidence_snapshot s ON s.authority_id = d.authority_id AND s.id = d.evidence_id`,
      )
    ).rows[0]!.digest;

    console.log(
      JSON.stringify(
        {
          machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
          cases: CASES,
          marks,
          sessionsPerPupil,
          kept,
          asOf: AS_OF,
          summary,
          written,
          decisionsDigest: digest,
          dailyJobSeconds: jobSeconds,
          // Each phase's wall time summed over the batches (batches at once overlap, so the sum can exceed the job).
          dailyJobPhaseSeconds: Object.fromEntries(
            Object.entries(phaseMs).map(([p, ms]) => [p, Math.round(ms / 10) / 100]),
          ),
          concurrency: args.concurrency === undefined ? 2 : Number(args.concurrency),
          rawAggregateBaselineSeconds: baselineSeconds,
          ratio: Math.round((jobSeconds / Math.max(baselineSeconds, 0.01)) * 10) / 10,
          // CPU seconds spent (this process, and the embedded server's processes; null on an outside server).
          dailyJobCpu: jobCpu,
          rawAggregateBaselineCpu: baselineCpu,
          loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
          targetSeconds: CASES > 10_000 ? 60 : 30,
        },
        null,
        2,
      ),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
