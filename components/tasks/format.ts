// Formatting for tasks and My day.
import { formatUkDate } from "@/lib/domain/dates";
import { formatTaskTime } from "@/lib/domain/tasks";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** `2026-11-20` → `Friday 20 November 2026`. */
export function formatUkDateWithDay(iso: string): string {
  return `${WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]} ${formatUkDate(iso)}`;
}

/** When a task is due, as people say it: "Friday 20 November 2026 at 10am", or the day alone. */
export function formatDue(date: string, time: string | null): string {
  return time ? `${formatUkDateWithDay(date)} at ${formatTaskTime(time)}` : formatUkDateWithDay(date);
}
