// `npm run bench [-- --pupils 20000]`: the register store's benchmark (ADR 050). On a throwaway database (the
// embedded PostgreSQL, or a new database on DATABASE_URL's server) it builds a synthetic authority of that many
// pupils, then measures and prints JSON:
// - a school year of marks as a register CSV through our importer (a first load), against a raw COPY of the same
//   file into a bare table in the same run, and their ratio; that COPY plus the key and a per-pupil summary built
//   on it (a floor for any importer keeping both, and the ratio it would give: `ceilingRatio`); the disk used per
//   million marks;
// - one more day's file for the whole authority into the loaded year (an incremental load);
// - p50/p95 of the authority's figures over a year and over a term, of one pupil's attendance page data, and of
//   the at-risk queue's first page.
// `--pupils 240000` is Kent's scale (about 90 million marks). `npm run bench -- kent [--pupils 240000]` measures the
// same figures at Kent's scale without the year's import: the year is written through the register store's
// first-load writer from generated marks (scripts/lib/bench-store-year.ts: its set-up time is printed, and is not
// the importer's), then the one-day file goes through the real importer. A benchmark, not a test: it asserts nothing
// and is not part of npm test. `--keep <dir>` keeps the embedded database in that folder: the first run builds it and
// measures everything; later runs with the same folder measure only the queries on it (with any new migrations
// applied), so that a query change is measured before and after on the same data. Delete the folder when done.
// A kept database's first run imports the one-day file as a trial (rolled back), so that the folder holds the year
// without that day: `npm run bench -- day --keep <dir> [--runs 3] [--explain]` then measures only the one-day file,
// each run as a trial on the same stored year (vacuumed before each run), with each phase's wall, Node CPU and
// server CPU seconds; `--explain` logs every statement over 50 ms with its plan, buffers and WAL (auto_explain) to
// <dir>/postgres.log. Build the folder with `npm run bench -- kent --pupils 60000 --keep <dir>` to iterate in minutes.
// `npm run bench -- daily` is the daily job's benchmark (bench-daily.ts); `npm run bench --
// pages` is the pages under load (bench-pages.ts); `npm run bench -- audit` what the audit chain costs (bench-audit.ts);
// `npm run bench -- citus` is the national-scale benchmark on one PostgreSQL and on a Citus cluster (bench-citus.ts).
import { randomUUID } from "node:crypto";
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
import { NUMBERED_CODES } from "../lib/domain/attendance-codes";
import { csvRow } from "../lib/domain/csv";
import { makeUpn, seededRng } from "../prisma/factories";
import { closeAppPools, openBenchDatabase } from "./lib/bench-database";

const MODE = process.argv[2];
const KENT = MODE === "kent";
const DAY = MODE === "day";
const { values: args } = parseArgs({
  args:
    MODE === "daily" || MODE === "pages" || MODE === "audit" || MODE === "citus"
      ? []
      : process.argv.slice(KENT || DAY ? 3 : 2),
  options: {
    pupils: { type: "string", default: KENT ? "240000" : "20000" },
    runs: { type: "string", default: DAY ? "3" : "40" },
    keep: { type: "string" },
    explain: { type: "boolean", default: false },
  },
});
const PUPILS = Number(args.pupils);
const RUNS = Number(args.runs);
const CLOCK = "2026-07-21"; // the last school day of 2025/26 in the demo calendar
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const seconds = (t: number) => Math.round((Date.now() - t) / 10) / 100;

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

/** This process's CPU time (user + system) per call, and the statements each call sent, over `runs` calls. */
async function callCost(runs: number, fn: (i: number) => Promise<unknown>) {
  const original = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
    statements++;
    return (original as (...x: unknown[]) => unknown).apply(this, a);
  } as typeof original;
  try {
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i++) await fn(i);
    const used = process.cpuUsage(start);
    return {
      cpuMsPerCall: Math.round(((used.user + used.system) / 1000 / runs) * 100) / 100,
      statementsPerCall: Math.round((statements / runs) * 10) / 10,
    };
  } finally {
    pg.Client.prototype.query = original;
  }
}

type Pupil = { id: string; upn: string; schoolId: string };

/** The authority: schools of about 400 pupils (one in five an academy), each pupil enrolled from 1 September 2025. */
async function buildAuthority(pool: pg.Pool) {
  const copyRows = async (sql: string, rows: string[]) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
    } finally {
      client.release();
    }
  };
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO authority (la_code, name) VALUES ('999', 'Bench Authority') RETURNING id",
  );
  const authorityId = rows[0]!.id;
  const schoolCount = Math.max(1, Math.round(PUPILS / 400));
  const schools: { id: string; estab: string }[] = Array.from({ length: schoolCount }, (_, s) => ({
    id: randomUUID(),
    estab: String(2000 + s).padStart(4, "0"),
  }));
  await copyRows(
    "COPY school (id, authority_id, urn, estab_number, name, phase, type) FROM STDIN (FORMAT csv)",
    schools.map(
      (s, i) =>
        `${s.id},${authorityId},${900000 + i},${s.estab},Bench School ${i + 1},${i % 3 === 0 ? "secondary" : "primary"},${i % 5 === 0 ? "academy" : "maintained"}\n`,
    ),
  );
  const pupils: Pupil[] = Array.from({ length: PUPILS }, (_, i) => {
    const school = schools[i % schoolCount]!;
    const serial = Math.floor(i / schoolCount);
    return {
      id: randomUUID(),
      upn: makeUpn("999", school.estab, 10 + Math.floor(serial / 1000), serial % 1000),
      schoolId: school.id,
    };
  });
  await copyRows(
    "COPY pupil (id, authority_id, upn, upn_temporary, first_name, last_name, date_of_birth, sex) FROM STDIN (FORMAT csv)",
    pupils.map((p, i) =>
      csvRow([p.id, authorityId, p.upn, "false", `Pupil${i}`, "Bench", "2013-05-01", i % 2 ? "F" : "M"]).replace(
        "\r\n",
        "\n",
      ),
    ),
  );
  await copyRows(
    "COPY enrolment (authority_id, pupil_id, school_id, start_date, year_group) FROM STDIN (FORMAT csv)",
    pupils.map((p) => `${authorityId},${p.id},${p.schoolId},2025-09-01,7\n`),
  );
  log(`${PUPILS} pupils in ${schoolCount} schools`);
  return { authorityId, schoolCount, pupils };
}

/** A register CSV of every pupil over `days`: about 6% of pupils often absent (N, I), the rest rarely. */
async function writeRegister(file: string, pupils: Pupil[], days: string[], seed: number): Promise<number> {
  const rng = seededRng(seed);
  const out = fs.createWriteStream(file);
  out.write("upn,date,session,code\n");
  let marks = 0;
  for (const p of pupils) {
    const absentee = rng() < 0.06;
    let chunk = "";
    for (const d of days) {
      for (const session of ["AM", "PM"]) {
        const r = rng();
        const code =
          r < (absentee ? 0.08 : 0.01) ? "N" : r < (absentee ? 0.2 : 0.05) ? "I" : session === "AM" ? "/" : "\\";
        chunk += `${p.upn},${d},${session},${code}\n`;
        marks++;
      }
    }
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return marks;
}

/**
 * The raw baselines, in the same run: a COPY of the file into a bare table (the baseline); then, on that
 * table, what any importer that keeps a key and a summary must at least do besides: the unique key built once over
 * the loaded rows, and one per-pupil count of possible and unauthorised sessions. Their sum is a floor for such an
 * importer, so `raw / floor` is the best ratio it could reach on this machine.
 */
async function rawCopySeconds(pool: pg.Pool, file: string) {
  // "C" collation: the cheapest order for the key (the store itself keys on integers), so the floor is not overstated.
  await pool.query(
    `CREATE TABLE bench_raw (upn text COLLATE "C", date date, session text COLLATE "C", code text COLLATE "C")`,
  );
  const t = Date.now();
  const client = await pool.connect();
  try {
    await pipeline(
      fs.createReadStream(file),
      client.query(copyFrom("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)")),
    );
  } finally {
    client.release();
  }
  const copy = seconds(t);
  const k = Date.now();
  const keyClient = await pool.connect();
  try {
    // The memory the store's own key build has (attendance_mark_attach_year), so the floor is not overstated.
    await keyClient.query("SET maintenance_work_mem = '256MB'");
    await keyClient.query("ALTER TABLE bench_raw ADD PRIMARY KEY (upn, date, session)");
  } finally {
    await keyClient.query("RESET maintenance_work_mem");
    keyClient.release();
  }
  const key = seconds(k);
  const codesOf = (category: string) =>
    NUMBERED_CODES.filter((c) => c.category === category).map((c) => `'${c.code.replace(/'/g, "''")}'`);
  const m = Date.now();
  await pool.query(
    `CREATE TABLE bench_raw_pupil AS SELECT upn,
       count(*) FILTER (WHERE code NOT IN (${[...new Set(codesOf("not_possible"))].join(",")})) AS possible,
       count(*) FILTER (WHERE code IN (${[...new Set(codesOf("unauthorised"))].join(",")})) AS unauthorised
     FROM bench_raw GROUP BY upn`,
  );
  const summary = seconds(m);
  await pool.query("DROP TABLE bench_raw, bench_raw_pupil");
  return { copy, key, summary, floor: Math.round((copy + key + summary) * 100) / 100 };
}

type PhaseMark = { at: number; nodeCpu: number; serverCpu: number | null };

/**
 * Imports a register CSV through the importer; a trial is rolled back at the end (see ImportOptions.trial). With
 * `serverCpu` (the embedded server's CPU seconds so far), each phase's wall, Node CPU and server CPU seconds.
 */
async function importFile(authorityId: string, file: string, trial = false, serverCpu?: () => number | null) {
  const { importRegisterCsv } = await import("../lib/server/attendance/import-register");
  const t = Date.now();
  const phases: Record<string, number> = {};
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const marks: [string, PhaseMark][] = [["start", { at: 0, nodeCpu: cpu(), serverCpu: serverCpu?.() ?? null }]];
  const outcome = await importRegisterCsv({
    actor: { system: "bench", authorityId },
    input: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
    trial,
    onProgress: ({ phase, lines }) => {
      if (phases[phase] === undefined)
        marks.push([phase, { at: seconds(t), nodeCpu: cpu(), serverCpu: serverCpu?.() ?? null }]);
      phases[phase] ??= seconds(t);
      if (phase !== "reading" || lines % 5_000_000 === 0) log(`import: ${phase} ${lines} at ${seconds(t)} s`);
    },
  });
  if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  marks.push(["end", { at: seconds(t), nodeCpu: cpu(), serverCpu: serverCpu?.() ?? null }]);
  const round = (n: number) => Math.round(n * 100) / 100;
  // Each phase from its start to the next one's: wall, Node CPU and server CPU seconds ("reading" starts at the
  // transaction's start, so it includes the roster's load; "done" is the commit or the trial's rollback).
  const phaseSeconds = Object.fromEntries(
    marks.slice(0, -1).map(([name, m], i) => {
      const next = marks[i + 1]![1];
      const server = m.serverCpu === null || next.serverCpu === null ? null : round(next.serverCpu - m.serverCpu);
      return [
        name === "start" ? "opening" : name,
        { wall: round(next.at - m.at), nodeCpu: round(next.nodeCpu - m.nodeCpu), serverCpu: server },
      ];
    }),
  );
  return { seconds: seconds(t), phases, phaseSeconds, counts: outcome.counts };
}

/** Bytes on disk of the authority's marks (tables and indexes) and of its summaries. */
async function diskBytes(pool: pg.Pool, authorityId: string) {
  const { rows } = await pool.query<{ marks: string; summaries: string }>(
    `SELECT (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
             WHERE c.relname LIKE attendance_mark_partition_name($1) || '%' AND c.relkind IN ('r', 'i')) AS marks,
            (SELECT sum(pg_total_relation_size(t::regclass)) FROM unnest(ARRAY['attendance_school_day',
              'attendance_authority_day', 'attendance_pupil_week', 'attendance_pupil_year']) t) AS summaries`,
    [authorityId],
  );
  return { marks: Number(rows[0]!.marks), summaries: Number(rows[0]!.summaries) };
}

async function measureQueries(pool: pg.Pool, authorityId: string, pupils: Pupil[]) {
  await pool.query(
    `INSERT INTO app_user (authority_id, email, name, role, password_hash, must_change_password) VALUES
     ($1, 'manager@bench.test', 'Bench Manager', 'manager', 'x', false), ($1, 'officer@bench.test', 'Bench Officer', 'officer', 'x', false)
     ON CONFLICT (email) DO NOTHING`,
    [authorityId],
  );
  const { rows: users } = await pool.query<{ id: string; role: string }>(
    "SELECT id, role FROM app_user WHERE authority_id = $1 AND email LIKE '%@bench.test'",
    [authorityId],
  );
  const actor = (role: "manager" | "officer") => ({
    id: users.find((u) => u.role === role)!.id,
    name: "Bench",
    email: `${role}@bench.test`,
    role,
    authorityId,
    authorityName: "Bench Authority",
    schoolId: null,
    schoolName: null,
    mustChangePassword: false,
  });
  const { findSchoolRates } = await import("../lib/server/attendance/find-school-rates");
  const { getPupilAttendancePage } = await import("../lib/server/attendance/get-pupil-attendance-page");
  const { findPupilsAtRisk } = await import("../lib/server/attendance/find-pupils-at-risk");
  const queue = await findPupilsAtRisk(actor("officer"), { page: 1 });
  return {
    authorityRatesYearMs: await timed(RUNS, () => findSchoolRates(actor("manager"), "2025-09-01", CLOCK)),
    authorityRatesTermMs: await timed(RUNS, () => findSchoolRates(actor("manager"), "2026-01-05", "2026-03-27")),
    pupilAttendancePageMs: await timed(RUNS, (i) =>
      getPupilAttendancePage(actor("officer"), pupils[(i * 7919) % PUPILS]!.id),
    ),
    // What one call costs apart from waiting (ADR 079): this process's CPU per call over RUNS calls, and the
    // statements it sends (pg's, which the Prisma adapter uses too). Neither depends much on the machine's load.
    pupilAttendancePageCost: await callCost(RUNS, (i) =>
      getPupilAttendancePage(actor("officer"), pupils[(i * 104729) % PUPILS]!.id),
    ),
    atRiskQueueMs: {
      ...(await timed(RUNS, () => findPupilsAtRisk(actor("officer"), { page: 1 }))),
      pupilsInQueue: queue.total,
    },
  };
}

async function main() {
  const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 10) / 10);
  if (DAY && !args.keep) throw new Error("npm run bench -- day needs --keep <dir> (a database a first run built)");
  const { url, stop, kept, markBuilt, serverCpuSeconds } = await openBenchDatabase("bench", CLOCK, args.keep);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ft-bench-"));
  try {
    if (DAY) {
      if (!kept) throw new Error(`${args.keep} holds no built database: build it with npm run bench -- kent --keep`);
      await measureDay(pool, tmp, serverCpuSeconds, loadAverageAtStart);
      return;
    }
    if (kept) {
      await measureKept(pool, loadAverageAtStart);
      return;
    }
    const { authorityId, schoolCount, pupils } = await buildAuthority(pool);
    const { importCalendarCsv } = await import("../lib/server/calendar/import-calendar-csv");
    await importCalendarCsv(
      { system: "bench", authorityId },
      "kind,start,end,name\n" +
        DEMO_CALENDAR_ENTRIES_2025_27.map((e) => csvRow([e.kind, e.start, e.end, e.name])).join(""),
    );
    const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
    const days: string[] = [];
    for (let d = "2025-09-03"; d < CLOCK; d = addDays(d, 1)) if (calendar.isSchoolDay(d)) days.push(d);

    let loaded: {
      marks: number;
      csvMegabytes?: number;
      import?: Record<string, unknown>;
      setUp?: Record<string, unknown>;
    };
    if (KENT) {
      const { loadYearThroughStore } = await import("./lib/bench-store-year");
      const t = Date.now();
      const { marks } = await loadYearThroughStore(
        authorityId,
        pupils.map((p) => p.upn),
        days,
        20_000,
        log,
      );
      const s = seconds(t);
      log(`set-up: ${marks} marks through the store's first-load writer in ${s} s`);
      loaded = {
        marks,
        setUp: {
          method: "generated marks through the register store's first-load writer (YearLoad), not the CSV importer",
          seconds: s,
          marksPerSecond: Math.round(marks / s),
        },
      };
    } else {
      const yearFile = path.join(tmp, "year.csv");
      const marks = await writeRegister(yearFile, pupils, days, 20_000);
      const bytes = fs.statSync(yearFile).size;
      log(`${marks} marks, ${(bytes / 1e6).toFixed(0)} MB of CSV`);
      const raw = await rawCopySeconds(pool, yearFile);
      const rawSeconds = raw.copy;
      log(`raw COPY: ${rawSeconds} s; its key ${raw.key} s, a per-pupil summary ${raw.summary} s`);
      const year = await importFile(authorityId, yearFile, false, serverCpuSeconds);
      log(`our import: ${year.seconds} s`);
      fs.rmSync(yearFile);
      loaded = {
        marks,
        csvMegabytes: Math.round(bytes / 1e6),
        import: {
          ourSeconds: year.seconds,
          rawCopySeconds: rawSeconds,
          ratio: Math.round((rawSeconds / year.seconds) * 100) / 100,
          // The best ratio an importer that keeps a key and a summary could reach here (rawCopySeconds).
          rawCopyThenKeyAndSummarySeconds: raw.floor,
          rawKeySeconds: raw.key,
          rawSummarySeconds: raw.summary,
          ceilingRatio: Math.round((rawSeconds / raw.floor) * 100) / 100,
          ourMarksPerSecond: Math.round(marks / year.seconds),
          rawCopyMarksPerSecond: Math.round(marks / rawSeconds),
          phasesStartedAtSeconds: year.phases,
          phaseSeconds: year.phaseSeconds,
        },
      };
    }
    const marks = loaded.marks;
    const disk = await diskBytes(pool, authorityId);

    const dayFile = path.join(tmp, "day.csv");
    const dayMarks = await writeRegister(dayFile, pupils, [CLOCK], 20_001);
    // A kept database keeps the year without the day (a trial), for `npm run bench -- day` to measure again.
    const day = await importFile(authorityId, dayFile, args.keep !== undefined, serverCpuSeconds);
    log(`one day (${dayMarks} marks) into the loaded year: ${day.seconds} s`);
    await pool.query("VACUUM ANALYZE");
    markBuilt();
    const queries = await measureQueries(pool, authorityId, pupils);

    console.log(
      JSON.stringify(
        {
          machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
          loadAverageAtStart,
          loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
          pupils: PUPILS,
          schools: schoolCount,
          ...loaded,
          diskPerMillionMarks: {
            marksMegabytes: Math.round(((disk.marks / marks) * 1e6) / 1e5) / 10,
            summariesMegabytes: Math.round(((disk.summaries / marks) * 1e6) / 1e5) / 10,
          },
          oneDayFile: {
            marks: dayMarks,
            seconds: day.seconds,
            phaseSeconds: day.phaseSeconds,
            counts: day.counts,
            ...(args.keep ? { trial: true } : {}),
          },
          ...queries,
          targets: {
            ...(KENT ? {} : { importRatio: 0.5 }),
            oneDayFileSeconds: 10,
            authorityRatesP95Ms: 100,
            pupilP95Ms: 20,
            atRiskP95Ms: 200,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await pool.end();
    await closeAppPools();
    await stop();
  }
}

/** The authority and pupils (in the order the first run built them) of a kept database. */
async function keptAuthority(pool: pg.Pool) {
  const { rows } = await pool.query<{ id: string; upn: string; school_id: string; authority_id: string }>(
    `SELECT p.id, p.upn, e.school_id, p.authority_id FROM pupil p JOIN enrolment e ON e.pupil_id = p.id
     JOIN authority a ON a.id = p.authority_id WHERE a.la_code = '999' ORDER BY substr(p.first_name, 6)::int`,
  );
  const pupils: Pupil[] = rows.map((r) => ({ id: r.id, upn: r.upn, schoolId: r.school_id }));
  return { authorityId: rows[0]!.authority_id, pupils };
}

/** A kept database (`--keep`): the queries only, on the authority and pupils the first run built. */
async function measureKept(pool: pg.Pool, loadAverageAtStart: number[]) {
  const { authorityId, pupils } = await keptAuthority(pool);
  if (pupils.length !== PUPILS) throw new Error(`The kept database has ${pupils.length} pupils, not ${PUPILS}`);
  const queries = await measureQueries(pool, authorityId, pupils);
  console.log(
    JSON.stringify(
      {
        keptDatabase: true,
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
        pupils: PUPILS,
        ...queries,
      },
      null,
      2,
    ),
  );
}

const STORE_TABLES = [
  "attendance_mark",
  "attendance_mark_change",
  "attendance_import",
  "attendance_school_day",
  "attendance_authority_day",
  "attendance_pupil_week",
  "attendance_pupil_year",
  "attendance_school_week",
  "attendance_school_year",
];

/**
 * `npm run bench -- day --keep <dir>`: the one-day file (the same file as the first run's) into the kept year, as a
 * trial, `--runs` times. Before each run the store is vacuumed with its indexes' dead entries removed (a rolled-back
 * insert leaves them), so each run starts from the same pages. Prints each run's phases.
 */
async function measureDay(
  pool: pg.Pool,
  tmp: string,
  serverCpuSeconds: () => number | null,
  loadAverageAtStart: number[],
) {
  const { authorityId, pupils } = await keptAuthority(pool);
  const dayFile = path.join(tmp, "day.csv");
  const dayMarks = await writeRegister(dayFile, pupils, [CLOCK], 20_001);
  const { rows } = await pool.query<{ marks: string }>(
    "SELECT sum(marks_created)::text AS marks FROM attendance_import WHERE authority_id = $1",
    [authorityId],
  );
  const database = (await pool.query<{ name: string }>("SELECT quote_ident(current_database()) AS name")).rows[0]!.name;
  const settings = [
    "session_preload_libraries = 'auto_explain'",
    "auto_explain.log_min_duration = 50",
    "auto_explain.log_analyze = on",
    "auto_explain.log_buffers = on",
    "auto_explain.log_wal = on",
    "auto_explain.log_timing = on",
  ];
  if (args.explain) {
    // Every connection opened from now on (the importer's pool is opened by the first import) logs its plans.
    for (const setting of settings) await pool.query(`ALTER DATABASE ${database} SET ${setting}`);
    log(`plans of statements over 50 ms: ${path.join(path.resolve(args.keep!), "postgres.log")}`);
  }
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const t = Date.now();
      await pool.query(`VACUUM (INDEX_CLEANUP ON, ANALYZE) ${STORE_TABLES.join(", ")}`);
      log(`vacuumed in ${seconds(t)} s`);
      const loadAverage = os.loadavg().map((l) => Math.round(l * 10) / 10);
      const day = await importFile(authorityId, dayFile, true, serverCpuSeconds);
      log(`run ${i + 1}: one day (${dayMarks} marks), trial, ${day.seconds} s`);
      runs.push({ loadAverage, seconds: day.seconds, phaseSeconds: day.phaseSeconds, counts: day.counts });
    }
  } finally {
    if (args.explain)
      for (const setting of settings) await pool.query(`ALTER DATABASE ${database} RESET ${setting.split(" ")[0]}`);
  }
  console.log(
    JSON.stringify(
      {
        keptDatabase: true,
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
        pupils: pupils.length,
        storedMarks: Number(rows[0]!.marks),
        oneDayFile: { marks: dayMarks, trial: true, runs },
        targets: { oneDayFileSeconds: 10 },
      },
      null,
      2,
    ),
  );
}

if (MODE === "daily") await import("./bench-daily");
else if (MODE === "pages") await import("./bench-pages");
else if (MODE === "audit") await import("./bench-audit");
else if (MODE === "citus") await import("./bench-citus");
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
