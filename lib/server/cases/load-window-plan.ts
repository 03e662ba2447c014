import "server-only";
import { planWindow, type WindowPlan, type WindowSettings } from "@/lib/domain/fast-track-window";
import { CalendarGapError, schoolCalendar, type SchoolCalendar } from "@/lib/domain/school-calendar";
import { loadCalendarEntries } from "../calendar/calendar-store";
import { pgPool } from "../pg";

export type CalendarOrProblem = { ok: true; calendar: SchoolCalendar } | { ok: false; message: string };

export const NO_CALENDAR =
  "The authority has no term calendar yet, so the window's dates cannot be worked out. Ask an " +
  "administrator to load the term dates.";

/** The authority's term calendar, or the reason there is none to count school weeks on. */
export async function loadSchoolCalendar(authorityId: string): Promise<CalendarOrProblem> {
  const entries = await loadCalendarEntries(pgPool(), authorityId);
  if (!entries.some((e) => e.kind === "term")) return { ok: false, message: NO_CALENDAR };
  return { ok: true, calendar: schoolCalendar(entries) };
}

/** planWindow, with a calendar gap turned into a message that says what to do. */
export function tryPlanWindow(
  calendar: SchoolCalendar,
  start: string,
  settings: WindowSettings,
): { ok: true; plan: WindowPlan } | { ok: false; message: string } {
  try {
    return { ok: true, plan: planWindow(calendar, start, settings) };
  } catch (error) {
    if (error instanceof CalendarGapError) {
      return {
        ok: false,
        message:
          `The term calendar has no terms for the ${error.academicYear} academic year, which ` +
          `this window runs into, so its dates cannot be worked out. Ask an administrator to load those term dates.`,
      };
    }
    throw error;
  }
}
