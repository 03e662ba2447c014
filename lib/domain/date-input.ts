// Reading a date as people type it into the GOV.UK date input (day, month and year boxes), or as one piece of text
// ("6/12/2026", "6 December 2026", "2026-12-06"), with the GOV.UK Design System's error messages
// (https://design-system.service.gov.uk/components/date-input/): the message names what is missing or wrong.
// Dates are day first, as in the UK: "6/12/2026" is 6 December 2026. Pure: the forms, the server actions and the
// API read dates through lib/schemas/date-input.ts, which calls this.
import { isIsoDate } from "./dates";

export type DateParts = { day: string; month: string; year: string };

export type DateReading = { ok: true; iso: string } | { ok: false; message: string };

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "12", "Dec", "December" → 12; null otherwise. */
function monthNumber(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\.$/, "");
  if (/^\d{1,2}$/.test(t)) return Number(t);
  if (t === "sept") return 9;
  const i = MONTH_NAMES.findIndex((m) => m === t || m.slice(0, 3) === t);
  return i >= 0 ? i + 1 : null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Splits one piece of text into day, month and year: "6/12/2026", "06-12-2026", "6.12.2026", "6 12 2026",
 * "6 December 2026", "6 Dec 2026", or the ISO "2026-12-06". Null when it is not in one of those shapes.
 */
export function splitDateText(text: string): DateParts | null {
  const t = text.trim().replace(/,/g, " ").replace(/\s+/g, " ");
  if (t === "") return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return { day: iso[3]!, month: iso[2]!, year: iso[1]! };
  const m = /^(\d{1,2})(?:st|nd|rd|th)?\s*[/.\- ]\s*([A-Za-z]+\.?|\d{1,2})\s*[/.\- ]\s*(\d{2,4})$/.exec(t);
  if (m) return { day: m[1]!, month: m[2]!, year: m[3]! };
  return null;
}

/**
 * Reads the three boxes (any of which may hold the whole date, for example "6/12/2026" typed or pasted into the day
 * box) into an ISO date, or says what is wrong in GOV.UK's words, with `label` naming the date ("the date of the
 * visit"). A two-digit year is refused: "Year must include 4 numbers".
 */
export function readDateParts(parts: DateParts, label: string): DateReading {
  let { day, month, year } = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  // The whole date in one box (the others empty): split it.
  const filled = [day, month, year].filter((v) => v !== "");
  if (filled.length === 1) {
    const whole = splitDateText(filled[0]!);
    if (whole) ({ day, month, year } = whole);
  }
  if (day === "" && month === "" && year === "") return { ok: false, message: `Enter ${label}` };
  const missing = [day === "" ? "day" : null, month === "" ? "month" : null, year === "" ? "year" : null].filter(
    (v): v is string => v !== null,
  );
  if (missing.length > 0) {
    return { ok: false, message: `${capitalise(label)} must include a ${missing.join(" and ")}` };
  }
  if (!/^\d{1,2}$/.test(day)) return { ok: false, message: `${capitalise(label)} must be a real date` };
  const m = monthNumber(month);
  if (m === null) return { ok: false, message: `${capitalise(label)} must be a real date` };
  if (!/^\d+$/.test(year)) return { ok: false, message: `${capitalise(label)} must be a real date` };
  if (year.length !== 4) return { ok: false, message: "Year must include 4 numbers" };
  const iso = `${year}-${pad(m)}-${pad(Number(day))}`;
  if (!isIsoDate(iso)) return { ok: false, message: `${capitalise(label)} must be a real date` };
  return { ok: true, iso };
}

/** Reads a date given as one piece of text (an API field, a CSV cell, a query string). */
export function readDateText(text: string, label: string): DateReading {
  const t = text.trim();
  if (t === "") return { ok: false, message: `Enter ${label}` };
  const parts = splitDateText(t);
  if (!parts) {
    return { ok: false, message: `${capitalise(label)} must be a real date, for example 27 3 2027 or 27/3/2027` };
  }
  return readDateParts(parts, label);
}

/** The boxes' values for a stored ISO date (for a form's default values); empty boxes for none. */
export function isoToParts(iso: string | null | undefined): DateParts {
  if (!iso || !isIsoDate(iso)) return { day: "", month: "", year: "" };
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return { day: String(d), month: String(m), year: String(y) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
