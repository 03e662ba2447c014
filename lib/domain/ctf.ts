// The DfE Common Transfer File (CTF), as far as attendance work needs it: the header, and for each pupil the
// identity, contacts, school history and attendance (shared/ctf-upn.md §1). Pure: the importer feeds XML events
// into a CtfReader, which hands over one element tree per pupil (so memory is bounded by one pupil), and the
// functions below turn a tree into a CtfPupil, check it, and expand its marks strings.
//
// What the file format does not settle (shared/ctf-upn.md §0, §5), and what is assumed here:
// - Marks layout: every calendar day, two characters per date (AM, PM), weekends and other non-school days
//   written "##". A mark on a Saturday or Sunday is refused, because it means the file uses the weekday-only
//   layout, where every date after the first weekend would be wrong.
// - "#" is "no session" and "-" is "no mark taken": both are skipped, so neither is stored as a mark.
// - Two-character codes (C1, C2, J1, Y1–Y7, from 19 August 2024) cannot be written in a string of one character
//   per session; how CTF 24+ carries them is not known. Each character is read as one code, so a file that
//   squeezes them in some other way fails with "code not valid on that date" rather than being misread.
// - YearData/Year is the year the academic year starts (2023 = 2023/24).
// - The declared SessionsAttended is not trusted (exporters disagree on whether L and approved activities count):
//   a summary-only year is kept as possible, authorised, unauthorised, and attended = the rest.
// - Element names are matched exactly (XML is case-sensitive), except that CTFVersion is read as CTFversion and
//   Gender (CTF 24 and earlier) as Sex.
import { codeSetOn, lookupCode, type Category } from "./attendance-codes";
import { formatUkDate, isIsoDate } from "./dates";
import type { Relationship } from "./relationships";
import { SEN_PROVISIONS } from "./pupil-characteristics";
import { checkUpn } from "./upn";

/** A problem with the file, where it is: the XML line, and the pupil and date when there is one. */
export type CtfError = { line?: number; upn?: string; date?: string; message: string };

/** An XML element as the reader keeps it: its name without any namespace prefix, the line of its start tag, its
 * own text (trimmed when read), and its child elements. */
export type CtfElement = { name: string; line: number; text: string; children: CtfElement[] };

// ---------------------------------------------------------------------------------------------------------------
// Reading the XML one pupil at a time

/** Subtrees of a pupil that attendance work does not use, skipped so that they take no memory. (SENhistory and
 * FSMhistory are read: the fairness table groups pupils by SEN provision and free-school-meals eligibility.) */
const SKIPPED = new Set(["StageAssessments", "NAWdetails", "Languages", "Disabilities"]);
/** Limits that keep a damaged or hostile file from holding more than a normal pupil's worth of memory. */
export const MAX_ELEMENTS_PER_PUPIL = 5000;
export const MAX_TEXT_LENGTH = 20_000;

export type CtfReaderEvents = {
  header(header: CtfElement): void;
  pupil(pupil: CtfElement): void;
  error(error: CtfError): void;
};

/**
 * Builds the Header element and each CTfile/CTFpupilData/Pupil element from a stream of XML events (open, text,
 * close), handing each over as soon as it closes and then forgetting it. Anything else in the file is ignored.
 */
export class CtfReader {
  private depth = 0;
  private path: string[] = [];
  private stack: CtfElement[] = [];
  private skipUntil = -1; // depth at which a skipped subtree ends, or -1
  private elements = 0;
  private broken = false; // the pupil being read went over a limit and will not be handed over
  /** The root element is CTfile; if not, nothing in the file is read. */
  rootOk = false;
  pupils = 0;

  constructor(private readonly events: CtfReaderEvents) {}

  open(rawName: string, line: number): void {
    const name = localName(rawName);
    this.depth++;
    this.path.push(name);
    if (this.depth === 1) {
      this.rootOk = name === "CTfile";
      if (!this.rootOk) {
        this.events.error({
          line,
          message: `Not a Common Transfer File: the root element is <${rawName}>, not <CTfile>`,
        });
      }
      return;
    }
    if (this.skipUntil >= 0 || !this.rootOk) return;
    if (this.stack.length === 0) {
      const collect =
        (this.depth === 2 && name === "Header") ||
        (this.depth === 3 && name === "Pupil" && this.path[1] === "CTFpupilData");
      if (!collect) return;
      this.elements = 0;
      this.broken = false;
      this.stack.push({ name, line, text: "", children: [] });
      return;
    }
    if (SKIPPED.has(name) || this.broken) {
      this.skipUntil = this.depth;
      return;
    }
    if (++this.elements > MAX_ELEMENTS_PER_PUPIL) {
      this.breakOff(
        line,
        `More than ${MAX_ELEMENTS_PER_PUPIL} elements in one <${this.stack[0]!.name}>: the file is damaged or not a CTF`,
      );
      this.skipUntil = this.depth;
      return;
    }
    const element: CtfElement = { name, line, text: "", children: [] };
    this.stack.at(-1)!.children.push(element);
    this.stack.push(element);
  }

  text(text: string): void {
    if (this.skipUntil >= 0 || this.stack.length === 0 || this.broken) return;
    const current = this.stack.at(-1)!;
    // Whitespace between child elements is not text anyone wrote.
    if (current.children.length > 0 && text.trim() === "") return;
    if (current.text.length + text.length > MAX_TEXT_LENGTH) {
      this.breakOff(current.line, `The text of <${current.name}> is longer than ${MAX_TEXT_LENGTH} characters`);
      return;
    }
    current.text += text;
  }

  close(): void {
    const depth = this.depth;
    this.depth--;
    this.path.pop();
    if (this.skipUntil >= 0) {
      if (depth === this.skipUntil) this.skipUntil = -1;
      return;
    }
    if (this.stack.length === 0) return;
    const element = this.stack.pop()!;
    if (this.stack.length > 0) return;
    if (element.name === "Pupil") this.pupils++;
    if (this.broken) return;
    if (element.name === "Header") this.events.header(element);
    else this.events.pupil(element);
  }

  private breakOff(line: number, message: string) {
    if (!this.broken) this.events.error({ line, message });
    this.broken = true;
  }
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** The trimmed text of the first child called `name` (or any of `names`), or null when absent or empty. */
function text(el: CtfElement | undefined, ...names: string[]): string | null {
  if (!el) return null;
  for (const name of names) {
    const found = el.children.find((c) => c.name === name);
    const value = found?.text.trim();
    if (value) return value;
  }
  return null;
}
const child = (el: CtfElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const children = (el: CtfElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];

// ---------------------------------------------------------------------------------------------------------------
// The header

export type CtfHeader = {
  line: number;
  documentName: string | null;
  ctfVersion: string | null;
  sourceLea: string | null;
  sourceEstab: string | null;
  sourceSchoolName: string | null;
  destLea: string | null;
  destEstab: string | null;
};

export function readCtfHeader(el: CtfElement): CtfHeader {
  const source = child(el, "SourceSchool");
  const dest = child(el, "DestSchool");
  return {
    line: el.line,
    documentName: text(el, "DocumentName"),
    ctfVersion: text(el, "CTFversion", "CTFVersion"),
    sourceLea: text(source, "LEA"),
    sourceEstab: text(source, "Estab"),
    sourceSchoolName: text(source, "SchoolName"),
    destLea: text(dest, "LEA"),
    destEstab: text(dest, "Estab"),
  };
}

/** The header must name the school the file comes from; without it this is not a CTF the importer understands. */
export function validateCtfHeader(h: CtfHeader): CtfError[] {
  const errors: CtfError[] = [];
  if (!h.sourceLea || !/^[0-9]{3}$/.test(h.sourceLea)) {
    errors.push({
      line: h.line,
      message: `The header's SourceSchool/LEA must be a 3-digit LA number (it is ${h.sourceLea ? `"${h.sourceLea}"` : "missing"})`,
    });
  }
  if (!h.sourceEstab || !/^[0-9]{4}$/.test(h.sourceEstab)) {
    errors.push({
      line: h.line,
      message: `The header's SourceSchool/Estab must be a 4-digit establishment number (it is ${h.sourceEstab ? `"${h.sourceEstab}"` : "missing"})`,
    });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// A pupil

export type CtfAddress = { line1: string | null; line2: string | null; town: string | null; postcode: string | null };
export type CtfPhone = { type: string | null; number: string };

export type CtfContact = {
  line: number;
  order: number | null;
  title: string | null;
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
  relationshipCode: string | null;
  relationship: Relationship;
  /** Responsibility: "true" or "1" gives true, "false" or "0" false; null when absent or anything else. */
  parentalResponsibility: boolean | null;
  responsibilityText: string | null;
  addressAsPupil: boolean;
  address: CtfAddress | null;
  phones: CtfPhone[];
  email: string | null;
};

export type CtfAttendSessions = { line: number; startDate: string | null; marks: string };

export type CtfYearData = {
  line: number;
  year: string | null;
  lea: string | null;
  estab: string | null;
  schoolName: string | null;
  sessionsPossible: string | null;
  sessionsAuthorised: string | null;
  sessionsAttended: string | null;
  sessionsUnauthorised: string | null;
  /** Null for a summary-only year (counts, no marks). */
  attendSessions: CtfAttendSessions | null;
};

export type CtfSchoolHistoryEntry = {
  line: number;
  lea: string | null;
  estab: string | null;
  schoolName: string | null;
  entryDate: string | null;
  leavingDate: string | null;
};

/** One SENhistory/SEN period as written: its StartDate and SENprovision code. */
export type CtfSenPeriod = { line: number; startDate: string | null; provision: string | null };
/** One FSMhistory/FSMinstance period as written: FSMstartDate and FSMendDate (none while it runs). */
export type CtfFsmPeriod = { line: number; startDate: string | null; endDate: string | null };

/** A pupil as the file gives it: text as written (trimmed), nothing checked yet (see validateCtfPupil). */
export type CtfPupil = {
  line: number;
  upn: string | null;
  formerUpn: string | null;
  surname: string | null;
  forename: string | null;
  middleNames: string | null;
  dob: string | null;
  /** From Sex, or from Gender in CTF 24 and earlier. */
  sex: string | null;
  /** Gender when the file has both and they differ (an error). */
  conflictingGender: string | null;
  ncYearActual: string | null;
  address: CtfAddress | null;
  phones: CtfPhone[];
  email: string | null;
  contacts: CtfContact[];
  years: CtfYearData[];
  schoolHistory: CtfSchoolHistoryEntry[];
  /** SENhistory's periods; null when the file has no SENhistory (it says nothing about SEN). */
  sen: CtfSenPeriod[] | null;
  /** FSMhistory's periods; null when the file has no FSMhistory (it says nothing about free school meals). */
  fsm: CtfFsmPeriod[] | null;
};

export function readCtfPupil(el: CtfElement): CtfPupil {
  const basic = child(el, "BasicDetails");
  const sex = text(el, "Sex");
  const gender = text(el, "Gender");
  return {
    line: el.line,
    upn: text(el, "UPN"),
    // FormerUPN and NCyearActual belong in BasicDetails; some exports put them straight under Pupil.
    formerUpn: text(basic, "FormerUPN") ?? text(el, "FormerUPN"),
    surname: text(el, "Surname"),
    forename: text(el, "Forename"),
    middleNames: text(basic, "MiddleNames") ?? text(el, "MiddleNames"),
    dob: text(el, "DOB"),
    sex: sex ?? gender,
    conflictingGender: sex && gender && sex.toUpperCase() !== gender.toUpperCase() ? gender : null,
    ncYearActual: text(basic, "NCyearActual") ?? text(el, "NCyearActual"),
    address: readAddress(child(el, "Address")),
    phones: readPhones(child(el, "Phones")),
    email: text(el, "Email"),
    contacts: children(child(el, "Contacts"), "Contact").map(readContact),
    years: children(child(el, "Attendance"), "YearData").map(readYearData),
    schoolHistory: children(child(el, "SchoolHistory"), "School").map((s) => ({
      line: s.line,
      lea: text(s, "LEA"),
      estab: text(s, "Estab"),
      schoolName: text(s, "SchoolName"),
      entryDate: text(s, "EntryDate"),
      leavingDate: text(s, "LeavingDate"),
    })),
    sen: readSenHistory(child(el, "SENhistory")),
    fsm: readFsmHistory(child(el, "FSMhistory")),
  };
}

/**
 * SENhistory: one SEN element per period, with StartDate and SENprovision (N, K, E; the older A, P, S). SENneeds
 * (the types of need) is not kept. A SENhistory that gives SENprovision straight under it is read as one period.
 * The element names follow the CTF specification as far as it could be checked here (shared/ctf-upn.md does not
 * list SENhistory's children); the importer refuses a period it cannot read rather than guess.
 */
function readSenHistory(el: CtfElement | undefined): CtfSenPeriod[] | null {
  if (!el) return null;
  const periods = children(el, "SEN").map((s) => ({
    line: s.line,
    startDate: text(s, "StartDate", "SENstartDate"),
    provision: text(s, "SENprovision"),
  }));
  if (periods.length === 0 && child(el, "SENprovision")) {
    periods.push({ line: el.line, startDate: text(el, "StartDate"), provision: text(el, "SENprovision") });
  }
  return periods;
}

/** FSMhistory: one FSMinstance per period of eligibility, with FSMstartDate and FSMendDate (FSMreviewDate and the
 * UK country are not kept). */
function readFsmHistory(el: CtfElement | undefined): CtfFsmPeriod[] | null {
  if (!el) return null;
  return children(el, "FSMinstance").map((f) => ({
    line: f.line,
    startDate: text(f, "FSMstartDate"),
    endDate: text(f, "FSMendDate"),
  }));
}

/**
 * An Address as the four lines a parent record keeps. BS7666: [SAON, PAON Street], Locality, Town (or PostTown,
 * or AdministrativeArea). AddressLines: the first line, the middle lines joined, and the last line as the town.
 * County and Country are not kept.
 */
function readAddress(el: CtfElement | undefined): CtfAddress | null {
  if (!el) return null;
  const postcode = text(el, "PostCode");
  const bs = child(el, "BS7666Address");
  let address: CtfAddress;
  if (bs) {
    const street = [text(bs, "PAON"), text(bs, "Street")].filter(Boolean).join(" ");
    address = {
      line1: [text(bs, "SAON"), street].filter(Boolean).join(", ") || null,
      line2: text(bs, "Locality"),
      town: text(bs, "Town", "PostTown", "AdministrativeArea"),
      postcode,
    };
  } else {
    const linesEl = child(el, "AddressLines");
    const lines = ["AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5"]
      .map((n) => text(linesEl, n))
      .filter((l): l is string => l !== null);
    address =
      lines.length >= 3
        ? { line1: lines[0]!, line2: lines.slice(1, -1).join(", "), town: lines.at(-1)!, postcode }
        : { line1: lines[0] ?? null, line2: null, town: lines[1] ?? null, postcode };
  }
  return address.line1 || address.line2 || address.town || address.postcode ? address : null;
}

function readPhones(el: CtfElement | undefined): CtfPhone[] {
  return children(el, "Phone")
    .map((p) => ({ type: text(p, "TelephoneType"), number: text(p, "PhoneNo") }))
    .filter((p): p is CtfPhone => p.number !== null);
}

function readContact(el: CtfElement): CtfContact {
  const addressEl = child(el, "Address");
  const code = text(el, "Relationship");
  const responsibility = text(el, "Responsibility");
  const order = text(el, "Order");
  return {
    line: el.line,
    order: order && /^[0-9]{1,4}$/.test(order) ? Number(order) : null,
    title: text(el, "Title"),
    forename: text(el, "Forename"),
    middleNames: text(el, "MiddleNames"),
    surname: text(el, "Surname"),
    relationshipCode: code,
    relationship: relationshipFromCtf(code),
    parentalResponsibility: parseBoolean(responsibility),
    responsibilityText: responsibility,
    addressAsPupil: parseBoolean(text(addressEl, "AddressAsPupil")) === true,
    address: readAddress(addressEl),
    phones: readPhones(child(el, "Phones")),
    email: text(el, "Email"),
  };
}

function readYearData(el: CtfElement): CtfYearData {
  const sessions = child(el, "AttendSessions");
  const marks = text(sessions, "AttendanceMarks") ?? "";
  return {
    line: el.line,
    year: text(el, "Year"),
    lea: text(el, "LEA"),
    estab: text(el, "Estab"),
    schoolName: text(el, "SchoolName"),
    sessionsPossible: text(el, "SessionsPossible"),
    sessionsAuthorised: text(el, "SessionsAuthorised"),
    sessionsAttended: text(el, "SessionsAttended"),
    sessionsUnauthorised: text(el, "SessionsUnauthorised"),
    // An AttendSessions with an empty marks string carries no marks: the year is summary-only.
    attendSessions:
      sessions && marks !== ""
        ? {
            line: child(sessions, "AttendanceMarks")?.line ?? sessions.line,
            startDate: text(sessions, "AttendanceStartDate"),
            marks,
          }
        : null,
  };
}

function parseBoolean(value: string | null): boolean | null {
  if (value === null) return null;
  const v = value.toLowerCase();
  return v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : null;
}

/**
 * Our relationship for a CBDS contact relationship code (shared/ctf-upn.md §1.3; the list is from a test-data
 * generator, not the CBDS itself). Codes we do not know, and doctors, teachers, social workers and the like, are
 * "other".
 */
export function relationshipFromCtf(code: string | null): Relationship {
  switch (code?.toUpperCase()) {
    case "PAM":
      return "mother";
    case "PAF":
      return "father";
    case "STM":
    case "STF":
      return "step_parent";
    case "FOM":
    case "FOF":
      return "foster_carer";
    case "CAR":
      return "carer";
    case "FAM":
    case "REL":
      return "other_relative";
    default:
      return "other";
  }
}

/** The year group an enrolment records for NCyearActual ("R", "N1", "N2", "1"–"14", with or without a leading
 * zero), or null when it is anything else (such as "X", not following the National Curriculum). */
export function yearGroupFromNc(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim().toUpperCase();
  if (v === "R" || v === "N1" || v === "N2") return v;
  if (/^[0-9]{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 14) return String(Number(v));
  return null;
}

/** The phone a parent record keeps: a mobile first, then home, then work, then whatever comes first. */
export function preferredPhone(phones: CtfPhone[]): string | null {
  for (const type of ["M", "H", "W"]) {
    const found = phones.find((p) => p.type?.toUpperCase() === type);
    if (found) return found.number;
  }
  return phones[0]?.number ?? null;
}

/** Whether a contact's own address is the pupil's (same first line and postcode, ignoring case and spaces). */
export function sameAddress(a: CtfAddress | null, b: CtfAddress | null): boolean {
  if (!a || !b || !a.line1 || !b.line1) return false;
  const norm = (s: string | null) => (s ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  return norm(a.line1) === norm(b.line1) && norm(a.postcode) === norm(b.postcode);
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

const LEA = /^[0-9]{3}$/;
const ESTAB = /^[0-9]{4}$/;
const COUNT = /^[0-9]{1,6}$/;

/**
 * Every problem with one pupil that can be seen without the database: UPN and former UPN (check letter
 * included), names, date of birth, sex, contacts, school history dates, and each YearData (a year with marks
 * needs its school and a good marks string; a summary-only year needs its year, school and counts). Errors carry
 * the line of the element at fault, the pupil's UPN, and the date where there is one.
 */
export function validateCtfPupil(p: CtfPupil): CtfError[] {
  const errors: CtfError[] = [];
  const upn = p.upn ?? undefined;
  const fail = (line: number, message: string, date?: string) => errors.push({ line, upn, date, message });

  if (!p.upn) fail(p.line, "Missing UPN");
  else {
    const check = checkUpn(p.upn);
    if (!check.ok) fail(p.line, `Invalid UPN "${p.upn}": ${check.message}`);
  }
  if (p.formerUpn) {
    const check = checkUpn(p.formerUpn);
    if (!check.ok) fail(p.line, `Invalid former UPN "${p.formerUpn}": ${check.message}`);
  }
  if (!p.surname) fail(p.line, "Missing surname");
  if (!p.forename) fail(p.line, "Missing forename");
  if (!p.dob) fail(p.line, "Missing date of birth (DOB)");
  else if (!isIsoDate(p.dob)) fail(p.line, `Invalid date of birth "${p.dob}": use YYYY-MM-DD, like 2014-05-01`);
  if (!p.sex) fail(p.line, "Missing Sex (or Gender): M or F");
  else if (!/^[MF]$/i.test(p.sex)) fail(p.line, `Sex "${p.sex}" is not M or F`);
  if (p.conflictingGender) fail(p.line, `Sex "${p.sex}" and Gender "${p.conflictingGender}" disagree`);

  const contactNames = new Map<string, number>();
  for (const [i, c] of p.contacts.entries()) {
    const which = `Contact ${c.order ?? i + 1}`;
    if (!c.surname) fail(c.line, `${which} has no surname`);
    if (!c.forename) fail(c.line, `${which} has no forename`);
    if (c.responsibilityText !== null && c.parentalResponsibility === null) {
      fail(c.line, `${which}: Responsibility "${c.responsibilityText}" is not true or false`);
    }
    if (c.surname && c.forename) {
      const key = `${c.forename.toLowerCase()} ${c.surname.toLowerCase()}`;
      const first = contactNames.get(key);
      if (first !== undefined)
        fail(c.line, `Duplicate row: ${which} has the same name as the contact at line ${first}`);
      else contactNames.set(key, c.line);
    }
  }

  for (const s of p.schoolHistory) {
    if (s.entryDate && !isIsoDate(s.entryDate)) fail(s.line, `Invalid EntryDate "${s.entryDate}": use YYYY-MM-DD`);
  }

  for (const s of p.sen ?? []) {
    if (!s.provision) fail(s.line, "SENhistory/SEN has no SENprovision: N, K or E (or the older A, P or S)");
    else if (!(SEN_PROVISIONS as readonly string[]).includes(s.provision)) {
      fail(
        s.line,
        `SENprovision "${s.provision}" is not a CTF code: N (none), K (SEN support), E (EHC plan), or the older A, P or S`,
      );
    }
    if (s.startDate && !isIsoDate(s.startDate)) fail(s.line, `Invalid SEN StartDate "${s.startDate}": use YYYY-MM-DD`);
  }
  for (const f of p.fsm ?? []) {
    if (!f.startDate) fail(f.line, "FSMinstance has no FSMstartDate");
    else if (!isIsoDate(f.startDate)) fail(f.line, `Invalid FSMstartDate "${f.startDate}": use YYYY-MM-DD`);
    if (f.endDate && !isIsoDate(f.endDate)) fail(f.line, `Invalid FSMendDate "${f.endDate}": use YYYY-MM-DD`);
    else if (f.endDate && f.startDate && isIsoDate(f.startDate) && f.endDate < f.startDate) {
      fail(f.line, `FSMendDate ${f.endDate} is before FSMstartDate ${f.startDate}`);
    }
  }

  const summaryYears = new Map<string, number>();
  for (const y of p.years) {
    const school = `LEA ${y.lea ?? "(missing)"}, Estab ${y.estab ?? "(missing)"}`;
    if (!y.lea || !LEA.test(y.lea)) fail(y.line, `YearData LEA must be a 3-digit LA number (${school})`);
    if (!y.estab || !ESTAB.test(y.estab))
      fail(y.line, `YearData Estab must be a 4-digit establishment number (${school})`);
    if (y.attendSessions) {
      const { startDate, marks, line } = y.attendSessions;
      if (!startDate) fail(line, "AttendSessions has marks but no AttendanceStartDate");
      else if (!isIsoDate(startDate)) fail(line, `Invalid AttendanceStartDate "${startDate}": use YYYY-MM-DD`);
      else for (const e of expandMarks(startDate, marks).errors) fail(line, e.message, e.date);
      continue;
    }
    // A summary-only year: kept as history, so it must say which year and school, and its counts must add up.
    if (!y.year || !/^[0-9]{4}$/.test(y.year) || Number(y.year) < 1990 || Number(y.year) > 2100) {
      fail(
        y.line,
        `YearData Year must be the 4-digit year the academic year starts, like 2023 for 2023/24 (it is ${y.year ? `"${y.year}"` : "missing"})`,
      );
    }
    const counts = {
      SessionsPossible: y.sessionsPossible,
      SessionsAuthorised: y.sessionsAuthorised,
      SessionsUnauthorised: y.sessionsUnauthorised,
    };
    const bad = Object.entries(counts).filter(([, v]) => v === null || !COUNT.test(v));
    for (const [name, v] of bad)
      fail(y.line, `${name} must be a whole number of sessions (it is ${v === null ? "missing" : `"${v}"`})`);
    if (
      bad.length === 0 &&
      Number(y.sessionsAuthorised) + Number(y.sessionsUnauthorised) > Number(y.sessionsPossible)
    ) {
      fail(
        y.line,
        `SessionsAuthorised plus SessionsUnauthorised (${Number(y.sessionsAuthorised) + Number(y.sessionsUnauthorised)}) is more than SessionsPossible (${y.sessionsPossible})`,
      );
    }
    const key = `${y.year} ${y.lea} ${y.estab}`;
    const first = summaryYears.get(key);
    if (first !== undefined) fail(y.line, `Duplicate row: the same year and school as the YearData at line ${first}`);
    else summaryYears.set(key, y.line);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// Marks strings

export type CtfMark = { date: string; session: 0 | 1; code: string; codeSet: 2006 | 2024; category: Category };
export type MarksResult = { marks: CtfMark[]; errors: { date?: string; message: string }[] };

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * The marks of an AttendanceMarks string that starts on `startDate`: character i is the AM (even i) or PM (odd
 * i) session of startDate + floor(i / 2) days. "#" (no session) and "-" (no mark taken) are skipped. Refused:
 * an odd length, a mark on a Saturday or Sunday (the weekday-only layout), and a character that is not a code in
 * force on its date. Each kind of problem is reported once per string, at its first date, with how many sessions
 * it affects, so that a wholly wrong string gives a few readable errors rather than hundreds.
 */
export function expandMarks(startDate: string, marks: string): MarksResult {
  if (!isIsoDate(startDate))
    return { marks: [], errors: [{ message: `Invalid AttendanceStartDate "${startDate}": use YYYY-MM-DD` }] };
  if (marks.length % 2 !== 0) {
    return {
      marks: [],
      errors: [
        {
          date: startDate,
          message: `The marks string has an odd number of characters (${marks.length}): it must have two for every date, AM then PM`,
        },
      ],
    };
  }
  const out: CtfMark[] = [];
  let weekend: { date: string; count: number } | null = null;
  const invalid = new Map<string, { date: string; count: number }>();
  const start = Date.parse(`${startDate}T00:00:00Z`);
  for (let day = 0; day * 2 < marks.length; day++) {
    const am = marks[day * 2]!;
    const pm = marks[day * 2 + 1]!;
    if ((am === "#" || am === "-") && (pm === "#" || pm === "-")) continue;
    const time = start + day * DAY_MS;
    const date = new Date(time).toISOString().slice(0, 10);
    const weekday = new Date(time).getUTCDay();
    for (const [session, code] of [
      [0, am],
      [1, pm],
    ] as const) {
      if (code === "#" || code === "-") continue;
      if (weekday === 0 || weekday === 6) {
        if (weekend) weekend.count++;
        else weekend = { date, count: 1 };
        continue;
      }
      // One character is one code: the 2024 two-character codes cannot appear here (see the top of this file).
      const found = lookupCode(code, date);
      if (!found) {
        const seen = invalid.get(code);
        if (seen) seen.count++;
        else invalid.set(code, { date, count: 1 });
        continue;
      }
      out.push({ date, session, code, codeSet: codeSetOn(date) === "2024" ? 2024 : 2006, category: found.category });
    }
  }
  const errors: MarksResult["errors"] = [];
  const more = (count: number) =>
    count > 1 ? ` (and ${count - 1} more session${count > 2 ? "s" : ""} in this string)` : "";
  if (weekend) {
    const day = WEEKDAYS[new Date(`${weekend.date}T00:00:00Z`).getUTCDay()];
    errors.push({
      date: weekend.date,
      message: `A mark on ${day} ${formatUkDate(weekend.date)}${more(weekend.count)}: the marks string must have two characters for every calendar day, with ## at weekends. This file may use the weekday-only layout, which cannot be imported`,
    });
  }
  for (const [code, { date, count }] of invalid) {
    const set =
      codeSetOn(date) === "2024"
        ? "the 2024 code set (in force from 19 August 2024)"
        : "the 2006 code set (in force until 18 August 2024)";
    errors.push({
      date,
      message: `Code "${code}" is not valid on ${formatUkDate(date)}: it is not in ${set}${more(count)}`,
    });
  }
  errors.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
  return { marks: out, errors };
}
