import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { SaxesParser } from "saxes";
import { SET_2024_FROM } from "@/lib/domain/attendance-codes";
import {
  CtfReader,
  expandMarks,
  preferredPhone,
  readCtfHeader,
  readCtfPupil,
  sameAddress,
  validateCtfHeader,
  validateCtfPupil,
  yearGroupFromNc,
  type CtfError,
  type CtfHeader,
  type CtfPupil,
} from "@/lib/domain/ctf";
import { formatUkDate } from "@/lib/domain/dates";
import { currentSenProvision, fsmEligibleOn } from "@/lib/domain/pupil-characteristics";
import { today } from "@/lib/env";
import { checkUpn } from "@/lib/domain/upn";
import { audit } from "../audit";
import { refuseOtherSchoolsPupils } from "./ctf-school-staff-pupils";
import { ForbiddenError } from "../errors";
import { withPgTransaction, lockAuthorityRegisters } from "../pg";
import {
  applyStagedMarks,
  createMarkStage,
  importContext,
  MAX_LISTED_ERRORS,
  type ImportOptions,
  type ImportCounts,
  type ImportError,
  type ImportOutcome,
} from "./import-register";

type School = { id: string; name: string; estabNumber: string };

/**
 * Imports a DfE Common Transfer File (XML): pupils and their parents/carers, enrolments, register marks and
 * summary-only years (shared/ctf-upn.md §1; the assumptions about the format are listed in lib/domain/ctf.ts).
 *
 * Streaming: the XML is parsed as it arrives and one pupil at a time is kept in memory; each pupil is checked and
 * staged in temp tables (marks as their compact marks strings, expanded in SQL), so memory does not grow with
 * the file. All or nothing: if anything is wrong, nothing is written and every error is returned with its XML
 * line, UPN and date. Otherwise, in one transaction:
 * - pupils are matched on UPN or former UPN (either way round) and created or updated from the file (a pupil whose
 *   temporary UPN is replaced keeps it as former_upn; middle names, title, phone and email the file leaves out
 *   are kept). A file pupil matching two recorded pupils is an error: they must be merged first;
 * - contacts become parents/carers: matched to a parent already linked to the pupil by forename and surname,
 *   otherwise created and linked (links are never removed);
 * - a pupil is enrolled at each school they have marks at, unless they have an enrolment there that is open or
 *   overlaps those marks: from the SchoolHistory EntryDate for that school, else the first mark, in the year
 *   group NCyearActual gives. Enrolments are never ended (LeavingDate is not applied);
 * - marks are written by applyStagedMarks, exactly as for a register CSV (history, counts, summaries);
 * - summary-only years are kept in attendance_year_summary, also for schools outside the system.
 * Marks must belong to a school of the authority (named by YearData LEA and Estab), and a file with marks must
 * come from the authority (header SourceSchool/LEA). School staff may import only files whose marks are all for
 * their own school (ForbiddenError otherwise), and only their own pupils or new admissions (ctf-school-staff-pupils.ts).
 * Importing the same file again changes nothing: counts are all 0 except marksUnchanged.
 */
export async function importCtf(options: ImportOptions): Promise<ImportOutcome> {
  const { actor } = options;
  const { user, authorityId, ownSchoolId } = importContext(actor);
  const progress = options.onProgress ?? (() => {});

  return withPgTransaction(async (client) => {
    // One CTF import at a time per authority: two files bringing the same new pupil or parent would otherwise
    // both create them (or one would fail on the UPN's uniqueness).
    await lockAuthorityRegisters(client, authorityId);
    const {
      rows: [authority],
    } = await client.query<{ la_code: string; name: string }>("SELECT la_code, name FROM authority WHERE id = $1", [
      authorityId,
    ]);
    const { rows: schoolRows } = await client.query<{ id: string; name: string; estab_number: string }>(
      "SELECT id, name, estab_number FROM school WHERE authority_id = $1",
      [authorityId],
    );
    const schoolsByEstab = new Map<string, School>(
      schoolRows.map((s) => [s.estab_number, { id: s.id, name: s.name, estabNumber: s.estab_number }]),
    );
    const schoolNames = new Map(schoolRows.map((s) => [s.id, s.name]));
    const laCode = authority!.la_code;
    const ownSchoolName = ownSchoolId ? schoolNames.get(ownSchoolId)! : "";

    await createMarkStage(client);
    await createCtfStage(client);
    const stage = new StageWriter(client);

    const errors: ImportError[] = [];
    let totalErrors = 0;
    const fail = (error: CtfError) => {
      totalErrors++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    };

    let header: CtfHeader | null = null;
    let forbidden: string | null = null;
    // Free-school-meals eligibility is kept as it stands on the day of the import.
    const importDay = today();
    let pupilNo = 0;
    let marksNo = 0;

    /** Checks one pupil and, if it is good, stages it; runs inside the parser's callbacks, so it cannot await. */
    const stagePupil = (p: CtfPupil) => {
      pupilNo++;
      const problems = validateCtfPupil(p);
      const upnCheck = p.upn ? checkUpn(p.upn) : null;
      const upn = upnCheck?.ok ? upnCheck.upn : (p.upn ?? undefined);
      const marks: { line: number; school: School; startDate: string; marks: string; first: string; last: string }[] =
        [];
      for (const y of p.years) {
        if (!y.attendSessions || !y.lea || !y.estab) continue;
        const school = y.lea === laCode ? schoolsByEstab.get(y.estab) : undefined;
        if (ownSchoolId && school?.id !== ownSchoolId) {
          forbidden ??= `You can only import attendance for ${ownSchoolName}: this file has marks for ${school?.name ?? `LEA ${y.lea}, Estab ${y.estab}`}`;
          continue;
        }
        if (!school) {
          problems.push({
            line: y.line,
            upn,
            message: `Marks for a school that is not a school of ${authority!.name}: LEA ${y.lea}, Estab ${y.estab}${y.schoolName ? ` (${y.schoolName})` : ""}. Marks can be imported only for the authority's schools; send another school's year as a summary (counts without AttendSessions)`,
          });
          continue;
        }
        const { startDate, line } = y.attendSessions;
        if (!startDate) continue;
        const expanded = expandMarks(startDate, y.attendSessions.marks);
        if (expanded.errors.length > 0 || expanded.marks.length === 0) continue;
        marks.push({
          line,
          school,
          startDate,
          marks: y.attendSessions.marks,
          first: expanded.marks[0]!.date,
          last: expanded.marks.at(-1)!.date,
        });
      }
      if (problems.length > 0) {
        problems.forEach(fail);
        return;
      }

      const formerCheck = p.formerUpn ? checkUpn(p.formerUpn) : null;
      const formerUpn = formerCheck?.ok && formerCheck.upn !== upn ? formerCheck.upn : null;
      const ncYear = p.ncYearActual;
      stage.add("pupil", [
        pupilNo,
        p.line,
        upn!,
        formerUpn,
        upnCheck?.ok === true && upnCheck.temporary,
        p.forename!,
        p.middleNames,
        p.surname!,
        p.dob!,
        p.sex!.toUpperCase(),
        yearGroupFromNc(ncYear),
        ncYear,
      ]);

      // SEN provision and FSM eligibility, when the file says anything about them (a file without SENhistory or
      // FSMhistory leaves what is recorded as it is).
      const sen = p.sen
        ? currentSenProvision(p.sen.map((s) => ({ startDate: s.startDate, provision: s.provision! })))
        : null;
      const fsm = p.fsm
        ? fsmEligibleOn(
            p.fsm.map((f) => ({ startDate: f.startDate, endDate: f.endDate })),
            importDay,
          )
        : null;
      if (sen || fsm) {
        stage.add("traits", [
          pupilNo,
          sen !== null,
          sen?.provision ?? null,
          sen?.since ?? null,
          fsm !== null,
          fsm?.eligible ?? null,
          fsm?.since ?? null,
        ]);
      }

      for (const c of p.contacts) {
        const address = c.addressAsPupil ? p.address : c.address;
        const livesWith = c.addressAsPupil || sameAddress(c.address, p.address) ? true : c.address ? false : null;
        stage.add("contact", [
          pupilNo,
          c.line,
          c.title,
          c.forename!,
          c.surname!,
          c.relationshipCode ? c.relationship : null,
          c.parentalResponsibility,
          livesWith,
          address !== null,
          address?.line1 ?? null,
          address?.line2 ?? null,
          address?.town ?? null,
          address?.postcode ?? null,
          preferredPhone(c.phones),
          c.email,
        ]);
      }

      for (const y of p.years) {
        if (y.attendSessions) continue;
        const possible = Number(y.sessionsPossible);
        const authorised = Number(y.sessionsAuthorised);
        const unauthorised = Number(y.sessionsUnauthorised);
        const school = y.lea === laCode ? schoolsByEstab.get(y.estab!) : undefined;
        stage.add("year", [
          pupilNo,
          y.line,
          Number(y.year),
          y.lea!,
          y.estab!,
          y.schoolName ?? school?.name ?? "",
          school?.id ?? null,
          possible,
          authorised,
          possible - authorised - unauthorised,
          unauthorised,
        ]);
      }

      // One enrolment candidate per school with marks: the span of its marks, and the entry date SchoolHistory
      // gives for it (the latest on or before the first mark, else the earliest).
      const bySchool = new Map<string, { school: School; line: number; first: string; last: string }>();
      for (const m of marks) {
        marksNo++;
        stage.add("marks", [marksNo, pupilNo, m.line, m.school.id, m.startDate, m.marks]);
        const span = bySchool.get(m.school.id);
        if (!span) bySchool.set(m.school.id, { school: m.school, line: m.line, first: m.first, last: m.last });
        else {
          if (m.first < span.first) span.first = m.first;
          if (m.last > span.last) span.last = m.last;
        }
      }
      for (const span of bySchool.values()) {
        const entries = p.schoolHistory
          .filter((h) => h.lea === laCode && h.estab === span.school.estabNumber && h.entryDate)
          .map((h) => h.entryDate!)
          .sort();
        const entry = entries.filter((d) => d <= span.first).at(-1) ?? entries[0] ?? null;
        stage.add("enrol", [pupilNo, span.line, span.school.id, span.first, span.last, entry]);
      }
    };

    // Parse: saxes events drive the reader, which hands over one pupil at a time.
    const reader = new CtfReader({
      header: (el) => {
        header = readCtfHeader(el);
        validateCtfHeader(header).forEach(fail);
      },
      pupil: (el) => stagePupil(readCtfPupil(el)),
      error: fail,
    });
    const parser = new SaxesParser({ position: true });
    let xmlFailed = false;
    parser.on("xmldecl", (decl) => {
      if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
        fail({
          line: parser.line,
          message: `The file declares the encoding ${decl.encoding}: save or export it as UTF-8`,
        });
      }
    });
    parser.on("opentag", (tag) => {
      if (!xmlFailed) reader.open(tag.name, parser.line);
    });
    parser.on("text", (t) => {
      if (!xmlFailed) reader.text(t);
    });
    parser.on("cdata", (t) => {
      if (!xmlFailed) reader.text(t);
    });
    parser.on("closetag", () => {
      if (!xmlFailed) reader.close();
    });
    parser.on("error", (e) => {
      // After the first XML error nothing that follows can be trusted, so reading stops there.
      if (xmlFailed) return;
      xmlFailed = true;
      // saxes prefixes its messages with "line:column: ", the place it noticed the problem.
      const where = /^(\d+):(\d+): (.*?)\.?$/s.exec(e.message);
      fail({ line: where ? Number(where[1]) : parser.line, message: `Malformed XML: ${where ? where[3] : e.message}` });
    });

    const hash = createHash("sha256");
    const decoder = new StringDecoder("utf8");
    let bytes = 0;
    let started = false;
    let lastReport = 0;
    for await (const chunk of options.input as AsyncIterable<Buffer | string>) {
      hash.update(chunk);
      bytes += chunk.length;
      if (xmlFailed) continue; // keep reading, so the sender is not left blocked, but parse no further
      const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
      if (!started) {
        // A file that is not XML at all (a CSV sent as XML, say) gets one plain error, not a parser message.
        const first = /[^\s\uFEFF]/.exec(text)?.[0];
        if (first !== undefined && first !== "<") {
          fail({ line: 1, message: "Not an XML file: a Common Transfer File starts with <?xml or <CTfile" });
          xmlFailed = true;
          continue;
        }
        started = first !== undefined;
      }
      parser.write(text);
      await stage.flush(false);
      if (pupilNo - lastReport >= 500) {
        lastReport = pupilNo;
        progress({ phase: "reading", lines: parser.line });
      }
    }
    if (!xmlFailed) {
      if (bytes === 0) {
        fail({ line: 1, message: "The file is empty" });
        xmlFailed = true;
      } else parser.write(decoder.end()).close();
    }
    await stage.flush(true);

    if (!xmlFailed && reader.rootOk) {
      if (!header) fail({ line: 1, message: "The file has no Header: it is not a Common Transfer File" });
      if (reader.pupils === 0) fail({ line: 1, message: "The file has no pupils (CTFpupilData/Pupil)" });
    }
    if (forbidden) throw new ForbiddenError(forbidden);
    const h = header as CtfHeader | null;
    if (marksNo > 0 && h?.sourceLea && h.sourceLea !== laCode) {
      fail({
        line: h.line,
        message: `The file comes from LEA ${h.sourceLea}${h.sourceSchoolName ? ` (${h.sourceSchoolName})` : ""}, not from ${authority!.name} (${laCode}): register marks can be imported only from the authority's own schools`,
      });
    }

    progress({ phase: "checking", lines: parser.line });
    const staged = await resolveAndCheck(client, { authorityId, ownSchoolId, ownSchoolName, fail });
    if (totalErrors > 0) {
      errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.date ?? "").localeCompare(b.date ?? ""));
      return { ok: false as const, errors, totalErrors };
    }

    progress({ phase: "saving", lines: parser.line });
    const {
      rows: [record],
    } = await client.query<{ id: string }>(
      `INSERT INTO attendance_import (authority_id, school_id, uploaded_by, source, filename, sha256)
       VALUES ($1, $2, $3, 'ctf', $4, $5) RETURNING id`,
      [authorityId, ownSchoolId, user?.id ?? null, options.filename ?? "", hash.digest("hex")],
    );
    const importId = record!.id;
    const pupils = await writePupils(client, authorityId, importId);
    const marks = await applyStagedMarks(client, {
      authorityId,
      importId,
      changedBy: user?.id ?? null,
      staged,
      beforeSummaries: () => progress({ phase: "summarising", lines: parser.line }),
    });
    const counts: ImportCounts = { ...marks, ...pupils };
    await client.query(
      `UPDATE attendance_import SET marks_created = $2, marks_updated = $3, marks_unchanged = $4, pupils_created = $5, pupils_updated = $6
       WHERE id = $1`,
      [
        importId,
        counts.marksCreated,
        counts.marksUpdated,
        counts.marksUnchanged,
        counts.pupilsCreated,
        counts.pupilsUpdated,
      ],
    );
    await audit(
      actor,
      {
        action: "attendance.import",
        entityType: "attendance_import",
        entityId: importId,
        detail: {
          ...counts,
          format: "ctf",
          ctfVersion: h?.ctfVersion ?? null,
          sourceLea: h?.sourceLea ?? null,
          sourceEstab: h?.sourceEstab ?? null,
        },
      },
      client,
    );
    progress({ phase: "done", lines: parser.line });
    return { ok: true as const, importId, counts };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Staging

/** The temp tables a CTF is staged in, one row per pupil, contact, summary-only year, marks string (AttendanceMarks)
 * and school with marks; columns in the order StageWriter writes them. */
const STAGE_TABLES = {
  pupil: [
    "pupil_no",
    "line",
    "upn",
    "former_upn",
    "upn_temporary",
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "sex",
    "year_group",
    "nc_year",
  ],
  contact: [
    "pupil_no",
    "line",
    "title",
    "first_name",
    "last_name",
    "relationship",
    "parental_responsibility",
    "lives_with_pupil",
    "has_address",
    "address_line1",
    "address_line2",
    "town",
    "postcode",
    "phone",
    "email",
  ],
  year: [
    "pupil_no",
    "line",
    "academic_year",
    "la_code",
    "estab_number",
    "school_name",
    "school_id",
    "possible",
    "authorised",
    "attended",
    "unauthorised",
  ],
  marks: ["marks_no", "pupil_no", "line", "school_id", "start_date", "marks"],
  enrol: ["pupil_no", "line", "school_id", "first_mark", "last_mark", "entry_date"],
  traits: ["pupil_no", "has_sen", "sen_provision", "sen_since", "has_fsm", "fsm_eligible", "fsm_since"],
} as const;
type StageTable = keyof typeof STAGE_TABLES;
type Value = string | number | boolean | null;

async function createCtfStage(client: pg.PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE ctf_pupil (
      pupil_no integer PRIMARY KEY, line integer NOT NULL, upn text NOT NULL, former_upn text, upn_temporary boolean NOT NULL,
      first_name text NOT NULL, middle_names text, last_name text NOT NULL, date_of_birth date NOT NULL, sex pupil_sex NOT NULL,
      year_group text, nc_year text,
      pupil_id uuid, created boolean NOT NULL DEFAULT false, excluded boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_contact (
      pupil_no integer NOT NULL, line integer NOT NULL, title text, first_name text NOT NULL, last_name text NOT NULL,
      relationship text, parental_responsibility boolean, lives_with_pupil boolean, has_address boolean NOT NULL,
      address_line1 text, address_line2 text, town text, postcode text, phone text, email text,
      parent_id uuid, new_parent boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_year (
      pupil_no integer NOT NULL, line integer NOT NULL, academic_year smallint NOT NULL, la_code text NOT NULL,
      estab_number text NOT NULL, school_name text NOT NULL, school_id uuid,
      possible integer NOT NULL, authorised integer NOT NULL, attended integer NOT NULL, unauthorised integer NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_marks (
      marks_no integer PRIMARY KEY, pupil_no integer NOT NULL, line integer NOT NULL, school_id uuid NOT NULL,
      start_date date NOT NULL, marks text NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_enrol (
      pupil_no integer NOT NULL, line integer NOT NULL, school_id uuid NOT NULL, first_mark date NOT NULL,
      last_mark date NOT NULL, entry_date date
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_traits (
      pupil_no integer PRIMARY KEY, has_sen boolean NOT NULL, sen_provision text, sen_since date,
      has_fsm boolean NOT NULL, fsm_eligible boolean, fsm_since date
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_changed (pupil_id uuid NOT NULL) ON COMMIT DROP;`);
}

const BATCH_CHARS = 256_000;

/** Buffers rows per stage table and sends each buffer with COPY when it is full (or at the end). */
class StageWriter {
  private buffers = new Map<StageTable, string>();
  constructor(private readonly client: pg.PoolClient) {}

  add(table: StageTable, values: Value[]): void {
    const row = values.map(csvField).join(",") + "\n";
    this.buffers.set(table, (this.buffers.get(table) ?? "") + row);
  }

  async flush(all: boolean): Promise<void> {
    for (const [table, text] of this.buffers) {
      if (text === "" || (!all && text.length < BATCH_CHARS)) continue;
      this.buffers.set(table, "");
      const copy = this.client.query(
        copyFrom(`COPY ctf_${table} (${STAGE_TABLES[table].join(", ")}) FROM STDIN (FORMAT csv)`),
      );
      await pipeline(Readable.from([text]), copy);
    }
  }
}

/** A value for COPY … (FORMAT csv): null is an unquoted empty field; text is always quoted. */
function csvField(value: Value): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks that need the database; nothing is written to real tables here

/**
 * Matches the staged pupils to recorded ones, gives new pupils their ids, expands the marks into import_stage, and
 * reports what only the database can show: a pupil twice in the file, a pupil matching two recorded pupils,
 * marks given twice, marks outside the pupil's enrolment, a year group missing where an enrolment is needed, and
 * (school staff, refuseOtherSchoolsPupils) pupils they may not touch. Returns the number of marks staged.
 */
async function resolveAndCheck(
  client: pg.PoolClient,
  ctx: { authorityId: string; ownSchoolId: string | null; ownSchoolName: string; fail: (e: CtfError) => void },
): Promise<number> {
  const { authorityId, fail } = ctx;
  await client.query("ANALYZE ctf_pupil; ANALYZE ctf_marks; ANALYZE ctf_enrol");

  // The same UPN (or former UPN) on two pupils of the file: the later ones are left out and reported.
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

  // Match on UPN and former UPN, either way round. More than one recorded pupil is a conflict to resolve first.
  const matched = await client.query<{
    line: number;
    upn: string;
    former_upn: string | null;
    n: number;
    upns: string[];
  }>(
    `WITH hits AS (
       SELECT c.pupil_no, p.id, p.upn FROM ctf_pupil c JOIN pupil p ON p.authority_id = $1 AND p.upn = c.upn
       UNION SELECT c.pupil_no, p.id, p.upn FROM ctf_pupil c JOIN pupil p ON p.authority_id = $1 AND p.upn = c.former_upn
       UNION SELECT c.pupil_no, p.id, p.upn FROM ctf_pupil c JOIN pupil p ON p.authority_id = $1 AND p.former_upn = c.upn
       UNION SELECT c.pupil_no, p.id, p.upn FROM ctf_pupil c JOIN pupil p ON p.authority_id = $1 AND p.former_upn = c.former_upn
     ), m AS (
       SELECT pupil_no, array_agg(id) AS ids, array_agg(upn ORDER BY upn) AS upns FROM hits GROUP BY pupil_no
     )
     UPDATE ctf_pupil c SET pupil_id = CASE WHEN cardinality(m.ids) = 1 THEN m.ids[1] END,
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

  await client.query(
    "UPDATE ctf_pupil SET pupil_id = gen_random_uuid(), created = true WHERE pupil_id IS NULL AND NOT excluded",
  );
  await client.query("CREATE INDEX ON ctf_pupil (pupil_id); ANALYZE ctf_pupil");

  // Expand each marks string: character i is session i % 2 of start_date + i / 2; "#" and "-" are no mark. The
  // strings were checked in lib/domain/ctf.ts, so every character left is a code in force on its date.
  // import_stage.line holds the marks string's number (ctf_marks.marks_no), which tells two strings on one XML line apart.
  const expanded = await client.query(
    `INSERT INTO import_stage (line, pupil_id, date, session, school_id, code_set, code, category)
     SELECT k.marks_no, c.pupil_id, d.date, (i % 2)::smallint, k.school_id, d.code_set, ch.code, attendance_code_category(d.code_set, ch.code)
     FROM ctf_marks k JOIN ctf_pupil c ON c.pupil_no = k.pupil_no AND NOT c.excluded
     CROSS JOIN LATERAL generate_series(0, length(k.marks) - 1) AS i
     CROSS JOIN LATERAL (SELECT substr(k.marks, i + 1, 1) AS code) ch
     CROSS JOIN LATERAL (SELECT k.start_date + i / 2 AS date) dd
     CROSS JOIN LATERAL (SELECT dd.date, (CASE WHEN dd.date >= $1::date THEN 2024 ELSE 2006 END)::smallint AS code_set) d
     WHERE ch.code NOT IN ('#', '-')`,
    [SET_2024_FROM],
  );
  const staged = expanded.rowCount ?? 0;
  await client.query("ANALYZE import_stage");

  // The same pupil, school, date and session in two marks strings: reported once per string, at its first date.
  const duplicates = await client.query<{ line: number; first_line: number; upn: string; date: string; n: string }>(
    `WITH d AS (
       SELECT line AS marks_no, date, min(line) OVER (PARTITION BY pupil_id, date, session, school_id) AS first_no
       FROM import_stage
       WHERE (pupil_id, date, session, school_id) IN (
         SELECT pupil_id, date, session, school_id FROM import_stage GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)
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

  // Enrolments to create: for each school with marks, unless the pupil has an enrolment there that is open or
  // overlaps the marks.
  await client.query(`CREATE TEMP TABLE ctf_enrol_plan ON COMMIT DROP AS
    SELECT e.pupil_no, c.pupil_id, e.school_id, c.line, coalesce(e.entry_date, e.first_mark) AS start_date, c.year_group, c.nc_year, c.upn
    FROM ctf_enrol e JOIN ctf_pupil c ON c.pupil_no = e.pupil_no AND NOT c.excluded
    WHERE NOT EXISTS (
      SELECT 1 FROM enrolment x WHERE x.pupil_id = c.pupil_id AND x.school_id = e.school_id
        AND (x.end_date IS NULL OR (x.start_date <= e.last_mark AND x.end_date >= e.first_mark)))`);
  await client.query("CREATE INDEX ON ctf_enrol_plan (pupil_id, school_id); ANALYZE ctf_enrol_plan");
  const noYear = await client.query<{ line: number; upn: string; nc_year: string | null; school_id: string }>(
    "SELECT line, upn, nc_year, school_id FROM ctf_enrol_plan WHERE year_group IS NULL ORDER BY line LIMIT $1",
    [MAX_LISTED_ERRORS],
  );
  const schoolName = async (id: string) =>
    (await client.query<{ name: string }>("SELECT name FROM school WHERE id = $1", [id])).rows[0]!.name;
  for (const r of noYear.rows) {
    const name = await schoolName(r.school_id);
    fail({
      line: r.line,
      upn: r.upn,
      message: r.nc_year
        ? `NCyearActual "${r.nc_year}" is not a year group (N1, N2, R or 1 to 14), and one is needed to enrol the pupil at ${name}`
        : `Missing NCyearActual: the pupil's year group is needed to enrol them at ${name}`,
    });
  }

  // Every mark must fall in an enrolment at its school: one recorded already, or one this import will create.
  const outside = await client.query<{
    line: number;
    upn: string;
    name: string;
    first: string;
    last: string;
    n: string;
  }>(
    `WITH bad AS (
       SELECT s.line AS marks_no, min(s.date) AS first, max(s.date) AS last, count(*) AS n FROM import_stage s
       WHERE NOT EXISTS (
           SELECT 1 FROM enrolment x WHERE x.pupil_id = s.pupil_id AND x.school_id = s.school_id
             AND x.start_date <= s.date AND (x.end_date IS NULL OR x.end_date >= s.date))
         AND NOT EXISTS (
           SELECT 1 FROM ctf_enrol_plan p WHERE p.pupil_id = s.pupil_id AND p.school_id = s.school_id AND p.start_date <= s.date)
       GROUP BY s.line
     )
     SELECT k.line, c.upn, sc.name, bad.first::text, bad.last::text, bad.n FROM bad
     JOIN ctf_marks k ON k.marks_no = bad.marks_no JOIN ctf_pupil c ON c.pupil_no = k.pupil_no JOIN school sc ON sc.id = k.school_id
     ORDER BY k.line LIMIT $1`,
    [MAX_LISTED_ERRORS],
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

  await refuseOtherSchoolsPupils(client, ctx);
  return staged;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing pupils, parents, enrolments and summary years (marks are written by applyStagedMarks)

/**
 * Creates and updates everything but the marks. A recorded pupil counts as updated when anything of theirs
 * changed: their own details, a parent's details or link, a new enrolment, or a summary year.
 */
async function writePupils(
  client: pg.PoolClient,
  authorityId: string,
  importId: string,
): Promise<{ pupilsCreated: number; pupilsUpdated: number }> {
  const created = await client.query(
    `INSERT INTO pupil (id, authority_id, upn, upn_temporary, former_upn, first_name, middle_names, last_name, date_of_birth, sex)
     SELECT pupil_id, $1, upn, upn_temporary, former_upn, first_name, middle_names, last_name, date_of_birth, sex
     FROM ctf_pupil WHERE created`,
    [authorityId],
  );
  // A pupil whose UPN changes (a temporary UPN replaced) keeps the old one as former UPN, unless the file names one.
  await client.query(
    `WITH next AS (
       SELECT c.pupil_id, c.upn, c.upn_temporary,
         CASE WHEN c.former_upn IS NOT NULL THEN c.former_upn WHEN p.upn <> c.upn THEN p.upn ELSE p.former_upn END AS former_upn,
         c.first_name, coalesce(c.middle_names, p.middle_names) AS middle_names, c.last_name, c.date_of_birth, c.sex
       FROM ctf_pupil c JOIN pupil p ON p.id = c.pupil_id WHERE NOT c.created
     ), changed AS (
       UPDATE pupil p SET upn = n.upn, upn_temporary = n.upn_temporary, former_upn = n.former_upn, first_name = n.first_name,
         middle_names = n.middle_names, last_name = n.last_name, date_of_birth = n.date_of_birth, sex = n.sex, updated_at = now()
       FROM next n
       WHERE p.id = n.pupil_id
         AND (p.upn, p.upn_temporary, p.former_upn, p.first_name, p.middle_names, p.last_name, p.date_of_birth, p.sex)
             IS DISTINCT FROM (n.upn, n.upn_temporary, n.former_upn, n.first_name, n.middle_names, n.last_name, n.date_of_birth, n.sex)
       RETURNING p.id
     )
     INSERT INTO ctf_changed SELECT id FROM changed`,
  );

  // Parents: a contact is the parent already linked to the pupil with the same forename and surname, if any.
  await client.query(
    `UPDATE ctf_contact k SET parent_id = (
       SELECT pa.id FROM pupil_parent pp JOIN parent pa ON pa.id = pp.parent_id
       WHERE pp.pupil_id = c.pupil_id AND lower(btrim(pa.first_name)) = lower(k.first_name) AND lower(btrim(pa.last_name)) = lower(k.last_name)
       ORDER BY pa.created_at, pa.id LIMIT 1)
     FROM ctf_pupil c WHERE c.pupil_no = k.pupil_no AND NOT c.created`,
  );
  await client.query("UPDATE ctf_contact SET parent_id = gen_random_uuid(), new_parent = true WHERE parent_id IS NULL");
  // A matched parent takes the file's address when it gives one, and its title, phone and email where given.
  await client.query(
    `WITH next AS (
       SELECT k.pupil_no, pa.id,
         coalesce(k.title, pa.title) AS title,
         CASE WHEN k.has_address THEN k.address_line1 ELSE pa.address_line1 END AS address_line1,
         CASE WHEN k.has_address THEN k.address_line2 ELSE pa.address_line2 END AS address_line2,
         CASE WHEN k.has_address THEN k.town ELSE pa.town END AS town,
         CASE WHEN k.has_address THEN k.postcode ELSE pa.postcode END AS postcode,
         coalesce(k.phone, pa.phone) AS phone, coalesce(k.email, pa.email) AS email
       FROM ctf_contact k JOIN parent pa ON pa.id = k.parent_id WHERE NOT k.new_parent
         AND (pa.title, pa.address_line1, pa.address_line2, pa.town, pa.postcode, pa.phone, pa.email) IS DISTINCT FROM
             (coalesce(k.title, pa.title),
              CASE WHEN k.has_address THEN k.address_line1 ELSE pa.address_line1 END,
              CASE WHEN k.has_address THEN k.address_line2 ELSE pa.address_line2 END,
              CASE WHEN k.has_address THEN k.town ELSE pa.town END,
              CASE WHEN k.has_address THEN k.postcode ELSE pa.postcode END,
              coalesce(k.phone, pa.phone), coalesce(k.email, pa.email))
     ), changed AS (
       UPDATE parent pa SET title = n.title, address_line1 = n.address_line1, address_line2 = n.address_line2, town = n.town,
         postcode = n.postcode, phone = n.phone, email = n.email, updated_at = now()
       FROM (SELECT DISTINCT ON (id) * FROM next ORDER BY id, pupil_no DESC) n WHERE pa.id = n.id
       RETURNING pa.id
     )
     INSERT INTO ctf_changed SELECT c.pupil_id FROM next JOIN ctf_pupil c USING (pupil_no)`,
  );
  await client.query(
    `INSERT INTO parent (id, authority_id, title, first_name, last_name, address_line1, address_line2, town, postcode, phone, email)
     SELECT parent_id, $1, title, first_name, last_name, address_line1, address_line2, town, postcode, phone, email
     FROM ctf_contact WHERE new_parent`,
    [authorityId],
  );
  // Links: what the file leaves out (relationship code, Responsibility, any address) keeps what is recorded.
  await client.query(
    `WITH changed AS (
       UPDATE pupil_parent pp SET relationship = coalesce(k.relationship, pp.relationship),
         parental_responsibility = coalesce(k.parental_responsibility, pp.parental_responsibility),
         lives_with_pupil = coalesce(k.lives_with_pupil, pp.lives_with_pupil)
       FROM ctf_contact k JOIN ctf_pupil c USING (pupil_no)
       WHERE pp.pupil_id = c.pupil_id AND pp.parent_id = k.parent_id
         AND (pp.relationship, pp.parental_responsibility, pp.lives_with_pupil) IS DISTINCT FROM
             (coalesce(k.relationship, pp.relationship), coalesce(k.parental_responsibility, pp.parental_responsibility),
              coalesce(k.lives_with_pupil, pp.lives_with_pupil))
       RETURNING pp.pupil_id
     ), added AS (
       INSERT INTO pupil_parent (pupil_id, parent_id, authority_id, relationship, parental_responsibility, lives_with_pupil)
       SELECT c.pupil_id, k.parent_id, $1, coalesce(k.relationship, 'other'), coalesce(k.parental_responsibility, false),
         coalesce(k.lives_with_pupil, false)
       FROM ctf_contact k JOIN ctf_pupil c USING (pupil_no)
       WHERE NOT EXISTS (SELECT 1 FROM pupil_parent pp WHERE pp.pupil_id = c.pupil_id AND pp.parent_id = k.parent_id)
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM changed UNION ALL SELECT pupil_id FROM added`,
    [authorityId],
  );

  await client.query(
    `WITH added AS (
       INSERT INTO enrolment (authority_id, pupil_id, school_id, start_date, year_group)
       SELECT $1, pupil_id, school_id, start_date, year_group FROM ctf_enrol_plan
       ON CONFLICT (authority_id, pupil_id, school_id, start_date) DO NOTHING
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM added`,
    [authorityId],
  );

  await client.query(
    `WITH upserted AS (
       INSERT INTO attendance_year_summary AS y (authority_id, pupil_id, academic_year, la_code, estab_number, school_name, school_id,
         sessions_possible, sessions_authorised, sessions_attended, sessions_unauthorised, import_id)
       SELECT $1, c.pupil_id, k.academic_year, k.la_code, k.estab_number, k.school_name, k.school_id,
         k.possible, k.authorised, k.attended, k.unauthorised, $2
       FROM ctf_year k JOIN ctf_pupil c USING (pupil_no)
       ON CONFLICT (pupil_id, academic_year, la_code, estab_number) DO UPDATE SET
         school_name = coalesce(nullif(EXCLUDED.school_name, ''), y.school_name), school_id = EXCLUDED.school_id,
         sessions_possible = EXCLUDED.sessions_possible, sessions_authorised = EXCLUDED.sessions_authorised,
         sessions_attended = EXCLUDED.sessions_attended, sessions_unauthorised = EXCLUDED.sessions_unauthorised,
         import_id = EXCLUDED.import_id, updated_at = now()
       WHERE (y.school_name, y.school_id, y.sessions_possible, y.sessions_authorised, y.sessions_attended, y.sessions_unauthorised)
         IS DISTINCT FROM (coalesce(nullif(EXCLUDED.school_name, ''), y.school_name), EXCLUDED.school_id, EXCLUDED.sessions_possible,
           EXCLUDED.sessions_authorised, EXCLUDED.sessions_attended, EXCLUDED.sessions_unauthorised)
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM upserted`,
    [authorityId, importId],
  );

  // SEN provision and FSM eligibility (pupil_characteristics): what the file says replaces what is recorded; what it
  // says nothing about (no SENhistory, or no FSMhistory) is kept.
  await client.query(
    `WITH next AS (
       SELECT c.pupil_id, k.has_sen, k.sen_provision, k.sen_since, k.has_fsm, k.fsm_eligible, k.fsm_since
       FROM ctf_traits k JOIN ctf_pupil c USING (pupil_no)
     ), changed AS (
       UPDATE pupil_characteristics pc SET
         sen_provision = CASE WHEN n.has_sen THEN n.sen_provision ELSE pc.sen_provision END,
         sen_since = CASE WHEN n.has_sen THEN n.sen_since ELSE pc.sen_since END,
         fsm_eligible = CASE WHEN n.has_fsm THEN n.fsm_eligible ELSE pc.fsm_eligible END,
         fsm_since = CASE WHEN n.has_fsm THEN n.fsm_since ELSE pc.fsm_since END,
         import_id = $2, updated_at = now()
       FROM next n
       WHERE pc.authority_id = $1 AND pc.pupil_id = n.pupil_id
         AND (pc.sen_provision, pc.sen_since, pc.fsm_eligible, pc.fsm_since) IS DISTINCT FROM
             (CASE WHEN n.has_sen THEN n.sen_provision ELSE pc.sen_provision END,
              CASE WHEN n.has_sen THEN n.sen_since ELSE pc.sen_since END,
              CASE WHEN n.has_fsm THEN n.fsm_eligible ELSE pc.fsm_eligible END,
              CASE WHEN n.has_fsm THEN n.fsm_since ELSE pc.fsm_since END)
       RETURNING pc.pupil_id
     ), added AS (
       INSERT INTO pupil_characteristics (authority_id, pupil_id, sen_provision, sen_since, fsm_eligible, fsm_since, import_id)
       SELECT $1, n.pupil_id, n.sen_provision, n.sen_since, n.fsm_eligible, n.fsm_since, $2 FROM next n
       WHERE NOT EXISTS (SELECT 1 FROM pupil_characteristics pc WHERE pc.authority_id = $1 AND pc.pupil_id = n.pupil_id)
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM changed UNION ALL SELECT pupil_id FROM added`,
    [authorityId, importId],
  );

  const {
    rows: [updated],
  } = await client.query<{ n: string }>(
    `SELECT count(DISTINCT x.pupil_id) AS n FROM ctf_changed x JOIN ctf_pupil c ON c.pupil_id = x.pupil_id WHERE NOT c.created`,
  );
  return { pupilsCreated: created.rowCount ?? 0, pupilsUpdated: Number(updated!.n) };
}
