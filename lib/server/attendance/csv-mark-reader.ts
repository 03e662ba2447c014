import "server-only";
import { createHash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { splitCsvLine } from "@/lib/domain/csv";
import { newRowCaches, parseMarkHeader, parseMarkRow, type MarkRow } from "@/lib/domain/register-csv";
import { CopyQueue } from "../register-store/copy-queue";
import { stageLine } from "../register-store/stage";
import { YearLoad, type LoadMark } from "../register-store/year-load";
import type { ImportErrors, ImportProgress } from "./import-context";
import { erasedMarksProblem } from "@/lib/domain/retention";
import { namedSchool, placeMark, type Roster, type RosterPupil, type RosterSchool } from "./register-roster";

const STAGE_SQL = "COPY mark_stage (line, pupil_key, date, session, school_key, code_id) FROM STDIN (FORMAT csv)";
const STAGE_BATCH_CHARS = 1_000_000;

/**
 * Reads a register CSV line by line as it streams in (memory does not grow with the file) and checks each line:
 * its fields, the pupil (on the roster), the school and the enrolment. A good mark for a year the authority already
 * has marks in is staged (mark_stage) to be compared with what is stored; a mark for a year with none goes straight
 * into that year's first load (YearLoad). Errors are collected with their line numbers; nothing is decided here.
 */
export class CsvMarkReader {
  lines = 0;
  staged = 0;
  forbidden: string | null = null;
  readonly loads = new Map<number, YearLoad>();
  /** The UPN as written on each line a first load found to repeat an earlier mark. */
  readonly repeatedUpns = new Map<number, string>();
  readonly sha256 = createHash("sha256");
  private header: ReturnType<typeof parseMarkHeader> | null = null;
  private readonly caches = newRowCaches();
  private readonly queue: CopyQueue;
  private stage = "";

  constructor(
    private readonly client: pg.PoolClient,
    private readonly context: {
      authorityId: string;
      importId: string;
      roster: Roster;
      storedYears: ReadonlySet<number>;
      /** Marks dated before this day are past the register's retention period (erased): refused. */
      keptFrom: { erasedBefore: string; keepMonths: number };
      errors: ImportErrors;
      progress: (p: ImportProgress) => void;
    },
  ) {
    this.queue = new CopyQueue(client);
  }

  /** Reads the whole input; afterwards every staged mark is in mark_stage and every load has all its marks. */
  async read(input: AsyncIterable<Buffer | string>): Promise<void> {
    const decoder = new StringDecoder("utf8");
    let carry = "";
    for await (const chunk of input) {
      this.sha256.update(chunk);
      const text = carry + (typeof chunk === "string" ? chunk : decoder.write(chunk));
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        const opening = this.line(text.slice(start, end > start && text[end - 1] === "\r" ? end - 1 : end));
        if (opening) await opening;
        start = end + 1;
      }
      carry = text.slice(start);
      await this.flush(false);
    }
    carry += decoder.end();
    if (carry !== "") await this.line(carry.endsWith("\r") ? carry.slice(0, -1) : carry);
    if (this.lines === 0)
      this.context.errors.add({
        line: 1,
        message: "The file is empty: the first line must be the header upn,date,session,code",
      });
    await this.flush(true);
  }

  private async flush(all: boolean): Promise<void> {
    if (this.stage.length > (all ? 0 : STAGE_BATCH_CHARS)) {
      const text = this.stage;
      this.stage = "";
      await this.queue.send(STAGE_SQL, text);
    }
    for (const load of this.loads.values()) await load.flush();
    if (all) await this.queue.drain();
  }

  /**
   * One line of the file: synchronous (no promise per line), except for the rare line that starts a year's first
   * load, for which it returns the promise to wait for.
   */
  private line(text: string): Promise<void> | undefined {
    const lineNo = ++this.lines;
    if (lineNo % 50_000 === 0) this.context.progress({ phase: "reading", lines: lineNo });
    if (this.header === null) {
      this.readHeader(text);
      return;
    }
    if (!this.header.ok || text.trim() === "") return;
    const mark = this.check(lineNo, text);
    if (!mark) return;
    const { row, school, pupil } = mark;
    if (this.context.storedYears.has(row.year)) {
      this.stage += stageLine(lineNo, pupil.key, row.date, row.session, school.key, row.codeId);
      this.staged++;
      return;
    }
    // No closure per line: under tsx (the command line, the benchmark) each one costs a call that names it.
    const load = this.loads.get(row.year);
    if (load) {
      this.addToLoad(load, lineNo, row, pupil, school);
      return;
    }
    return this.openLoad(row.year).then((opened) => this.addToLoad(opened, lineNo, row, pupil, school));
  }

  private addToLoad(load: YearLoad, lineNo: number, row: MarkRow, pupil: RosterPupil, school: RosterSchool): void {
    if (!load.add(markOf(lineNo, row, pupil, school))) this.repeatedUpns.set(lineNo, row.upn);
  }

  private readHeader(text: string): void {
    const split = splitCsvLine(text);
    this.header = split.ok
      ? parseMarkHeader(split.fields)
      : { ok: false, message: `Malformed header: ${split.message}` };
    if (!this.header.ok) this.context.errors.add({ line: 1, message: this.header.message });
  }

  /** Checks one line; returns the mark and its school, or null after recording why not. */
  private check(lineNo: number, text: string) {
    const header = this.header as Extract<ReturnType<typeof parseMarkHeader>, { ok: true }>;
    const fail = this.context.errors.add;
    let fields: string[];
    if (text.includes('"')) {
      const split = splitCsvLine(text);
      if (!split.ok) return (void fail({ line: lineNo, message: `Malformed line: ${split.message}` }), null);
      fields = split.fields;
    } else fields = text.split(",");
    const parsed = parseMarkRow(fields, header.index, header.width, this.caches);
    if (!parsed.ok)
      return (void fail({ line: lineNo, upn: parsed.upn, date: parsed.date, message: parsed.message }), null);
    const row = parsed.row;
    const { erasedBefore, keepMonths } = this.context.keptFrom;
    if (row.date < erasedBefore) {
      const message = erasedMarksProblem(erasedBefore, keepMonths, row.date);
      return (void fail({ line: lineNo, upn: row.upn, date: row.date, message }), null);
    }
    const roster = this.context.roster;
    let named: RosterSchool | null = null;
    if (row.schoolUrn !== null) {
      const found = namedSchool(roster, row.schoolUrn);
      if (!found.ok) return this.refuse(lineNo, row, found);
      named = found.school;
    }
    const pupil = roster.pupils.get(row.upn);
    if (!pupil) {
      const message = roster.ownSchool
        ? `Unknown UPN: no pupil with this UPN on the roll of ${roster.ownSchool.name}`
        : "Unknown UPN: no pupil with this UPN in this authority";
      return (void fail({ line: lineNo, upn: row.upn, date: row.date, message }), null);
    }
    const placed = placeMark(roster, pupil, row.day, row.date, named);
    if (!placed.ok) return this.refuse(lineNo, row, placed);
    return { row, school: placed.school, pupil };
  }

  private refuse(lineNo: number, row: { upn: string; date: string }, why: { message: string; forbidden?: boolean }) {
    if (why.forbidden) this.forbidden ??= why.message;
    else this.context.errors.add({ line: lineNo, upn: row.upn, date: row.date, message: why.message });
    return null;
  }

  private async openLoad(year: number): Promise<YearLoad> {
    await this.flush(true);
    const load = await YearLoad.open(this.client, this.queue, {
      authorityId: this.context.authorityId,
      year,
      importId: this.context.importId,
      schoolKeys: this.context.roster.schools.map((s) => s.key),
    });
    this.loads.set(year, load);
    return load;
  }
}

function markOf(line: number, row: MarkRow, pupil: RosterPupil, school: RosterSchool): LoadMark {
  return {
    line,
    pupilIndex: pupil.index,
    pupilKey: pupil.key,
    schoolIndex: school.index,
    schoolKey: school.key,
    day: row.day,
    date: row.date,
    session: row.session,
    codeId: row.codeId,
  };
}
