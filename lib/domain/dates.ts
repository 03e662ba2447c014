// Dates without a time are ISO `YYYY-MM-DD` strings in the domain; on screen they are UK long dates.
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// The date functions below work on whole numbers, not Date objects: pages call them hundreds of times a view, and
// in the web server every Date goes through Next's wrapper of the Date constructor (ADR 080). dates.test.ts checks
// them against the Date-based versions they replace.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Years 0000 to 0099 are not dates here (Date.UTC, which this used to call, reads them as 1900 to 1999).
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** Days since 1970-01-01 of a valid ISO date (Howard Hinnant's days_from_civil); the caller checks isIsoDate. */
export function daysFromCivil(iso: string): number {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The [year, month (1–12), day] of a day number since 1970-01-01 (Howard Hinnant's civil_from_days). */
export function civilOfDay(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The ISO date of a day number since 1970-01-01, for years 0 to 9999; null outside them. */
export function civilFromDays(days: number): string | null {
  const [y, m, d] = civilOfDay(days);
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** `2026-11-27` → `27 November 2026`. */
export function formatUkDate(iso: string): string {
  if (!isIsoDate(iso)) throw new Error(`Not an ISO date: ${iso}`);
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** `27 November 2026` → `2026-11-27` (the inverse of formatUkDate); null for anything else. */
export function isoFromUkDate(uk: string): string | null {
  const m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(uk.trim());
  const month = m ? MONTHS.indexOf(m[2]!) + 1 : 0;
  if (!m || month === 0) return null;
  const iso = `${m[3]}-${String(month).padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** A JS Date holding a date-only value (as Prisma returns `@db.Date`) → `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole years between a date of birth and a day, as people count ages. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The ISO date `days` days after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  const fast = Number.isSafeInteger(days) && isIsoDate(iso) ? civilFromDays(daysFromCivil(iso) + days) : null;
  if (fast !== null) return fast;
  // Anything else (not a valid date, a fractional count, a year past 9999) as Date has always treated it.
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the Monday–Sunday week containing `iso`. */
export function mondayOf(iso: string): string {
  // Day 0, 1970-01-01, was a Thursday: (day + 3) mod 7 is the days since Monday.
  if (isIsoDate(iso)) return addDays(iso, -((((daysFromCivil(iso) + 3) % 7) + 7) % 7));
  return addDays(iso, -((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/**
 * A range cut into its whole weeks (Monday to Sunday, `firstWeek` to `lastWeek` by their Mondays; none when
 * `firstWeek` > `lastWeek`) and the days before and after them (`from` to `leadingTo`, `trailingFrom` to `to`;
 * empty when the bound passes the other).
 */
export function splitIntoWeeks(from: string, to: string) {
  const firstWeek = mondayOf(from) === from ? from : addDays(mondayOf(from), 7);
  const lastWeek = addDays(mondayOf(addDays(to, 1)), -7); // the Monday of the last week that ends by `to`
  if (firstWeek > lastWeek) return { firstWeek, lastWeek, leadingTo: to, trailingFrom: addDays(to, 1) };
  return { firstWeek, lastWeek, leadingTo: addDays(firstWeek, -1), trailingFrom: addDays(lastWeek, 7) };
}

/** The date in England (Europe/London) of an instant, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return LONDON_DAY.format(instant);
}

// One formatter for every call: building an Intl.DateTimeFormat costs far more than formatting with it (the work
// queues format a date for each flag on every view).
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });
