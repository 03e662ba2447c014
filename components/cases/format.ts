// Formatting for the casework pages: timestamps (when something was recorded) shown in UK time.
import { formatUkDate } from "@/lib/domain/dates";

const LONDON_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const LONDON_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});

/** A timestamp's date in London, as `27 November 2026`. */
export function formatUkDateOf(at: Date): string {
  return formatUkDate(LONDON_DATE.format(at));
}

/** A timestamp in London, as `27 November 2026 at 3:05pm`. */
export function formatUkDateTime(at: Date): string {
  return `${formatUkDateOf(at)} at ${LONDON_TIME.format(at).replace(/\s/g, "")}`;
}

/** A percentage to one decimal place, or "No sessions yet". */
export function formatPercent(pct: number | null): string {
  return pct === null ? "No possible sessions yet" : `${pct.toFixed(1)}%`;
}
