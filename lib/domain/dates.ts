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

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
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
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the Monday–Sunday week containing `iso`. */
export function mondayOf(iso: string): string {
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
