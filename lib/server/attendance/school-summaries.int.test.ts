// The authority's figures at scale (ADR 057) read two summaries of summaries, recounted by each writer of the rows
// they sum: attendance_school_year (pupils, persistent and severe absentees per school and year) from
// attendance_pupil_year, and attendance_school_week from attendance_school_day. Each must equal a recount from
// the rows it sums after every kind of write: a first load, corrections, new days, a calendar change (the rolling
// figure recomputed), other years' first loads and the register's erasure. And the authority's figures and the
// at-risk queue read through them must be exactly what a recount from the marks' summaries gives.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD } from "@/lib/domain/attendance-rates";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { importCalendarCsv } from "../calendar/import-calendar-csv";
import { applyRetention } from "../retention/run-retention";
import { AT_RISK_PER_PAGE, queryPupilsAtRisk } from "./find-pupils-at-risk";
import { findSchoolRates } from "./find-school-rates";
import { importRegisterCsv } from "./import-register";

let authority: Awaited<ReturnType<typeof makeAuthority>>;
let manager: Actor;
let pupils: { id: string; upn: string }[];

const CODES = ["/", "N", "I", "/", "G", "/", "O", "#", "/", "U", "/", "M", "/", "/", "N", "/"];

/** Weekday marks for every pupil from `from` to `to`, the codes shifted by `shift` and by each pupil's place. */
function marks(from: string, to: string, shift: number): string[] {
  const lines: string[] = [];
  pupils.forEach((p, i) => {
    let n = i * 3 + shift;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const day = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (day === 0 || day === 6) continue;
      for (const session of ["AM", "PM"]) {
        // Some pupils are mostly absent, so that persistent and severe absence both occur.
        const code = i % 5 === 0 ? "N" : CODES[n++ % CODES.length]!;
        lines.push(`${p.upn},${d},${session},${code === "/" && session === "PM" ? "\\" : code}`);
      }
    }
  });
  return lines;
}

async function load(lines: string[]) {
  const outcome = await importRegisterCsv({
    actor: { system: "cli", authorityId: authority.id },
    input: Readable.from([["upn,date,session,code", ...lines].join("\n")]),
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  return outcome.counts;
}

const nonZero = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
  rows.filter((r) => Object.entries(r).some(([k, v]) => !keys.includes(k) && Number(v) !== 0));

/** Both summaries against a recount from the rows they sum (rows of all zeros count as absent). */
async function expectSummariesExact() {
  const schoolYear = await rawPool.query(
    `SELECT academic_year, school_key, pupils, persistent, severe FROM attendance_school_year
     WHERE authority_id = $1 ORDER BY 1, 2`,
    [authority.id],
  );
  const schoolYearRecount = await rawPool.query(
    `SELECT academic_year, school_key, count(*) FILTER (WHERE possible > 0)::int AS pupils,
            count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= $2 * possible)::int AS persistent,
            count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= $3 * possible)::int AS severe
     FROM attendance_pupil_year WHERE authority_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [authority.id, PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD],
  );
  const yearKeys = ["academic_year", "school_key"];
  expect(nonZero(schoolYear.rows, yearKeys)).toEqual(nonZero(schoolYearRecount.rows, yearKeys));
  const schoolWeek = await rawPool.query(
    `SELECT week_start::text, school_key, possible, present, approved_activity, authorised, unauthorised
     FROM attendance_school_week WHERE authority_id = $1 ORDER BY 1, 2`,
    [authority.id],
  );
  const schoolWeekRecount = await rawPool.query(
    `SELECT date_trunc('week', date)::date::text AS week_start, school_key, sum(possible)::int AS possible,
            sum(present)::int AS present, sum(approved_activity)::int AS approved_activity,
            sum(authorised)::int AS authorised, sum(unauthorised)::int AS unauthorised
     FROM attendance_school_day WHERE authority_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [authority.id],
  );
  const weekKeys = ["week_start", "school_key"];
  expect(nonZero(schoolWeek.rows, weekKeys)).toEqual(nonZero(schoolWeekRecount.rows, weekKeys));
  return { schoolYears: schoolYearRecount.rows.length, schoolWeeks: schoolWeekRecount.rows.length };
}

/** findSchoolRates over each range against sums straight from the school-day summary and the pupil years. */
async function expectRatesExact(ranges: [string, string][]) {
  for (const [from, to] of ranges) {
    const rates = await findSchoolRates(manager, from, to);
    const { rows } = await rawPool.query<{ id: string; possible: number; unauthorised: number; authorised: number }>(
      `SELECT s.id, coalesce(sum(d.possible), 0)::int AS possible, coalesce(sum(d.authorised), 0)::int AS authorised,
              coalesce(sum(d.unauthorised), 0)::int AS unauthorised
       FROM school s LEFT JOIN attendance_school_day d ON d.authority_id = s.authority_id
         AND d.school_key = s.store_key AND d.date BETWEEN $2 AND $3
       WHERE s.authority_id = $1 GROUP BY s.id`,
      [authority.id, from, to],
    );
    const { rows: absentees } = await rawPool.query<{ persistent: number; severe: number }>(
      `SELECT count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= $3 * possible)::int AS persistent,
              count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= $4 * possible)::int AS severe
       FROM attendance_pupil_year WHERE authority_id = $1 AND academic_year = $2`,
      [
        authority.id,
        Number(to.slice(0, 4)) - (to.slice(5) < "09-01" ? 1 : 0),
        PERSISTENT_ABSENCE_THRESHOLD,
        SEVERE_ABSENCE_THRESHOLD,
      ],
    );
    const shown = [...rates.academies, ...rates.others].map((s) => ({
      id: s.schoolId,
      possible: s.figures.possible,
      authorised: s.figures.authorised,
      unauthorised: s.figures.unauthorised,
    }));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(shown.sort(byId), `${from} to ${to}`).toEqual(rows.sort(byId));
    expect(rates.authorityTotal.persistent).toBe(absentees[0]!.persistent);
    expect(rates.authorityTotal.severe).toBe(absentees[0]!.severe);
  }
}

// Ranges that start and end on every day of the week, inside one week, across weeks and across the year's end.
const RANGES: [string, string][] = [
  ["2025-09-01", "2026-07-21"],
  ["2026-09-01", "2026-11-20"],
  ["2026-09-02", "2026-09-04"],
  ["2026-09-05", "2026-09-13"],
  ["2026-09-07", "2026-09-13"],
  ["2026-09-09", "2026-10-21"],
  ["2026-08-01", "2026-12-31"],
  ["2025-10-15", "2026-09-30"],
];

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const schools = [await makeSchool(testDb, authority), await makeSchool(testDb, authority, { type: "academy" })];
  pupils = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      makePupil(testDb, { authority, school: schools[i % 2]!, enrolledOn: "2018-09-01" }),
    ),
  );
  manager = await makeActor({ authority, role: "manager" });
});

describe("the school-year and school-week summaries", () => {
  it("equal a recount after a first load, corrections, new days, a calendar change, other years and the register's erasure", async () => {
    // A first load of this year (COPYed, summaries written in bulk).
    expect((await load(marks("2026-09-01", "2026-10-16", 0))).marksCreated).toBeGreaterThan(0);
    expect((await expectSummariesExact()).schoolWeeks).toBeGreaterThan(10);
    await expectRatesExact(RANGES);

    // Corrections (codes changed) and new days, in one incremental load.
    const counts = await load(marks("2026-10-05", "2026-11-13", 7));
    expect(counts.marksUpdated).toBeGreaterThan(0);
    expect(counts.marksCreated).toBeGreaterThan(0);
    await expectSummariesExact();
    await expectRatesExact(RANGES);

    // The calendar arrives: every pupil-year's rolling figure is recomputed (the pupil years are updated).
    await importCalendarCsv(
      { system: "seed", authorityId: authority.id },
      "kind,start,end,name\nterm,2025-09-01,2025-12-19,Autumn 2025\nterm,2026-01-05,2026-07-21,Spring and summer 2026\n" +
        "term,2026-09-01,2026-12-18,Autumn 2026\n",
    );
    const { rows: rolling } = await rawPool.query(
      "SELECT count(*)::int AS n FROM attendance_pupil_year WHERE authority_id = $1 AND max_penalty_10_weeks IS NOT NULL",
      [authority.id],
    );
    expect(rolling[0]!.n).toBeGreaterThan(0);
    await expectSummariesExact();

    // Last year's register, a first load of another year, then a correction inside it.
    await load(marks("2025-09-01", "2025-12-19", 3));
    await load(marks("2025-11-03", "2025-11-07", 11));
    expect((await expectSummariesExact()).schoolYears).toBe(4);
    await expectRatesExact(RANGES);

    // A register from 2018/19, past the retention period, then the register's erasure of it (pupil-years deleted).
    // (Sent while the authority kept registers 10 years: an import refuses marks past the period; it then chose
    // the statutory 6.)
    await rawPool.query(
      "INSERT INTO retention_schedule (authority_id, record_type, keep_months, updated_by) VALUES ($1, 'register_marks', 120, $2)",
      [authority.id, manager.id],
    );
    await load(marks("2019-03-04", "2019-03-15", 5));
    expect((await expectSummariesExact()).schoolYears).toBe(6);
    await rawPool.query("DELETE FROM retention_schedule WHERE authority_id = $1", [authority.id]);
    await applyRetention({ today: "2026-11-20", authorityId: authority.id });
    const { rows: left } = await rawPool.query(
      "SELECT DISTINCT academic_year FROM attendance_pupil_year WHERE authority_id = $1 ORDER BY 1",
      [authority.id],
    );
    expect(left.map((r) => r.academic_year)).toEqual([2025, 2026]);
    const { rows: erased } = await rawPool.query(
      "SELECT sum(pupils)::int AS pupils FROM attendance_school_year WHERE authority_id = $1 AND academic_year = 2018",
      [authority.id],
    );
    expect(erased[0]!.pupils).toBe(0);
    await expectSummariesExact();
    await expectRatesExact(RANGES);
  });
});

describe("the at-risk queue's pages", () => {
  let officer: Actor;
  let queueAuthority: Awaited<ReturnType<typeof makeAuthority>>;
  // Each pupil's figures as written: authorised, unauthorised (of 100 possible) and the rolling figure.
  const figuresOf = new Map<string, { reached: boolean; absent: number; lastName: string }>();

  beforeAll(async () => {
    queueAuthority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, queueAuthority);
    officer = await makeActor({ authority: queueAuthority, role: "officer" });
    const many = await Promise.all(
      Array.from({ length: 2 * AT_RISK_PER_PAGE + 17 }, (_, i) =>
        makePupil(testDb, {
          authority: queueAuthority,
          school,
          enrolledOn: "2026-09-01",
          yearGroup: i % 3 === 0 ? "8" : "9",
        }),
      ),
    );
    // Few distinct figures, so that pupils with the same figures straddle every page's edge (ordered by name then).
    const { rows } = await rawPool.query<{ id: string; store_key: number }>(
      "SELECT id, store_key FROM pupil WHERE authority_id = $1",
      [queueAuthority.id],
    );
    const keyOf = new Map(rows.map((r) => [r.id, r.store_key]));
    many.forEach((p, i) =>
      figuresOf.set(p.id, {
        reached: (i % 4 === 0 ? 10 + (i % 2) : i % 7) >= PENALTY_NOTICE_THRESHOLD.sessions,
        absent: (i % 3) * 5 + 10 + (i % 2) * 5,
        lastName: p.lastName,
      }),
    );
    const { rows: schoolRow } = await rawPool.query<{ store_key: number }>(
      "SELECT store_key FROM school WHERE authority_id = $1",
      [queueAuthority.id],
    );
    await rawPool.query(
      `INSERT INTO attendance_pupil_year (authority_id, academic_year, pupil_key, school_key, possible, present,
         approved_activity, authorised, unauthorised, max_penalty_10_weeks, threshold_week_start)
       SELECT $1, 2026, k, $2, 100, 100 - a - u, 0, a, u, m, CASE WHEN m >= $5 THEN DATE '2026-10-05' END
       FROM unnest($3::int[], $4::int[]) AS x(k, i),
            LATERAL (SELECT (i % 3) * 5 AS a, 10 + (i % 2) * 5 AS u, CASE WHEN i % 4 = 0 THEN 10 + i % 2 ELSE i % 7 END AS m) f`,
      [
        queueAuthority.id,
        schoolRow[0]!.store_key,
        many.map((p) => keyOf.get(p.id)),
        many.map((_, i) => i),
        PENALTY_NOTICE_THRESHOLD.sessions,
      ],
    );
  });

  it("are the slices of the whole queue in its order, ties on the figures broken by name, for every filter", async () => {
    for (const filters of [{}, { yearGroup: "8" }]) {
      // The whole queue, sorted in Node by the documented order.
      const all: Awaited<ReturnType<typeof queryPupilsAtRisk>>["pupils"] = [];
      const first = await queryPupilsAtRisk(officer, { ...filters, page: 1 });
      expect(first.pageCount).toBeGreaterThan(filters.yearGroup ? 0 : 2);
      for (let page = 1; page <= first.pageCount; page++) {
        const result = await queryPupilsAtRisk(officer, { ...filters, page });
        expect(result.total).toBe(first.total);
        all.push(...result.pupils);
      }
      expect(all).toHaveLength(first.total);
      expect(new Set(all.map((p) => p.pupilId)).size).toBe(all.length);
      const f = (p: (typeof all)[number]) => figuresOf.get(p.pupilId)!;
      expect(all.every((p) => p.thresholdReached === f(p).reached)).toBe(true);
      const sorted = [...all].sort(
        (a, b) =>
          Number(f(b).reached) - Number(f(a).reached) ||
          f(b).absent - f(a).absent ||
          (f(a).lastName < f(b).lastName ? -1 : f(a).lastName > f(b).lastName ? 1 : 0) ||
          (a.pupilId < b.pupilId ? -1 : 1),
      );
      expect(all.map((p) => p.pupilId)).toEqual(sorted.map((p) => p.pupilId));
    }
  });
});
