import "server-only";
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PENALTY_NOTICE_CODES, PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { splitCsvLine } from "@/lib/domain/csv";
import { now } from "@/lib/env";
import { formatUkDate } from "@/lib/domain/dates";
import { newRowCaches, parseMarkHeader, parseMarkRow, type MarkRow } from "@/lib/domain/register-csv";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { ForbiddenError } from "../errors";
import { withPgTransaction, lockAuthorityRegisters } from "../pg";

/** Who imports: a signed-in user (or API token), or the command line acting within one authority. */
export type ImportActor = Actor | { system: "cli" | "seed" | "bench"; authorityId: string };

export type ImportError = { line?: number; upn?: string; date?: string; message: string };
export type ImportCounts = {
  marksCreated: number;
  marksUpdated: number;
  marksUnchanged: number;
  pupilsCreated: number;
  pupilsUpdated: number;
};
export type ImportOutcome =
  { ok: true; importId: string; counts: ImportCounts } | { ok: false; errors: ImportError[]; totalErrors: number };

export type ImportProgress = { phase: "reading" | "checking" | "saving" | "summarising" | "done"; lines: number };

/** What every importer (CSV register, Common Transfer File) takes: one contract for every surface. */
export type ImportOptions = {
  actor: ImportActor;
  input: Readable;
  filename?: string;
  onProgress?: (progress: ImportProgress) => void;
};

/**
 * Who is importing, authorised once for both importers: the user (null for the command line), the authority,
 * and, for school staff, the one school they may import for.
 */
export function importContext(actor: ImportActor) {
  const user = "id" in actor ? actor : null;
  if (user) authorize(user, "attendance.import");
  return { user, authorityId: actor.authorityId, ownSchoolId: user?.role === "school" ? user.schoolId : null };
}

/** Errors beyond this many are counted but not listed (a wholly wrong file would otherwise list millions). */
export const MAX_LISTED_ERRORS = 1000;

type Enrolment = { schoolId: string; start: string; end: string | null };
type PupilRef = { id: string; enrolments: Enrolment[] };
type Roster = {
  pupils: Map<string, PupilRef>;
  schoolsByUrn: Map<number, { id: string; name: string }>;
  schoolNames: Map<string, string>;
};

/**
 * Imports a register CSV (`upn,date,session,code[,school_urn]`), streaming: memory does not grow with the file.
 * Every line is checked; if any is wrong nothing is written and every error is returned with its line number.
 * Otherwise all marks are written in one transaction: new marks created, re-sent marks with a different code
 * replaced (the old code kept in attendance_mark_change), identical ones left alone, and the summary tables
 * refreshed for what changed. School staff may import only their own school's pupils; a row naming another
 * school is refused with ForbiddenError.
 */
export async function importRegisterCsv(options: ImportOptions): Promise<ImportOutcome> {
  const { actor } = options;
  const { user, authorityId, ownSchoolId } = importContext(actor);
  const progress = options.onProgress ?? (() => {});

  return withPgTransaction(async (client) => {
    await lockAuthorityRegisters(client, authorityId);
    const roster = await loadRoster(client, authorityId, ownSchoolId);
    await createMarkStage(client);

    const errors: ImportError[] = [];
    let totalErrors = 0;
    let forbiddenSchool: string | null = null;
    const fail = (error: ImportError) => {
      totalErrors++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    };

    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });

    let lineNo = 0;
    let rows = 0;
    async function* stageRows(): AsyncGenerator<string> {
      let header: ReturnType<typeof parseMarkHeader> | null = null;
      const caches = newRowCaches();
      let batch = "";
      // Created here, right before reading: readline drops lines emitted before iteration starts.
      const lines = createInterface({ input: options.input.pipe(hashing), crlfDelay: Infinity });
      for await (const text of lines) {
        lineNo++;
        if (lineNo % 50_000 === 0) progress({ phase: "reading", lines: lineNo });
        if (header === null) {
          const split = splitCsvLine(text);
          header = split.ok
            ? parseMarkHeader(split.fields)
            : { ok: false, message: `Malformed header: ${split.message}` };
          if (!header.ok) fail({ line: lineNo, message: header.message });
          continue;
        }
        if (!header.ok || text.trim() === "") continue;
        const split = splitCsvLine(text);
        if (!split.ok) {
          fail({ line: lineNo, message: `Malformed line: ${split.message}` });
          continue;
        }
        const parsed = parseMarkRow(split.fields, header.index, header.width, caches);
        if (!parsed.ok) {
          fail({ line: lineNo, upn: parsed.upn, date: parsed.date, message: parsed.message });
          continue;
        }
        const placed = placeMark(parsed.row, roster, ownSchoolId);
        if (!placed.ok) {
          if (placed.forbidden) forbiddenSchool ??= placed.message;
          else fail({ line: lineNo, upn: parsed.row.upn, date: parsed.row.date, message: placed.message });
          continue;
        }
        rows++;
        // Rows are staged even after an error, so that duplicates are reported with everything else.
        const r = parsed.row;
        batch += `${lineNo},${placed.pupilId},${r.date},${r.session},${placed.schoolId},${r.codeSet},"${r.code}",${r.category}\n`;
        if (batch.length > 256_000) {
          yield batch;
          batch = "";
        }
      }
      if (lineNo === 0)
        fail({ line: 1, message: "The file is empty: the first line must be the header upn,date,session,code" });
      if (batch) yield batch;
    }

    const copy = client.query(
      copyFrom(
        "COPY import_stage (line, pupil_id, date, session, school_id, code_set, code, category) FROM STDIN (FORMAT csv)",
      ),
    );
    await pipeline(Readable.from(stageRows()), copy);

    if (forbiddenSchool) throw new ForbiddenError(forbiddenSchool);
    progress({ phase: "checking", lines: lineNo });
    for (const duplicate of await findDuplicates(client)) fail(duplicate);
    if (totalErrors > 0) {
      errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      return { ok: false as const, errors, totalErrors };
    }

    progress({ phase: "saving", lines: lineNo });
    const sha256 = hash.digest("hex");
    const {
      rows: [record],
    } = await client.query<{ id: string }>(
      `INSERT INTO attendance_import (authority_id, school_id, uploaded_by, source, filename, sha256)
       VALUES ($1, $2, $3, 'csv', $4, $5) RETURNING id`,
      [authorityId, ownSchoolId, user?.id ?? null, options.filename ?? "", sha256],
    );
    const importId = record!.id;
    const marks = await applyStagedMarks(client, {
      authorityId,
      importId,
      changedBy: user?.id ?? null,
      staged: rows,
      beforeSummaries: () => progress({ phase: "summarising", lines: lineNo }),
    });
    const counts: ImportCounts = { ...marks, pupilsCreated: 0, pupilsUpdated: 0 };
    await client.query(
      `UPDATE attendance_import SET marks_created = $2, marks_updated = $3, marks_unchanged = $4 WHERE id = $1`,
      [importId, counts.marksCreated, counts.marksUpdated, counts.marksUnchanged],
    );
    await audit(
      actor,
      {
        action: "attendance.import",
        entityType: "attendance_import",
        entityId: importId,
        detail: counts,
      },
      client,
    );
    progress({ phase: "done", lines: lineNo });
    return { ok: true as const, importId, counts };
  });
}

/**
 * Creates the temp table both importers stage marks in (dropped at commit): one row per mark, already resolved to
 * pupil and school and checked against the code set of its date. `line` says where in the file the mark came
 * from, for the importer's own error messages: the CSV line, or for a CTF the number of its marks string.
 */
export async function createMarkStage(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE import_stage (
    line integer NOT NULL, pupil_id uuid NOT NULL, date date NOT NULL, session smallint NOT NULL,
    school_id uuid NOT NULL, code_set smallint NOT NULL, code text NOT NULL, category attendance_category NOT NULL
  ) ON COMMIT DROP`);
}

export type MarkCounts = Pick<ImportCounts, "marksCreated" | "marksUpdated" | "marksUnchanged">;

/**
 * Writes the marks staged in import_stage (see createMarkStage), which the caller has fully checked: new marks
 * are created, re-sent marks with a different code replaced (the old code kept in attendance_mark_change, as
 * changed by `changedBy`), identical ones left alone; then the summary tables are updated from what changed.
 * Shared by the CSV and CTF importers so that history, counts and summaries behave the same for both. `staged`
 * is the number of rows in import_stage (the caller knows it; counting again would re-read the table).
 */
export async function applyStagedMarks(
  client: pg.PoolClient,
  options: {
    authorityId: string;
    importId: string;
    changedBy: string | null;
    staged: number;
    beforeSummaries?: () => void;
  },
): Promise<MarkCounts> {
  const { authorityId, importId } = options;
  // What changes: every staged mark with the code it replaces (null for a new mark), kept for the summaries.
  await client.query(`CREATE TEMP TABLE import_delta ON COMMIT DROP AS
    SELECT s.pupil_id, s.date, s.session, s.school_id, s.code, s.code_set, s.category,
           m.code AS old_code, m.category AS old_category
    FROM import_stage s LEFT JOIN attendance_mark m USING (pupil_id, date, session, school_id)
    WHERE m.code IS DISTINCT FROM s.code`);
  await client.query(
    `INSERT INTO attendance_mark_change (authority_id, pupil_id, date, session, school_id, old_code, new_code, import_id, changed_by, changed_at)
     SELECT $1, pupil_id, date, session, school_id, old_code, code, $2, $3, $4 FROM import_delta WHERE old_code IS NOT NULL`,
    [authorityId, importId, options.changedBy, now()],
  );
  const {
    rows: [written],
  } = await client.query<{ created: string; updated: string }>(
    `SELECT count(*) FILTER (WHERE old_code IS NULL) AS created, count(*) FILTER (WHERE old_code IS NOT NULL) AS updated FROM import_delta`,
  );
  await client.query(
    `UPDATE attendance_mark m SET code = d.code, code_set = d.code_set, category = d.category, import_id = $1
     FROM import_delta d
     WHERE d.old_code IS NOT NULL AND m.pupil_id = d.pupil_id AND m.date = d.date AND m.session = d.session AND m.school_id = d.school_id`,
    [importId],
  );
  await client.query(
    `INSERT INTO attendance_mark (pupil_id, date, session, school_id, authority_id, code_set, code, category, import_id)
     SELECT pupil_id, date, session, school_id, $1, code_set, code, category, $2 FROM import_delta WHERE old_code IS NULL`,
    [authorityId, importId],
  );
  const created = Number(written!.created);
  const updated = Number(written!.updated);
  options.beforeSummaries?.();
  if (created + updated > 0) await applySummaryDeltas(client, authorityId);
  return { marksCreated: created, marksUpdated: updated, marksUnchanged: options.staged - created - updated };
}

async function loadRoster(client: pg.PoolClient, authorityId: string, ownSchoolId: string | null): Promise<Roster> {
  const schools = await client.query<{ id: string; urn: number; name: string }>(
    "SELECT id, urn, name FROM school WHERE authority_id = $1",
    [authorityId],
  );
  // School staff see only pupils with an enrolment at their school: anyone else is "not on your roll".
  const pupils = await client.query<{ id: string; upn: string; former_upn: string | null; enrolments: Enrolment[] }>(
    `SELECT p.id, p.upn, p.former_upn,
            json_agg(json_build_object('schoolId', e.school_id, 'start', e.start_date, 'end', e.end_date)) AS enrolments
     FROM pupil p JOIN enrolment e ON e.authority_id = p.authority_id AND e.pupil_id = p.id
     WHERE p.authority_id = $1
       AND ($2::uuid IS NULL OR p.id IN (SELECT pupil_id FROM enrolment WHERE authority_id = $1 AND school_id = $2))
     GROUP BY p.authority_id, p.id`,
    [authorityId, ownSchoolId],
  );
  const map = new Map<string, PupilRef>();
  for (const p of pupils.rows) map.set(p.upn, { id: p.id, enrolments: p.enrolments });
  for (const p of pupils.rows) {
    if (p.former_upn && !map.has(p.former_upn)) map.set(p.former_upn, { id: p.id, enrolments: p.enrolments });
  }
  return {
    pupils: map,
    schoolsByUrn: new Map(schools.rows.map((s) => [s.urn, { id: s.id, name: s.name }])),
    schoolNames: new Map(schools.rows.map((s) => [s.id, s.name])),
  };
}

type Placement = { ok: true; pupilId: string; schoolId: string } | { ok: false; message: string; forbidden?: boolean };

/** Finds the pupil and the school a mark belongs to: the named school, or the pupil's school on that date. */
function placeMark(row: MarkRow, roster: Roster, ownSchoolId: string | null): Placement {
  let namedSchoolId: string | null = null;
  if (row.schoolUrn !== null) {
    const school = roster.schoolsByUrn.get(row.schoolUrn);
    if (!school)
      return { ok: false, message: `Unknown school_urn ${row.schoolUrn}: no school with that URN in this authority` };
    if (ownSchoolId && school.id !== ownSchoolId) {
      return {
        ok: false,
        forbidden: true,
        message: `You can only import registers for ${roster.schoolNames.get(ownSchoolId)}`,
      };
    }
    namedSchoolId = school.id;
  }
  const pupil = roster.pupils.get(row.upn);
  if (!pupil) {
    return {
      ok: false,
      message: ownSchoolId
        ? `Unknown UPN: no pupil with this UPN on the roll of ${roster.schoolNames.get(ownSchoolId)}`
        : "Unknown UPN: no pupil with this UPN in this authority",
    };
  }
  const onRoll = pupil.enrolments.filter(
    (e) => e.start <= row.date && (e.end === null || e.end >= row.date) && (!ownSchoolId || e.schoolId === ownSchoolId),
  );
  if (namedSchoolId) {
    if (!onRoll.some((e) => e.schoolId === namedSchoolId)) {
      return {
        ok: false,
        message: `Date outside the pupil's enrolment: not on roll at ${roster.schoolNames.get(namedSchoolId)} on ${formatUkDate(row.date)}`,
      };
    }
    return { ok: true, pupilId: pupil.id, schoolId: namedSchoolId };
  }
  if (onRoll.length === 0)
    return {
      ok: false,
      message: `Date outside the pupil's enrolment: not on roll at any school on ${formatUkDate(row.date)}`,
    };
  if (onRoll.length > 1)
    return {
      ok: false,
      message: `The pupil is on roll at ${onRoll.length} schools on ${formatUkDate(row.date)}: add a school_urn column to say which`,
    };
  return { ok: true, pupilId: pupil.id, schoolId: onRoll[0]!.schoolId };
}

/** Lines that repeat an earlier line's pupil, school, date and session. */
async function findDuplicates(client: pg.PoolClient): Promise<ImportError[]> {
  const { rows } = await client.query<{ line: number; first_line: number; date: string; upn: string }>(
    `SELECT d.line, d.first_line, d.date::text, p.upn FROM (
       SELECT line, pupil_id, date, min(line) OVER (PARTITION BY pupil_id, date, session, school_id) AS first_line
       FROM import_stage
       WHERE (pupil_id, date, session, school_id) IN (
         SELECT pupil_id, date, session, school_id FROM import_stage GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)
     ) d JOIN pupil p ON p.id = d.pupil_id
     WHERE d.line <> d.first_line ORDER BY d.line LIMIT $1`,
    [MAX_LISTED_ERRORS],
  );
  return rows.map((r) => ({
    line: r.line,
    upn: r.upn,
    date: r.date,
    message: `Duplicate row: the same pupil, date and session as line ${r.first_line}`,
  }));
}

/**
 * Adds this import's changes (import_delta: new marks, and changed marks with their old category) to the
 * school-day and pupil-week summaries, without re-reading the marks; then rebuilds the pupil-year rows it
 * touched from their pupil weeks.
 */
async function applySummaryDeltas(client: pg.PoolClient, authorityId: string): Promise<void> {
  const penaltyCodes = [...PENALTY_NOTICE_CODES];
  // +1 for each new category, -1 for each replaced one; not_possible counts nowhere.
  const signed = `
    SELECT pupil_id, date, school_id, category, code, 1 AS n FROM import_delta
    UNION ALL
    SELECT pupil_id, date, school_id, old_category, old_code, -1 FROM import_delta WHERE old_code IS NOT NULL`;
  const sums = `
    sum(n) FILTER (WHERE category <> 'not_possible') AS possible,
    sum(n) FILTER (WHERE category = 'present') AS present,
    sum(n) FILTER (WHERE category = 'approved_activity') AS approved_activity,
    sum(n) FILTER (WHERE category = 'authorised') AS authorised,
    sum(n) FILTER (WHERE category = 'unauthorised') AS unauthorised`;
  await client.query(
    `INSERT INTO attendance_school_day AS d (school_id, date, authority_id, possible, present, approved_activity, authorised, unauthorised)
     SELECT school_id, date, $1, coalesce(possible, 0), coalesce(present, 0), coalesce(approved_activity, 0), coalesce(authorised, 0), coalesce(unauthorised, 0)
     FROM (SELECT school_id, date, ${sums} FROM (${signed}) x GROUP BY school_id, date) g
     ON CONFLICT (school_id, date) DO UPDATE SET
       possible = d.possible + EXCLUDED.possible, present = d.present + EXCLUDED.present,
       approved_activity = d.approved_activity + EXCLUDED.approved_activity,
       authorised = d.authorised + EXCLUDED.authorised, unauthorised = d.unauthorised + EXCLUDED.unauthorised`,
    [authorityId],
  );
  await client.query(
    `INSERT INTO attendance_pupil_week AS w (pupil_id, week_start, school_id, authority_id, possible, present, approved_activity,
       authorised, unauthorised, penalty_unauthorised)
     SELECT pupil_id, week_start, school_id, $1, coalesce(possible, 0), coalesce(present, 0), coalesce(approved_activity, 0),
       coalesce(authorised, 0), coalesce(unauthorised, 0), coalesce(penalty, 0)
     FROM (SELECT pupil_id, date_trunc('week', date)::date AS week_start, school_id, ${sums},
             sum(n) FILTER (WHERE code = ANY($2)) AS penalty
           FROM (${signed}) x GROUP BY 1, 2, 3) g
     ON CONFLICT (pupil_id, week_start, school_id) DO UPDATE SET
       possible = w.possible + EXCLUDED.possible, present = w.present + EXCLUDED.present,
       approved_activity = w.approved_activity + EXCLUDED.approved_activity,
       authorised = w.authorised + EXCLUDED.authorised, unauthorised = w.unauthorised + EXCLUDED.unauthorised,
       penalty_unauthorised = w.penalty_unauthorised + EXCLUDED.penalty_unauthorised`,
    [authorityId, penaltyCodes],
  );
  await client.query(`CREATE TEMP TABLE touched_years ON COMMIT DROP AS
    SELECT DISTINCT pupil_id, school_id, academic_year(date) AS academic_year FROM import_delta`);
  await refreshPupilYears(client, authorityId, "touched_years");
}

/**
 * Rebuilds attendance_pupil_year for the (pupil_id, school_id, academic_year) keys in `keysTable`: the year's
 * counts, and the most G/N/O/U sessions in any run of consecutive school weeks of the threshold's length (NULL
 * when the authority has no term calendar for that year, so nobody is flagged by guesswork).
 * Also called when a calendar changes.
 */
export async function refreshPupilYears(client: pg.PoolClient, authorityId: string, keysTable: string): Promise<void> {
  await client.query(`DELETE FROM attendance_pupil_year y USING ${keysTable} t
    WHERE y.pupil_id = t.pupil_id AND y.school_id = t.school_id AND y.academic_year = t.academic_year`);
  await client.query(
    `WITH weeks AS (
       SELECT w.*, t.academic_year FROM ${keysTable} t
       JOIN attendance_pupil_week w ON w.pupil_id = t.pupil_id AND w.school_id = t.school_id
         AND academic_year(w.week_start) = t.academic_year
     ), rolling AS (
       SELECT w.pupil_id, w.school_id, w.academic_year, w.week_start,
         sum(w.penalty_unauthorised) OVER (PARTITION BY w.pupil_id, w.school_id, w.academic_year
           ORDER BY sw.ordinal RANGE BETWEEN $2 PRECEDING AND CURRENT ROW) AS total
       FROM weeks w JOIN school_week sw ON sw.authority_id = $1 AND sw.week_start = w.week_start
     ), risk AS (
       SELECT pupil_id, school_id, academic_year, max(total) AS max_total,
         min(week_start) FILTER (WHERE total >= $3) AS threshold_week
       FROM rolling GROUP BY 1, 2, 3
     ), calendar_years AS (
       SELECT DISTINCT academic_year(week_start) AS academic_year FROM school_week WHERE authority_id = $1
     )
     INSERT INTO attendance_pupil_year (pupil_id, school_id, academic_year, authority_id, possible, present,
       approved_activity, authorised, unauthorised, max_penalty_10_weeks, threshold_week_start)
     SELECT w.pupil_id, w.school_id, w.academic_year, $1,
       sum(w.possible), sum(w.present), sum(w.approved_activity), sum(w.authorised), sum(w.unauthorised),
       CASE WHEN bool_or(c.academic_year IS NOT NULL) THEN coalesce(max(r.max_total), 0) END,
       min(r.threshold_week)
     FROM weeks w
     LEFT JOIN risk r ON r.pupil_id = w.pupil_id AND r.school_id = w.school_id AND r.academic_year = w.academic_year
     LEFT JOIN calendar_years c ON c.academic_year = w.academic_year
     GROUP BY w.pupil_id, w.school_id, w.academic_year`,
    [authorityId, PENALTY_NOTICE_THRESHOLD.schoolWeeks - 1, PENALTY_NOTICE_THRESHOLD.sessions],
  );
}
