import "server-only";
import type pg from "pg";
import { SET_2024_FROM } from "@/lib/domain/attendance-codes";
import type { CtfError } from "@/lib/domain/ctf";
import { formatUkDate } from "@/lib/domain/dates";
import { MAX_LISTED_ERRORS } from "../import-context";
import { refuseOtherSchoolsPupils } from "../ctf-school-staff-pupils";

// The checks a CTF needs the database for, on its stage tables; nothing is written to real tables here.

type Ctx = { authorityId: string; ownSchoolId: string | null; ownSchoolName: string; fail: (e: CtfError) => void };

/**
 * Matches the staged pupils to recorded ones, gives new pupils their ids and store keys, expands the marks into
 * the register store's stage, and reports what only the database can show: a pupil twice in the file, a pupil
 * matching two recorded pupils, marks given twice, marks outside the pupil's enrolment, a year group missing where
 * an enrolment is needed, and (school staff, refuseOtherSchoolsPupils) pupils they may not touch. Returns the
 * number of marks staged.
 */
export async function resolveCtf(client: pg.PoolClient, ctx: Ctx): Promise<number> {
  await client.query("ANALYZE ctf_pupil; ANALYZE ctf_marks; ANALYZE ctf_enrol");
  await excludeRepeatedPupils(client, ctx);
  await matchRecordedPupils(client, ctx);
  await client.query(
    `UPDATE ctf_pupil SET pupil_id = gen_random_uuid(), pupil_key = nextval('pupil_store_key_seq'), created = true
     WHERE pupil_id IS NULL AND NOT excluded`,
  );
  await client.query("CREATE INDEX ON ctf_pupil (pupil_id); CREATE INDEX ON ctf_pupil (pupil_key); ANALYZE ctf_pupil");
  const staged = await expandMarks(client);
  await reportRepeatedMarks(client, ctx);
  await planEnrolments(client, ctx);
  await reportMarksOutsideEnrolment(client, ctx);
  await refuseOtherSchoolsPupils(client, ctx);
  return staged;
}

/** The same UPN (or former UPN) on two pupils of the file: the later ones are left out and reported. */
async function excludeRepeatedPupils(client: pg.PoolClient, { fail }: Ctx): Promise<void> {
  const twice = await client.query<{ line: number; upn: string; first_line: number }>(
    `WITH keys AS (
       SELECT pupil_no, upn AS k FROM ctf_pupil UNION SELECT pupil_no, former_upn FROM ctf_pupil WHERE former_upn IS NOT NULL
     ), firsts AS (
       SELECT k, min(pupil_no) AS first_no FROM keys GROUP BY k HAVING count(*) > 1
     ), later AS (
       SELECT keys.pupil_no, min(firsts.first_no) AS first_no FROM keys JOIN firsts USING (k)
       WHERE keys.pupil_no <> firsts.first_no GROUP BY keys.pupil_no
     )
     UPDATE ctf_pupil c SET excluded = true FROM later JOIN ctf_pupil f ON f.pupil_no = later.first_no
     WHERE c.pupil_no = later.pupil_no RETURNING c.line, c.upn, f.line AS first_line`,
  );
  for (const r of twice.rows)
    fail({
      line: r.line,
      upn: r.upn,
      message: `Duplicate row: this pupil has the same UPN or former UPN as the pupil at line ${r.first_line}`,
    });
}

/**
 * Matches on UPN and former UPN, either way round. More than one recorded pupil is a conflict to resolve first;
 * two pupils of the file matching one recorded pupil are the same pupil twice.
 */
async function matchRecordedPupils(client: pg.PoolClient, { authorityId, fail }: Ctx): Promise<void> {
  const matched = await client.query<{
    line: number;
    upn: string;
    former_upn: string | null;
    n: number;
    upns: string[];
  }>(
    `WITH hits AS (
       SELECT c.pupil_no, p.id, p.store_key, p.upn FROM ctf_pupil c JOIN pupil p ON p.authority_id = $1 AND p.upn = c.upn
       UNION SELECT c.pupil_no, p.id, p.store_key, p.upn FROM ctf_pupil c
         JOIN pupil p ON p.authority_id = $1 AND p.upn = c.former_upn
       UNION SELECT c.pupil_no, p.id, p.store_key, p.upn FROM ctf_pupil c
         JOIN pupil p ON p.authority_id = $1 AND p.former_upn = c.upn
       UNION SELECT c.pupil_no, p.id, p.store_key, p.upn FROM ctf_pupil c
         JOIN pupil p ON p.authority_id = $1 AND p.former_upn = c.former_upn
     ), m AS (
       SELECT pupil_no, array_agg(id) AS ids, array_agg(store_key) AS keys, array_agg(upn ORDER BY upn) AS upns
       FROM hits GROUP BY pupil_no
     )
     UPDATE ctf_pupil c SET pupil_id = CASE WHEN cardinality(m.ids) = 1 THEN m.ids[1] END,
       pupil_key = CASE WHEN cardinality(m.ids) = 1 THEN m.keys[1] END,
       excluded = c.excluded OR cardinality(m.ids) > 1
     FROM m WHERE m.pupil_no = c.pupil_no AND NOT c.excluded
     RETURNING c.line, c.upn, c.former_upn, cardinality(m.ids) AS n, m.upns`,
    [authorityId],
  );
  for (const r of matched.rows.filter((r) => r.n > 1)) {
    fail({
      line: r.line,
      upn: r.upn,
      message: `UPN ${r.upn}${r.former_upn ? ` and former UPN ${r.former_upn}` : ""} match ${r.n} pupils already recorded (UPNs ${r.upns.join(", ")}): merge them before importing this file`,
    });
  }
  const same = await client.query<{ line: number; upn: string; first_line: number }>(
    `WITH d AS (
       SELECT pupil_no, first_value(pupil_no) OVER (PARTITION BY pupil_id ORDER BY pupil_no) AS first_no
       FROM ctf_pupil WHERE pupil_id IS NOT NULL AND NOT excluded
     )
     UPDATE ctf_pupil c SET excluded = true FROM d JOIN ctf_pupil f ON f.pupil_no = d.first_no
     WHERE c.pupil_no = d.pupil_no AND d.pupil_no <> d.first_no RETURNING c.line, c.upn, f.line AS first_line`,
  );
  for (const r of same.rows)
    fail({
      line: r.line,
      upn: r.upn,
      message: `Duplicate row: this is the same pupil as the pupil at line ${r.first_line} (by UPN or former UPN)`,
    });
}

/**
 * Expands each marks string into mark_stage: character i is session i % 2 of start_date + i / 2; "#" and "-" are
 * no mark. The strings were checked in lib/domain/ctf.ts, so every character left is a code in force on its date.
 * mark_stage.line holds the marks string's number (ctf_marks.marks_no), which tells two strings on one XML line
 * apart.
 */
async function expandMarks(client: pg.PoolClient): Promise<number> {
  const expanded = await client.query(
    `INSERT INTO mark_stage (line, pupil_key, date, session, school_key, code_id)
     SELECT k.marks_no, c.pupil_key, d.date, (i % 2)::smallint, k.school_key, ac.id
     FROM ctf_marks k JOIN ctf_pupil c ON c.pupil_no = k.pupil_no AND NOT c.excluded
     CROSS JOIN LATERAL generate_series(0, length(k.marks) - 1) AS i
     CROSS JOIN LATERAL (SELECT substr(k.marks, i + 1, 1) AS code, k.start_date + i / 2 AS date) d
     JOIN attendance_code ac ON ac.code = d.code
       AND ac.code_set = CASE WHEN d.date >= $1::date THEN 2024 ELSE 2006 END
     WHERE d.code NOT IN ('#', '-')`,
    [SET_2024_FROM],
  );
  await client.query("ANALYZE mark_stage");
  return expanded.rowCount ?? 0;
}

/** The same pupil, school, date and session in two marks strings: reported once per string, at its first date. */
async function reportRepeatedMarks(client: pg.PoolClient, { fail }: Ctx): Promise<void> {
  const duplicates = await client.query<{ line: number; first_line: number; upn: string; date: string; n: string }>(
    `WITH d AS (
       SELECT line AS marks_no, date, min(line) OVER (PARTITION BY pupil_key, date, session, school_key) AS first_no
       FROM mark_stage
       WHERE (pupil_key, date, session, school_key) IN (
         SELECT pupil_key, date, session, school_key FROM mark_stage GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)
     ), g AS (
       SELECT marks_no, first_no, min(date) AS date, count(*) AS n FROM d WHERE marks_no <> first_no GROUP BY 1, 2
     )
     SELECT k.line, f.line AS first_line, c.upn, g.date::text, g.n
     FROM g JOIN ctf_marks k ON k.marks_no = g.marks_no JOIN ctf_marks f ON f.marks_no = g.first_no
     JOIN ctf_pupil c ON c.pupil_no = k.pupil_no ORDER BY k.line LIMIT $1`,
    [MAX_LISTED_ERRORS],
  );
  for (const r of duplicates.rows) {
    const n = Number(r.n);
    fail({
      line: r.line,
      upn: r.upn,
      date: r.date,
      message: `Duplicate row: the mark for ${formatUkDate(r.date)}${n > 1 ? ` and ${n - 1} more session${n > 2 ? "s" : ""}` : ""} at this school is also in the AttendanceMarks at line ${r.first_line}`,
    });
  }
}

/**
 * The recorded enrolments of the file's recorded pupils, read first (the authority's shard on Citus) and then
 * compared with the stage tables: Citus cannot correlate a temporary table's rows with a distributed table's
 * (ADR 071). $1 is the authority.
 */
const RECORDED_ENROLMENTS = `recorded_enrolment AS MATERIALIZED (
       SELECT x.pupil_id, x.school_id, x.start_date, x.end_date FROM enrolment x
       WHERE x.authority_id = $1 AND x.pupil_id IN (SELECT pupil_id FROM ctf_pupil WHERE pupil_id IS NOT NULL))`;

/**
 * Enrolments to create (ctf_enrol_plan): for each school with marks, unless the pupil has an enrolment there that
 * is open or overlaps the marks. An enrolment needs the pupil's year group.
 */
async function planEnrolments(client: pg.PoolClient, { authorityId, fail }: Ctx): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE ctf_enrol_plan ON COMMIT DROP AS
     WITH ${RECORDED_ENROLMENTS}
     SELECT e.pupil_no, c.pupil_id, e.school_id, c.line, coalesce(e.entry_date, e.first_mark) AS start_date, c.year_group,
            c.nc_year, c.upn, s.name AS school_name
     FROM ctf_enrol e JOIN ctf_pupil c ON c.pupil_no = e.pupil_no AND NOT c.excluded
     JOIN school s ON s.authority_id = $1 AND s.id = e.school_id
     WHERE NOT EXISTS (
       SELECT 1 FROM recorded_enrolment x WHERE x.pupil_id = c.pupil_id AND x.school_id = e.school_id
         AND (x.end_date IS NULL OR (x.start_date <= e.last_mark AND x.end_date >= e.first_mark)))`,
    [authorityId],
  );
  await client.query("CREATE INDEX ON ctf_enrol_plan (pupil_id, school_id); ANALYZE ctf_enrol_plan");
  const noYear = await client.query<{ line: number; upn: string; nc_year: string | null; school_name: string }>(
    "SELECT line, upn, nc_year, school_name FROM ctf_enrol_plan WHERE year_group IS NULL ORDER BY line LIMIT $1",
    [MAX_LISTED_ERRORS],
  );
  for (const r of noYear.rows) {
    fail({
      line: r.line,
      upn: r.upn,
      message: r.nc_year
        ? `NCyearActual "${r.nc_year}" is not a year group (N1, N2, R or 1 to 14), and one is needed to enrol the pupil at ${r.school_name}`
        : `Missing NCyearActual: the pupil's year group is needed to enrol them at ${r.school_name}`,
    });
  }
}

/** Every mark must fall in an enrolment at its school: one recorded already, or one this import will create. */
async function reportMarksOutsideEnrolment(client: pg.PoolClient, { authorityId, fail }: Ctx): Promise<void> {
  const outside = await client.query<{
    line: number;
    upn: string;
    name: string;
    first: string;
    last: string;
    n: string;
  }>(
    `WITH ${RECORDED_ENROLMENTS}, bad AS (
       SELECT s.line AS marks_no, min(s.date) AS first, max(s.date) AS last, count(*) AS n
       FROM mark_stage s JOIN ctf_marks k ON k.marks_no = s.line JOIN ctf_pupil c ON c.pupil_no = k.pupil_no
       WHERE NOT EXISTS (
           SELECT 1 FROM recorded_enrolment x WHERE x.pupil_id = c.pupil_id AND x.school_id = k.school_id
             AND x.start_date <= s.date AND (x.end_date IS NULL OR x.end_date >= s.date))
         AND NOT EXISTS (
           SELECT 1 FROM ctf_enrol_plan p WHERE p.pupil_id = c.pupil_id AND p.school_id = k.school_id
             AND p.start_date <= s.date)
       GROUP BY s.line
     )
     SELECT k.line, c.upn, sc.name, bad.first::text, bad.last::text, bad.n FROM bad
     JOIN ctf_marks k ON k.marks_no = bad.marks_no JOIN ctf_pupil c ON c.pupil_no = k.pupil_no
     JOIN school sc ON sc.authority_id = $1 AND sc.id = k.school_id
     ORDER BY k.line LIMIT $2`,
    [authorityId, MAX_LISTED_ERRORS],
  );
  for (const r of outside.rows) {
    const n = Number(r.n);
    fail({
      line: r.line,
      upn: r.upn,
      date: r.first,
      message: `Date outside the pupil's enrolment: not on roll at ${r.name} on ${formatUkDate(r.first)}${n > 1 ? ` (${n} sessions from ${formatUkDate(r.first)} to ${formatUkDate(r.last)})` : ""}`,
    });
  }
}
