// How attendance figures read on screen and in downloads: percentages to one decimal place with a % sign,
// counts with thousands separators, UK dates and times.
import { roundRate } from "@/lib/domain/attendance-rates";

/** 12.345 → "12.3%"; null (no possible sessions) → the `none` text. Rates already rounded stay as they are. */
export function percent(rate: number | null, none = "No sessions"): string {
  return rate === null ? none : `${roundRate(rate).toFixed(1)}%`;
}

/** A rate for a CSV cell: one decimal place, no % sign, empty when there were no possible sessions. */
export function csvPercent(rate: number | null): string {
  return rate === null ? "" : roundRate(rate).toFixed(1);
}

export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

const TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});
const DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** A moment in England's time, as GOV.UK writes it: "20 November 2026 at 2:15pm". */
export function formatUkDateTime(at: Date): string {
  return `${DAY.format(at)} at ${TIME.format(at).replace(/\s/g, "").toLowerCase()}`;
}

export const SESSION_LABELS = ["Morning (AM)", "Afternoon (PM)"] as const;
