// `npm run bench [-- --pupils 20000]`: builds a synthetic authority on a throwaway database (the embedded
// PostgreSQL, or a new database on DATABASE_URL's server), then measures and prints JSON:
// - CSV import rate through our importer, the raw COPY rate of the same rows into a bare table, and their ratio;
// - p50/p95 of the authority-wide rates query, one pupil's attendance page data, and the at-risk queue.
// A benchmark, not a test: it asserts nothing and is not part of npm test.
// `npm run bench -- daily [--cases 10000]` runs the daily job's benchmark instead (scripts/bench-daily.ts).
import { addDays } from "../lib/domain/dates";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "../lib/domain/school-calendar";
import { csvRow } from "../lib/domain/csv";
import { makeUpn, seededRng } from "../prisma/factories";
import { openBenchDatabase } from "./lib/bench-database";

// `npm run bench -- daily [--cases N]` is the daily job's benchmark, in scripts/bench-daily.ts.
const DAILY_MODE = process.argv[2] === "daily";
const { values: args } = parseArgs({
  args: DAILY_MODE ? [] : process.argv.slice(2),
  options: { pupils: { type: "string", default: "20000" }, runs: { type: "string", default: "40" } },
});
const PUPILS = Number(args.pupils);
const RUNS = Number(args.runs);
const CLOCK = "2026-07-21"; // the last week of 2025/26 in the demo calendar: a full year of marks before it
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

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

async function main() {
  // A throwaway database.
  const { url, stop } = await openBenchDatabase("bench", CLOCK);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ft-bench-"));
  try {
    // The authority: schools of ~400 pupils, one in five an academy.
    const rng = seededRng(20_000);
    const {
      rows: [authority],
    } = await pool.query<{ id: string }>(
      "INSERT INTO authority (la_code, name) VALUES ('999', 'Bench Authority') RETURNING id",
    );
    const authorityId = authority!.id;
    const schoolCount = Math.max(1, Math.round(PUPILS / 400));
    const schools: { id: string; estab: string }[] = [];
    for (let s = 0; s < schoolCount; s++) {
      const estab = String(2000 + s).padStart(4, "0");
      const {
        rows: [school],
      } = await pool.query<{ id: string }>(
        "INSERT INTO school (authority_id, urn, estab_number, name, phase, type) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        [
          authorityId,
          900000 + s,
          estab,
          `Bench School ${s + 1}`,
          s % 3 === 0 ? "secondary" : "primary",
          s % 5 === 0 ? "academy" : "maintained",
        ],
      );
      schools.push({ id: school!.id, estab });
    }
    const pupils = Array.from({ length: PUPILS }, (_, i) => {
      const school = schools[i % schoolCount]!;
      return {
        id: randomUUID(),
        upn: makeUpn("999", school.estab, 10 + Math.floor(i / schoolCount / 1000), Math.floor(i / schoolCount) % 1000),
        schoolId: school.id,
      };
    });
    const copyRows = async (sql: string, rows: string[]) => {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
      } finally {
        client.release();
      }
    };
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

    const { importCalendarCsv } = await import("../lib/server/calendar/import-calendar-csv");
    await importCalendarCsv(
      { system: "bench", authorityId },
      "kind,start,end,name\n" +
        DEMO_CALENDAR_ENTRIES_2025_27.map((e) => csvRow([e.kind, e.start, e.end, e.name])).join(""),
    );

    // One year of marks as a register CSV file.
    const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
    const days: string[] = [];
    for (let d = "2025-09-03"; d <= CLOCK; d = addDays(d, 1)) if (calendar.isSchoolDay(d)) days.push(d);
    const file = path.join(tmp, "register.csv");
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
    const bytes = fs.statSync(file).size;
    log(`${marks} marks, ${(bytes / 1e6).toFixed(0)} MB of CSV`);

    // Baseline: COPY of the same rows into a bare table.
    await pool.query("CREATE TABLE bench_raw (upn text, date date, session text, code text)");
    let t = Date.now();
    {
      const client = await pool.connect();
      await pipeline(
        fs.createReadStream(file),
        client.query(copyFrom("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)")),
      );
      client.release();
    }
    const rawSeconds = (Date.now() - t) / 1000;
    await pool.query("DROP TABLE bench_raw");
    log(`raw COPY: ${rawSeconds.toFixed(1)} s`);

    const { importRegisterCsv } = await import("../lib/server/attendance/import-register");
    t = Date.now();
    const outcome = await importRegisterCsv({
      actor: { system: "bench", authorityId },
      input: fs.createReadStream(file),
      onProgress: ({ phase, lines }) => {
        if (phase !== "reading" || lines % 1_000_000 === 0)
          log(`import: ${phase} ${lines} at ${((Date.now() - t) / 1000).toFixed(1)} s`);
      },
    });
    const importSeconds = (Date.now() - t) / 1000;
    if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    log(`our import: ${importSeconds.toFixed(1)} s`);
    await pool.query("VACUUM ANALYZE");

    // Queries, as a manager and an officer of the authority would run them.
    const { rows: users } = await pool.query<{ id: string; role: string }>(
      `INSERT INTO app_user (authority_id, email, name, role, password_hash, must_change_password) VALUES
       ($1, 'manager@bench.test', 'Bench Manager', 'manager', 'x', false), ($1, 'officer@bench.test', 'Bench Officer', 'officer', 'x', false)
       RETURNING id, role`,
      [authorityId],
    );
    const actor = (role: string) => ({
      id: users.find((u) => u.role === role)!.id,
      name: "Bench",
      email: `${role}@bench.test`,
      role: role as "manager",
      authorityId,
      authorityName: "Bench Authority",
      schoolId: null,
      schoolName: null,
      mustChangePassword: false,
    });
    const { findSchoolRates } = await import("../lib/server/attendance/find-school-rates");
    const { getPupilAttendancePage } = await import("../lib/server/attendance/get-pupil-attendance-page");
    const { findPupilsAtRisk } = await import("../lib/server/attendance/find-pupils-at-risk");
    const authorityRates = await timed(RUNS, () => findSchoolRates(actor("manager"), "2025-09-01", CLOCK));
    const pupilPage = await timed(RUNS, (i) =>
      getPupilAttendancePage(actor("officer"), pupils[(i * 7919) % PUPILS]!.id),
    );
    const atRisk = await timed(RUNS, () => findPupilsAtRisk(actor("officer"), { page: 1 }));
    const queue = await findPupilsAtRisk(actor("officer"), { page: 1 });

    const result = {
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
      pupils: PUPILS,
      schools: schoolCount,
      marks,
      csvMegabytes: Math.round(bytes / 1e6),
      import: {
        ourMarksPerSecond: Math.round(marks / importSeconds),
        rawCopyMarksPerSecond: Math.round(marks / rawSeconds),
        ratio: Math.round((rawSeconds / importSeconds) * 100) / 100,
        ourSeconds: importSeconds,
        rawCopySeconds: rawSeconds,
      },
      authorityRatesMs: authorityRates,
      pupilAttendancePageMs: pupilPage,
      atRiskQueueMs: { ...atRisk, pupilsInQueue: queue.total },
      targets: { importRatio: 0.5, authorityRatesP95Ms: 100, pupilP95Ms: 20, atRiskP95Ms: 200 },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await pool.end();
    const { closePgPool } = await import("../lib/server/pg");
    const { db } = await import("../lib/server/db");
    await closePgPool();
    await db.$disconnect();
    await stop();
  }
}

if (DAILY_MODE) {
  await import("./bench-daily");
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
