// The register CSV format: header `upn,date,session,code` with an optional `school_urn` column (any order),
// ISO dates, session AM or PM, and a national attendance code valid on that date. Line-level checks only;
// whether the pupil exists and is on roll is the importer's job.
import { codeIdOn, codeSetOn } from "./attendance-codes";
import { formatUkDate, isIsoDate } from "./dates";
import { academicYearStart } from "./school-calendar";
import { epochDay } from "./register-tally";
import { checkUpn } from "./upn";

export const REQUIRED_COLUMNS = ["upn", "date", "session", "code"] as const;
export const OPTIONAL_COLUMNS = ["school_urn"] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
export type ColumnIndex = Record<(typeof REQUIRED_COLUMNS)[number], number> & { school_urn?: number };

export type MarkRow = {
  upn: string;
  date: string;
  /** The date as days since 1970-01-01 (register-tally's epochDay), and its academic year (2025 for 2025/26). */
  day: number;
  year: number;
  session: 0 | 1;
  /** The code's number in the register store (attendance-codes' NUMBERED_CODES), for the code set of the date. */
  codeId: number;
  schoolUrn: number | null;
};

export function parseMarkHeader(
  fields: string[],
): { ok: true; index: ColumnIndex; width: number } | { ok: false; message: string } {
  const names = fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ""),
  );
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    return {
      ok: false,
      message: `Unknown column ${unknown.map((u) => `"${u}"`).join(", ")}: the header must be upn,date,session,code with an optional school_urn`,
    };
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    return {
      ok: false,
      message: `Missing column ${missing.join(", ")}: the header must be upn,date,session,code with an optional school_urn`,
    };
  }
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) return { ok: false, message: `Column ${repeated[0]} appears twice in the header` };
  const index = Object.fromEntries(names.map((n, i) => [n as Column, i])) as ColumnIndex;
  return { ok: true, index, width: names.length };
}

export type RowResult = { ok: true; row: MarkRow } | { ok: false; message: string; upn?: string; date?: string };

type DateInfo = { day: number; year: number } | null;

/** Memo tables a caller may keep across rows: a register repeats each UPN and each date hundreds of times. */
export type RowCaches = { upns: Map<string, ReturnType<typeof checkUpn>>; dates: Map<string, DateInfo> };
export const newRowCaches = (): RowCaches => ({ upns: new Map(), dates: new Map() });

export function parseMarkRow(
  fields: string[],
  index: ColumnIndex,
  width: number,
  caches: RowCaches = newRowCaches(),
): RowResult {
  if (fields.length !== width) {
    return {
      ok: false,
      message: `Malformed line: expected ${width} columns to match the header, found ${fields.length}`,
    };
  }
  const rawUpn = fields[index.upn]!.trim();
  const date = fields[index.date]!.trim();
  let upnCheck = caches.upns.get(rawUpn);
  if (!upnCheck) {
    upnCheck = checkUpn(rawUpn);
    if (caches.upns.size < 1_000_000) caches.upns.set(rawUpn, upnCheck);
  }
  const where = { upn: rawUpn || undefined, date: date || undefined };
  if (!upnCheck.ok) return { ok: false, message: `Invalid UPN "${rawUpn}": ${upnCheck.message}`, ...where };
  const upn = upnCheck.upn;
  let dateInfo = caches.dates.get(date);
  if (dateInfo === undefined) {
    dateInfo = isIsoDate(date) ? { day: epochDay(date), year: academicYearStart(date) } : null;
    if (caches.dates.size < 100_000) caches.dates.set(date, dateInfo);
  }
  if (!dateInfo)
    return {
      ok: false,
      message: `Invalid date "${date}": use YYYY-MM-DD, like 2025-10-01`,
      upn,
      date: date || undefined,
    };
  const sessionText = fields[index.session]!.trim().toUpperCase();
  if (sessionText !== "AM" && sessionText !== "PM") {
    return { ok: false, message: `Invalid session "${fields[index.session]!.trim()}": use AM or PM`, upn, date };
  }
  const code = fields[index.code]!.trim().toUpperCase();
  if (code === "") return { ok: false, message: "Missing attendance code", upn, date };
  const codeId = codeIdOn(code, date);
  if (codeId === undefined) {
    const which =
      codeSetOn(date) === "2024"
        ? "the 2024 code set (in force from 19 August 2024)"
        : "the 2006 code set (in force until 18 August 2024)";
    return {
      ok: false,
      message: `Code "${code}" is not valid on ${formatUkDate(date)}: it is not in ${which}`,
      upn,
      date,
    };
  }
  let schoolUrn: number | null = null;
  if (index.school_urn !== undefined) {
    const text = fields[index.school_urn]!.trim();
    if (text !== "") {
      if (!/^[0-9]{6}$/.test(text))
        return { ok: false, message: `Invalid school_urn "${text}": a URN is 6 digits`, upn, date };
      schoolUrn = Number(text);
    }
  }
  return {
    ok: true,
    row: {
      upn,
      date,
      day: dateInfo.day,
      year: dateInfo.year,
      session: sessionText === "AM" ? 0 : 1,
      codeId,
      schoolUrn,
    },
  };
}

/** The content type a register upload is sent as: a .xml file is a DfE Common Transfer File, anything else CSV. */
export function registerContentType(filename: string): "application/xml" | "text/csv" {
  return filename.toLowerCase().endsWith(".xml") ? "application/xml" : "text/csv";
}
