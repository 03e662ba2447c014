import "server-only";
import { planWindow, type WindowPlan, type WindowSettings } from "@/lib/domain/fast-track-window";
import { CalendarGapError, schoolCalendar, type SchoolCalendar } from "@/lib/domain/school-calendar";
import { loadCalendarEntries } from "../calendar/calendar-store";
import { pgPool } from "../pg";

export type CalendarOrProblem = { ok: true; calendar: SchoolCalendar } | { ok: false; message: string };

export const NO_CALENDAR =
  "The authority has no term calendar yet, so the window's dates cannot be worked out. Ask an " +
  "administrator to load the term dates.";

/** Calendars built from the same entries are the same calendar: the last few built are kept (ADR 084). */
const KEPT_CALENDARS = 32;
const keptCalendars = new Map<string, SchoolCalendar>();

/**
 * schoolCalendar(entries), built (and its entries validated) once for the same entries: a SchoolCalendar is an
 * immutable function of them, and the case page asks for its authority's on every view. The entries are read on
 * every call as before, so a change to the term dates is seen at once; only the building is saved.
 */
export function keptSchoolCalendar(entries: Parameters<typeof schoolCalendar>[0]): SchoolCalendar {
  const key = JSON.stringify(entries);
  const kept = keptCalendars.get(key);
  if (kept) return kept;
  const calendar = schoolCalendar(entries);
  if (keptCalendars.size >= KEPT_CALENDARS) keptCalendars.delete(keptCalendars.keys().next().value!);
  keptCalendars.set(key, calendar);
  return calendar;
}

/** The authority's term calendar, or the reason there is none to count school weeks on. */
export async function loadSchoolCalendar(authorityId: string): Promise<CalendarOrProblem> {
  const entries = await loadCalendarEntries(pgPool(), authorityId);
  if (!entries.some((e) => e.kind === "term")) return { ok: false, message: NO_CALENDAR };
  return { ok: true, calendar: keptSchoolCalendar(entries) };
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
