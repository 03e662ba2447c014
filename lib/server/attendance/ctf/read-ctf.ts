import "server-only";
import { createHash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
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
import { currentSenProvision, fsmEligibleOn } from "@/lib/domain/pupil-characteristics";
import { erasedMarksProblem } from "@/lib/domain/retention";
import { checkUpn } from "@/lib/domain/upn";
import { today } from "@/lib/env";
import type { ImportProgress } from "../import-context";
import type { StageWriter } from "./ctf-stage";

export type CtfSchool = { id: string; key: number; name: string; estabNumber: string };

/** What reading a CTF needs to know of the authority and the uploader. */
export type CtfReadContext = {
  laCode: string;
  authorityName: string;
  schoolsByEstab: Map<string, CtfSchool>;
  ownSchoolId: string | null;
  ownSchoolName: string;
  /** Marks dated before this day are past the register's retention period (erased): refused. */
  keptFrom: { erasedBefore: string; keepMonths: number };
  fail: (e: CtfError) => void;
  progress: (p: ImportProgress) => void;
};

type MarksString = { line: number; school: CtfSchool; startDate: string; marks: string; first: string; last: string };

/**
 * Reads a Common Transfer File as it streams in (saxes; one pupil in memory at a time) and stages each good pupil
 * (ctf-stage.ts): their details, contacts, summary-only years, marks strings and the schools they have marks at.
 * Errors go to `fail` with their XML line; a school staff file with another school's marks sets `forbidden`.
 */
export class CtfFileReader {
  header: CtfHeader | null = null;
  forbidden: string | null = null;
  pupils = 0;
  marksStrings = 0;
  xmlFailed = false;
  readonly sha256 = createHash("sha256");
  /** Free-school-meals eligibility is kept as it stands on the day of the import. */
  private readonly importDay = today();
  private readonly parser = new SaxesParser({ position: true });
  private readonly reader: CtfReader;

  constructor(
    private readonly stage: StageWriter,
    private readonly ctx: CtfReadContext,
  ) {
    this.reader = new CtfReader({
      header: (el) => {
        this.header = readCtfHeader(el);
        validateCtfHeader(this.header).forEach(ctx.fail);
      },
      pupil: (el) => this.stagePupil(readCtfPupil(el)),
      error: ctx.fail,
    });
    this.wireParser();
  }

  get line(): number {
    return this.parser.line;
  }

  private wireParser(): void {
    const { parser, reader, ctx } = this;
    parser.on("xmldecl", (decl) => {
      if (decl.encoding && !/^utf-?8$/i.test(decl.encoding))
        ctx.fail({
          line: parser.line,
          message: `The file declares the encoding ${decl.encoding}: save or export it as UTF-8`,
        });
    });
    parser.on("opentag", (tag) => this.xmlFailed || reader.open(tag.name, parser.line));
    parser.on("text", (t) => this.xmlFailed || reader.text(t));
    parser.on("cdata", (t) => this.xmlFailed || reader.text(t));
    parser.on("closetag", () => this.xmlFailed || reader.close());
    parser.on("error", (e) => {
      // After the first XML error nothing that follows can be trusted, so reading stops there.
      if (this.xmlFailed) return;
      this.xmlFailed = true;
      // saxes prefixes its messages with "line:column: ", the place it noticed the problem.
      const where = /^(\d+):(\d+): (.*?)\.?$/s.exec(e.message);
      ctx.fail({
        line: where ? Number(where[1]) : parser.line,
        message: `Malformed XML: ${where ? where[3] : e.message}`,
      });
    });
  }

  /** Reads the whole input, staging as it goes; then reports what a whole file lacks. */
  async read(input: AsyncIterable<Buffer | string>): Promise<void> {
    const decoder = new StringDecoder("utf8");
    let bytes = 0;
    let started = false;
    let lastReport = 0;
    for await (const chunk of input) {
      this.sha256.update(chunk);
      bytes += chunk.length;
      if (this.xmlFailed) continue; // keep reading, so the sender is not left blocked, but parse no further
      const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
      if (!started) {
        // A file that is not XML at all (a CSV sent as XML, say) gets one plain error, not a parser message.
        const first = /[^\s\uFEFF]/.exec(text)?.[0];
        if (first !== undefined && first !== "<") {
          this.ctx.fail({ line: 1, message: "Not an XML file: a Common Transfer File starts with <?xml or <CTfile" });
          this.xmlFailed = true;
          continue;
        }
        started = first !== undefined;
      }
      this.parser.write(text);
      await this.stage.flush(false);
      if (this.pupils - lastReport >= 500) {
        lastReport = this.pupils;
        this.ctx.progress({ phase: "reading", lines: this.parser.line });
      }
    }
    if (!this.xmlFailed) {
      if (bytes === 0) {
        this.ctx.fail({ line: 1, message: "The file is empty" });
        this.xmlFailed = true;
      } else this.parser.write(decoder.end()).close();
    }
    await this.stage.flush(true);
    this.checkWholeFile();
  }

  private checkWholeFile(): void {
    const { ctx } = this;
    if (!this.xmlFailed && this.reader.rootOk) {
      if (!this.header) ctx.fail({ line: 1, message: "The file has no Header: it is not a Common Transfer File" });
      if (this.reader.pupils === 0) ctx.fail({ line: 1, message: "The file has no pupils (CTFpupilData/Pupil)" });
    }
    const h = this.header;
    if (this.marksStrings > 0 && h?.sourceLea && h.sourceLea !== ctx.laCode) {
      ctx.fail({
        line: h.line,
        message: `The file comes from LEA ${h.sourceLea}${h.sourceSchoolName ? ` (${h.sourceSchoolName})` : ""}, not from ${ctx.authorityName} (${ctx.laCode}): register marks can be imported only from the authority's own schools`,
      });
    }
  }

  /** Checks one pupil and, if it is good, stages it; runs inside the parser's callbacks, so it cannot await. */
  private stagePupil(p: CtfPupil): void {
    const pupilNo = ++this.pupils;
    const problems = validateCtfPupil(p);
    const upnCheck = p.upn ? checkUpn(p.upn) : null;
    const upn = upnCheck?.ok ? upnCheck.upn : (p.upn ?? undefined);
    const marks = this.marksStringsOf(p, upn, problems);
    if (problems.length > 0) {
      problems.forEach(this.ctx.fail);
      return;
    }
    const formerCheck = p.formerUpn ? checkUpn(p.formerUpn) : null;
    const ncYear = p.ncYearActual;
    this.stage.add("pupil", [
      pupilNo,
      p.line,
      upn!,
      formerCheck?.ok && formerCheck.upn !== upn ? formerCheck.upn : null,
      upnCheck?.ok === true && upnCheck.temporary,
      p.forename!,
      p.middleNames,
      p.surname!,
      p.dob!,
      p.sex!.toUpperCase(),
      yearGroupFromNc(ncYear),
      ncYear,
    ]);
    this.stageTraits(pupilNo, p);
    this.stageContacts(pupilNo, p);
    this.stageSummaryYears(pupilNo, p);
    this.stageMarks(pupilNo, p, marks);
  }

  /** The pupil's marks strings at the authority's schools; problems with a school are added to `problems`. */
  private marksStringsOf(p: CtfPupil, upn: string | undefined, problems: CtfError[]): MarksString[] {
    const { ctx } = this;
    const marks: MarksString[] = [];
    for (const y of p.years) {
      if (!y.attendSessions || !y.lea || !y.estab) continue;
      const school = y.lea === ctx.laCode ? ctx.schoolsByEstab.get(y.estab) : undefined;
      if (ctx.ownSchoolId && school?.id !== ctx.ownSchoolId) {
        this.forbidden ??= `You can only import attendance for ${ctx.ownSchoolName}: this file has marks for ${school?.name ?? `LEA ${y.lea}, Estab ${y.estab}`}`;
        continue;
      }
      if (!school) {
        problems.push({
          line: y.line,
          upn,
          message: `Marks for a school that is not a school of ${ctx.authorityName}: LEA ${y.lea}, Estab ${y.estab}${y.schoolName ? ` (${y.schoolName})` : ""}. Marks can be imported only for the authority's schools; send another school's year as a summary (counts without AttendSessions)`,
        });
        continue;
      }
      const { startDate, line } = y.attendSessions;
      if (!startDate) continue;
      const expanded = expandMarks(startDate, y.attendSessions.marks);
      if (expanded.errors.length > 0 || expanded.marks.length === 0) continue;
      const first = expanded.marks[0]!.date;
      const last = expanded.marks.at(-1)!.date;
      const { erasedBefore, keepMonths } = ctx.keptFrom;
      if (first < erasedBefore) {
        const lastOld = expanded.marks.filter((m) => m.date < erasedBefore).at(-1)!.date;
        problems.push({
          line,
          upn,
          date: first,
          message: erasedMarksProblem(erasedBefore, keepMonths, first, lastOld),
        });
        continue;
      }
      marks.push({ line, school, startDate, marks: y.attendSessions.marks, first, last });
    }
    return marks;
  }

  /**
   * SEN provision and FSM eligibility (on the day of the import), when the file says anything about them: a file
   * without SENhistory or FSMhistory leaves what is recorded as it is.
   */
  private stageTraits(pupilNo: number, p: CtfPupil): void {
    const sen = p.sen
      ? currentSenProvision(p.sen.map((s) => ({ startDate: s.startDate, provision: s.provision! })))
      : null;
    const fsm = p.fsm
      ? fsmEligibleOn(
          p.fsm.map((f) => ({ startDate: f.startDate, endDate: f.endDate })),
          this.importDay,
        )
      : null;
    if (!sen && !fsm) return;
    this.stage.add("traits", [
      pupilNo,
      sen !== null,
      sen?.provision ?? null,
      sen?.since ?? null,
      fsm !== null,
      fsm?.eligible ?? null,
      fsm?.since ?? null,
    ]);
  }

  private stageContacts(pupilNo: number, p: CtfPupil): void {
    for (const c of p.contacts) {
      const address = c.addressAsPupil ? p.address : c.address;
      const livesWith = c.addressAsPupil || sameAddress(c.address, p.address) ? true : c.address ? false : null;
      this.stage.add("contact", [
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
  }

  private stageSummaryYears(pupilNo: number, p: CtfPupil): void {
    for (const y of p.years) {
      if (y.attendSessions) continue;
      const possible = Number(y.sessionsPossible);
      const authorised = Number(y.sessionsAuthorised);
      const unauthorised = Number(y.sessionsUnauthorised);
      const school = y.lea === this.ctx.laCode ? this.ctx.schoolsByEstab.get(y.estab!) : undefined;
      this.stage.add("year", [
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
  }

  /**
   * The marks strings, and one enrolment candidate per school with marks: the span of its marks, and the entry
   * date SchoolHistory gives for it (the latest on or before the first mark, else the earliest).
   */
  private stageMarks(pupilNo: number, p: CtfPupil, marks: MarksString[]): void {
    const bySchool = new Map<string, { school: CtfSchool; line: number; first: string; last: string }>();
    for (const m of marks) {
      const marksNo = ++this.marksStrings;
      this.stage.add("marks", [marksNo, pupilNo, m.line, m.school.id, m.school.key, m.startDate, m.marks]);
      const span = bySchool.get(m.school.id);
      if (!span) bySchool.set(m.school.id, { school: m.school, line: m.line, first: m.first, last: m.last });
      else {
        if (m.first < span.first) span.first = m.first;
        if (m.last > span.last) span.last = m.last;
      }
    }
    for (const span of bySchool.values()) {
      const entries = p.schoolHistory
        .filter((h) => h.lea === this.ctx.laCode && h.estab === span.school.estabNumber && h.entryDate)
        .map((h) => h.entryDate!)
        .sort();
      const entry = entries.filter((d) => d <= span.first).at(-1) ?? entries[0] ?? null;
      this.stage.add("enrol", [pupilNo, span.line, span.school.id, span.first, span.last, entry]);
    }
  }
}
