// An authority's term calendar, and the school-week arithmetic built on it (shared/domain.md §4, §5.2).
//
// Words, as used throughout:
// - A school day is a Monday–Friday inside some term and not inside any closure. It has two sessions (AM, PM).
// - A week is Monday–Sunday. A school week is a week with at least one school day.
// - Academic years run 1 September – 31 August. The calendar covers a date when it has at least one term in that
//   date's academic year; inside a covered year, a day outside every term is simply not a school day.
// - Anything that needs a date the calendar does not cover throws CalendarGapError rather than guess.
//
// Dates are ISO `YYYY-MM-DD` strings; arithmetic is on whole UTC days, never local time.
import { splitCsvLine } from "./csv";
import { civilFromDays, civilOfDay, daysFromCivil, formatUkDate, isIsoDate } from "./dates";

export const CALENDAR_ENTRY_KINDS = ["term", "closure"] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

/** One row of a term calendar. `start` and `end` are inclusive. */
export type CalendarEntry = { kind: CalendarEntryKind; start: string; end: string; name: string };

/** A row as typed or imported, before it is known to be valid. */
export type CalendarEntryInput = { kind: string; start: string; end: string; name: string };

/** A problem with one row; `row` counts from 1 and `message` names the row and what is allowed. */
export type CalendarProblem = { row: number; message: string };

/** A problem with one line of a calendar CSV; `line` counts as a text editor does (the header is line 1). */
export type CalendarCsvError = { line: number; message: string };

/** An inclusive range of dates. */
export type DateRange = { from: string; to: string };

/** An answer needed a date in an academic year for which the calendar has no terms. */
export class CalendarGapError extends Error {
  readonly date: string;
  readonly academicYear: string;
  constructor(date: string) {
    const academicYear = academicYearOf(date);
    super(`The term calendar has no terms for the ${academicYear} academic year (needed for ${formatUkDate(date)})`);
    this.name = "CalendarGapError";
    this.date = date;
    this.academicYear = academicYear;
  }
}

/** schoolCalendar was given rows that validateEntries rejects. */
export class InvalidCalendarError extends Error {
  readonly problems: CalendarProblem[];
  constructor(problems: CalendarProblem[]) {
    super(`The term calendar has ${problems.length} problem(s): ${problems.map((p) => p.message).join(" ")}`);
    this.name = "InvalidCalendarError";
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Whole-day arithmetic on ISO dates (day 0 = 1970-01-01, a Thursday).

const DAY_MS = 86_400_000;

// In whole numbers, without Date objects (the calendar asks of every day of a window; dates.ts, ADR 080).
function dayNumber(iso: string): number {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return daysFromCivil(iso);
}

function isoOf(day: number): string {
  return civilFromDays(day) ?? new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function mondayOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** academicYearStart of a day number, without going through its ISO string (the calendar asks it of every day). */
function academicYearOfDay(day: number): number {
  const [y, m] = civilOfDay(day);
  return m >= 9 ? y : y - 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Academic years: these need no calendar.

/** The calendar year in which `date`'s academic year starts: 2026-03-01 → 2025; 2025-09-01 → 2025. */
export function academicYearStart(date: string): number {
  dayNumber(date); // validates
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** The academic year label as schools write it: 2026-03-01 → "2025/26". */
export function academicYearOf(date: string): string {
  const start = academicYearStart(date);
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar.

export type SchoolCalendar = {
  /** Whether the calendar has a term in `date`'s academic year. Never throws for a valid date. */
  covers(date: string): boolean;
  /** A Monday–Friday in a term and in no closure. Throws CalendarGapError when `date` is not covered. */
  isSchoolDay(date: string): boolean;
  /**
   * Whether the Monday–Sunday week containing `date` has a school day. Throws CalendarGapError when no covered
   * weekday of that week is a school day and some weekday is not covered (the answer would depend on it).
   */
  isSchoolWeek(date: string): boolean;
  /** Same function as the exported academicYearOf. */
  academicYearOf(date: string): string;
  /** The school days from `from` to `to`, both inclusive, in order; [] when `to` is before `from`. */
  schoolDaysBetween(from: string, to: string): string[];
  /** 2 × the school days from `from` to `to` inclusive (AM and PM). */
  sessionsBetween(from: string, to: string): number;
  /**
   * The date N school weeks after `start`. Walk forward week by week from the week containing `start`; each
   * following week that is a school week counts one; return the same weekday as `start` in the N-th counted
   * week. Holiday weeks are skipped. N = 0 returns `start`. Throws RangeError for N not a whole number ≥ 0.
   * Guarantee: exactly N school weeks begin (have their Monday) after `start` and on or before the result.
   */
  addSchoolWeeks(start: string, n: number): string;
  /**
   * The last day of an N-school-week window that starts on `start`: the day before addSchoolWeeks(start, N).
   * N ≥ 1. A window started on the Monday of a school week is exactly N whole school weeks (plus any holiday
   * weeks between them) and ends on a Sunday.
   */
  windowEnd(start: string, n: number): string;
  /**
   * "The last N school weeks before `end`": { from, to: end } where `from` is the Monday of the N-th most recent
   * school week, counting the week containing `end` first when it is a school week and skipping holiday weeks.
   * N ≥ 1. Throws CalendarGapError when it walks back (or, within `end`'s own week, forward) into a year that
   * is not covered.
   */
  lastSchoolWeeks(end: string, n: number): DateRange;
};

/** Builds a calendar. Throws InvalidCalendarError when validateEntries finds any problem with the rows. */
export function schoolCalendar(entries: readonly CalendarEntry[]): SchoolCalendar {
  const problems = validateEntries(entries);
  if (problems.length > 0) throw new InvalidCalendarError(problems);

  const coveredYears = new Set<number>();
  const termDays = new Set<number>();
  const closedDays = new Set<number>();
  for (const entry of entries) {
    const [first, last] = [dayNumber(entry.start), dayNumber(entry.end)];
    for (let day = first; day <= last; day++) {
      if (entry.kind === "term") {
        termDays.add(day);
        coveredYears.add(academicYearOfDay(day));
      } else {
        closedDays.add(day);
      }
    }
  }

  const coversDay = (day: number) => coveredYears.has(academicYearOfDay(day));

  function isSchoolDayNumber(day: number): boolean {
    if (!coversDay(day)) throw new CalendarGapError(isoOf(day));
    return isoWeekday(day) <= 5 && termDays.has(day) && !closedDays.has(day);
  }

  // A week that straddles the start of an academic year (Monday 31 August, term from Wednesday 2 September) is a
  // school week when any covered weekday is a school day; only when none is does an uncovered weekday matter.
  function isSchoolWeekOf(day: number): boolean {
    const monday = mondayOf(day);
    let gap: number | null = null;
    for (let d = monday; d < monday + 5; d++) {
      if (!coversDay(d)) gap ??= d;
      else if (isSchoolDayNumber(d)) return true;
    }
    if (gap !== null) throw new CalendarGapError(isoOf(gap));
    return false;
  }

  function requireCount(n: number, min: 0 | 1): void {
    if (!Number.isSafeInteger(n) || n < min) {
      throw new RangeError(`The number of school weeks must be a whole number of at least ${min}; got ${n}`);
    }
  }

  function addSchoolWeeks(start: string, n: number): string {
    const startDay = dayNumber(start);
    requireCount(n, 0);
    let day = startDay;
    for (let counted = 0; counted < n;) {
      day += 7;
      if (isSchoolWeekOf(day)) counted++;
    }
    return isoOf(day);
  }

  function schoolDaysBetween(from: string, to: string): string[] {
    const [first, last] = [dayNumber(from), dayNumber(to)];
    const days: string[] = [];
    for (let day = first; day <= last; day++) if (isSchoolDayNumber(day)) days.push(isoOf(day));
    return days;
  }

  function countSchoolDays(from: string, to: string): number {
    const [first, last] = [dayNumber(from), dayNumber(to)];
    let n = 0;
    for (let day = first; day <= last; day++) if (isSchoolDayNumber(day)) n++;
    return n;
  }

  return {
    covers: (date) => coversDay(dayNumber(date)),
    isSchoolDay: (date) => isSchoolDayNumber(dayNumber(date)),
    isSchoolWeek: (date) => isSchoolWeekOf(dayNumber(date)),
    academicYearOf,
    schoolDaysBetween,
    sessionsBetween: (from, to) => 2 * countSchoolDays(from, to),
    addSchoolWeeks,
    windowEnd(start, n) {
      requireCount(n, 1);
      return isoOf(dayNumber(addSchoolWeeks(start, n)) - 1);
    },
    lastSchoolWeeks(end, n) {
      const endDay = dayNumber(end);
      requireCount(n, 1);
      let monday = mondayOf(endDay);
      let counted = isSchoolWeekOf(monday) ? 1 : 0;
      while (counted < n) {
        monday -= 7;
        if (isSchoolWeekOf(monday)) counted++;
      }
      return { from: isoOf(monday), to: end };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation and CSV import.

/** Turns a 0-based row index into the words a message uses for it ("Row 3", "Line 4"). */
type RowLabel = (index: number) => string;

const rowLabel: RowLabel = (index) => `Row ${index + 1}`;

function describeEntry(e: CalendarEntryInput): string {
  return `${e.kind} "${e.name.trim()}" (${formatUkDate(e.start)} to ${formatUkDate(e.end)})`;
}

/** Problems with each row on its own; returns whether the row's dates and kind can be used in cross-row checks. */
function checkRow(entry: CalendarEntryInput, label: string, problems: string[]): boolean {
  let usable = true;
  if (!(CALENDAR_ENTRY_KINDS as readonly string[]).includes(entry.kind)) {
    problems.push(`${label}: kind must be "term" or "closure", not "${entry.kind}".`);
    usable = false;
  }
  for (const field of ["start", "end"] as const) {
    if (!isIsoDate(entry[field])) {
      problems.push(
        `${label}: ${field} date "${entry[field]}" is not a real date; write dates as YYYY-MM-DD, ` +
          `for example 2025-09-03.`,
      );
      usable = false;
    }
  }
  if (entry.name.trim() === "") {
    problems.push(
      `${label}: name is empty; give every term and closure a name, for example "Autumn 1" or ` + `"INSET day".`,
    );
  }
  if (isIsoDate(entry.start) && isIsoDate(entry.end) && entry.end < entry.start) {
    problems.push(
      `${label}: end date ${formatUkDate(entry.end)} is before start date ${formatUkDate(entry.start)}; ` +
        `the end must be on or after the start.`,
    );
    usable = false;
  }
  if (usable && entry.kind === "term" && academicYearStart(entry.start) !== academicYearStart(entry.end)) {
    problems.push(
      `${label}: term "${entry.name.trim()}" crosses 1 September, the start of the academic year; ` +
        `end it by 31 August and start a new term for the new year.`,
    );
  }
  return usable;
}

function validateWith(entries: readonly CalendarEntryInput[], label: RowLabel): { index: number; message: string }[] {
  const found: { index: number; message: string }[] = [];
  const usable: boolean[] = entries.map((entry, index) => {
    const messages: string[] = [];
    const ok = checkRow(entry, label(index), messages);
    for (const message of messages) found.push({ index, message });
    return ok;
  });
  const terms = entries.flatMap((e, i) => (usable[i] && e.kind === "term" ? [{ e, i }] : []));

  entries.forEach((entry, index) => {
    if (!usable[index]) return;
    if (entry.kind === "term") {
      const earlier = terms.find(({ e, i }) => i < index && e.start <= entry.end && entry.start <= e.end);
      if (earlier) {
        found.push({
          index,
          message:
            `${label(index)}: ${describeEntry(entry)} overlaps ${describeEntry(earlier.e)} ` +
            `on ${label(earlier.i).toLowerCase()}; terms must not overlap.`,
        });
      }
    } else if (!terms.some(({ e }) => e.start <= entry.start && entry.end <= e.end)) {
      found.push({
        index,
        message:
          `${label(index)}: ${describeEntry(entry)} is not inside any term; a closure must ` +
          `fall entirely within one term's dates.`,
      });
    }
  });
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Every problem with the rows, in row order: unknown kind, a start or end that is not a real YYYY-MM-DD date, an
 * end before its start, an empty name, a term crossing 1 September, terms that overlap (reported on the later
 * row), a closure not entirely within one term. [] means schoolCalendar will accept the rows.
 */
export function validateEntries(entries: readonly CalendarEntryInput[]): CalendarProblem[] {
  return validateWith(entries, rowLabel).map(({ index, message }) => ({ row: index + 1, message }));
}

const CSV_HEADER = ["kind", "start", "end", "name"];

/**
 * Reads a term calendar from CSV text with the header `kind,start,end,name`. Line numbers count as a text editor
 * does (the header is line 1). Fields are split by csv.ts (a quoted field may hold commas; "" is one quote) and
 * trimmed. Blank lines are ignored. The kind is read case-insensitively. Every row is also
 * checked with validateEntries, its problems reported against the row's line. `entries` is the whole calendar
 * when `errors` is empty, and [] otherwise: a calendar with any error is not imported in part.
 */
export function parseCalendarCsv(text: string): { entries: CalendarEntry[]; errors: CalendarCsvError[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const errors: CalendarCsvError[] = [];
  const rows: CalendarEntryInput[] = [];
  const lineOfRow: number[] = [];

  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex === -1) {
    return {
      entries: [],
      errors: [
        {
          line: 1,
          message: `Line 1: the file is empty; the first line must be the header ` + `"kind,start,end,name".`,
        },
      ],
    };
  }
  const header = splitCsvLine(lines[headerIndex] ?? "");
  if (!header.ok || header.fields.map((f) => f.trim().toLowerCase()).join(",") !== CSV_HEADER.join(",")) {
    errors.push({
      line: headerIndex + 1,
      message: `Line ${headerIndex + 1}: the first line must be the header ` + `"kind,start,end,name".`,
    });
    return { entries: [], errors };
  }

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (index <= headerIndex || raw.trim() === "") return;
    const split = splitCsvLine(raw);
    if (!split.ok) {
      errors.push({
        line,
        message:
          `Line ${line}: ${split.message}; put quotes around the whole name and nothing ` +
          `else, as in term,2025-09-03,2025-10-24,"Autumn 1, first half".`,
      });
      return;
    }
    if (split.fields.length !== CSV_HEADER.length) {
      errors.push({
        line,
        message:
          `Line ${line} has ${split.fields.length} field(s); every row needs 4: ` +
          `kind,start,end,name (put quotes around a name that contains a comma).`,
      });
      return;
    }
    const [kind, start, end, name] = split.fields.map((f) => f.trim()) as [string, string, string, string];
    rows.push({ kind: kind.toLowerCase(), start, end, name });
    lineOfRow.push(line);
  });

  const lineLabel: RowLabel = (index) => `Line ${lineOfRow[index]}`;
  for (const { index, message } of validateWith(rows, lineLabel)) {
    errors.push({ line: lineOfRow[index] ?? 0, message });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { entries: [], errors };
  return { entries: rows.map((r) => ({ ...r, kind: r.kind as CalendarEntryKind })), errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Demonstration data.

function term(start: string, end: string, name: string): CalendarEntry {
  return { kind: "term", start, end, name };
}
function closure(start: string, end: string, name: string): CalendarEntry {
  return { kind: "closure", start, end, name };
}

/**
 * A realistic North East England (Darlington-like) calendar for 2025/26 and 2026/27, for seed data and tests.
 * Terms are half-terms, so the holidays are the gaps between them; bank holidays that fall in term time and one
 * INSET day per half-term are closures. 2025/26 has 189 school days and 2026/27 has 188.
 */
export const DEMO_CALENDAR_ENTRIES_2025_27: readonly CalendarEntry[] = Object.freeze([
  // 2025/26. October half-term 27–31 Oct; Christmas 22 Dec–2 Jan; February half-term 16–20 Feb;
  // Easter 30 Mar–10 Apr (Good Friday 3 Apr, Easter Monday 6 Apr); May half-term 25–29 May (spring bank holiday).
  term("2025-09-03", "2025-10-24", "Autumn 1 2025"),
  closure("2025-10-24", "2025-10-24", "INSET day"),
  term("2025-11-03", "2025-12-19", "Autumn 2 2025"),
  closure("2025-11-03", "2025-11-03", "INSET day"),
  term("2026-01-05", "2026-02-13", "Spring 1 2026"),
  closure("2026-01-05", "2026-01-05", "INSET day"),
  term("2026-02-23", "2026-03-27", "Spring 2 2026"),
  closure("2026-02-23", "2026-02-23", "INSET day"),
  term("2026-04-13", "2026-05-22", "Summer 1 2026"),
  closure("2026-04-13", "2026-04-13", "INSET day"),
  closure("2026-05-04", "2026-05-04", "Early May bank holiday"),
  term("2026-06-01", "2026-07-22", "Summer 2 2026"),
  closure("2026-06-01", "2026-06-01", "INSET day"),
  // 2026/27. October half-term 26–30 Oct; Christmas 21 Dec–1 Jan; February half-term 15–19 Feb;
  // Easter 26 Mar–9 Apr (Easter Sunday 28 Mar, so Good Friday 26 Mar ends spring term early);
  // May half-term 31 May–4 Jun (spring bank holiday 31 May).
  term("2026-09-02", "2026-10-23", "Autumn 1 2026"),
  closure("2026-10-23", "2026-10-23", "INSET day"),
  term("2026-11-02", "2026-12-18", "Autumn 2 2026"),
  closure("2026-11-02", "2026-11-02", "INSET day"),
  term("2027-01-04", "2027-02-12", "Spring 1 2027"),
  closure("2027-01-04", "2027-01-04", "INSET day"),
  term("2027-02-22", "2027-03-25", "Spring 2 2027"),
  closure("2027-02-22", "2027-02-22", "INSET day"),
  term("2027-04-12", "2027-05-28", "Summer 1 2027"),
  closure("2027-04-12", "2027-04-12", "INSET day"),
  closure("2027-05-03", "2027-05-03", "Early May bank holiday"),
  term("2027-06-07", "2027-07-21", "Summer 2 2027"),
  closure("2027-06-07", "2027-06-07", "INSET day"),
]);
