// The Fast Track window: a fixed number of school weeks from the parents' meeting (or the warning letter), with
// milestones on the way (shared/domain.md §4.2). Each authority sets the length and the milestone weeks; the
// defaults follow the published model: action-plan targets at week 4, a review at week 6, and the decision at the
// end of 12 weeks. Weeks are school weeks on the authority's term calendar, so holidays do not count.
//
// How a window is counted (planWindow):
// - The start is the date the officer records: the meeting or letter date. It need not be a school day.
// - When the start falls in a school week (a week with at least one school day, even if the start itself is a
//   weekend or an INSET day), that week is week 1, and a w-week window ends on the day before the same weekday w
//   school weeks later: calendar.windowEnd(start, w). A window started on a Monday ends on a Sunday.
// - When the start falls in a holiday week, that week does not count: the window is counted from the Monday of the
//   next school week, so the family still gets the full w school weeks. (calendar.windowEnd on the holiday date
//   itself would count the holiday week as week 1: a 12-week window started on Monday 27 October 2025, in
//   half-term, would hold only 11 school weeks.)
// - A window (and a milestone's w-week part of it) ends the day before its next school week begins, so a holiday
//   straight after the last counted week falls inside it: 12 weeks from Monday 27 April 2026 end on Sunday
//   30 August 2026, not on the last school day, Wednesday 22 July. No sessions are lost or added by that; only
//   the date on which the decision falls due moves past the holiday.
// - The end date and every milestone date come from the calendar, never from what someone typed; a window that
//   runs past the calendar's last year throws CalendarGapError (the authority must load the next year's terms).
import { WINDOW_ALREADY_STARTED } from "./case-state";
import type { FieldProblem, RuleCheck } from "./problems";
import { formatUkDate, isIsoDate } from "./dates";
import type { SchoolCalendar } from "./school-calendar";

export const WINDOW_MILESTONE_KEYS = ["action_plan", "review", "decision"] as const;
export type WindowMilestoneKey = (typeof WINDOW_MILESTONE_KEYS)[number];

export type WindowMilestoneSetting = { key: WindowMilestoneKey; label: string; week: number };
export type WindowSettings = { lengthWeeks: number; milestones: readonly WindowMilestoneSetting[] };

/** The longest window an authority may set: one school year's worth of weeks is already generous. */
export const MAX_WINDOW_WEEKS = 52;

const DEFAULT_MILESTONES: readonly WindowMilestoneSetting[] = [
  { key: "action_plan", label: "Action plan targets due", week: 4 },
  { key: "review", label: "Review", week: 6 },
  { key: "decision", label: "Decision", week: 12 },
];

/** Frozen, so that a caller cannot change every authority's default by accident. */
export const DEFAULT_WINDOW_SETTINGS: Readonly<WindowSettings> = Object.freeze({
  lengthWeeks: 12,
  milestones: Object.freeze(DEFAULT_MILESTONES.map((m) => Object.freeze({ ...m }))),
});

export type PlannedMilestone = WindowMilestoneSetting & {
  /** The last day of the first `week` school weeks of the window (ISO date). */
  due: string;
};

export type WindowPlan = {
  /** The date the officer recorded: the meeting or warning letter. */
  start: string;
  /**
   * The date the school weeks are counted from: `start` when it falls in a school week, otherwise the Monday of
   * the next school week. No school day lies between `start` and `countsFrom`.
   */
  countsFrom: string;
  /** The last day of the window (inclusive). Equal to the decision milestone's due date. */
  end: string;
  /** In week order; milestones due the same week keep their configured order, with the decision last. */
  milestones: PlannedMilestone[];
};

/** planWindow was given settings that validateWindowSettings rejects. */
export class InvalidWindowSettingsError extends Error {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(
      `The Fast Track window settings have ${problems.length} problem(s): ` + problems.map((p) => p.message).join("; "),
    );
    this.name = "InvalidWindowSettingsError";
    this.problems = problems;
  }
}

const MILESTONE_NAMES: Record<WindowMilestoneKey, string> = {
  action_plan: "Action plan",
  review: "Review",
  decision: "Decision",
};

const isWholeNumber = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

/**
 * Every problem with the settings, each against the field it belongs to (dotted paths, as zod gives them):
 * - lengthWeeks: a whole number from 1 to 52;
 * - milestones.i.key: one of action_plan, review, decision, and each at most once;
 * - milestones.i.label: not blank;
 * - milestones.i.week: a whole number from 1 to the window length, and for the decision exactly the length;
 * - milestones: there must be a decision milestone.
 * [] means planWindow accepts the settings.
 */
export function validateWindowSettings(settings: WindowSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { lengthWeeks, milestones } = settings;
  const lengthOk = isWholeNumber(lengthWeeks) && lengthWeeks >= 1 && lengthWeeks <= MAX_WINDOW_WEEKS;
  if (!lengthOk) {
    problems.push({
      field: "lengthWeeks",
      message: `Window length must be a whole number of school weeks from 1 to ` + `${MAX_WINDOW_WEEKS}`,
    });
  }

  const seen = new Set<WindowMilestoneKey>();
  milestones.forEach((milestone, i) => {
    const { key, label, week } = milestone;
    if (!(WINDOW_MILESTONE_KEYS as readonly string[]).includes(key)) {
      problems.push({
        field: `milestones.${i}.key`,
        message: `Milestone ${i + 1} must be an action plan, review or ` + `decision milestone`,
      });
      return;
    }
    const name = MILESTONE_NAMES[key];
    if (seen.has(key)) {
      problems.push({
        field: `milestones.${i}.key`,
        message: `There is more than one ${name.toLowerCase()} ` + `milestone; each kind of milestone can appear once`,
      });
    }
    seen.add(key);
    if (typeof label !== "string" || label.trim() === "") {
      problems.push({
        field: `milestones.${i}.label`,
        message: `Enter a label for the ${name.toLowerCase()} ` + `milestone`,
      });
    }
    const field = `milestones.${i}.week`;
    if (key === "decision" && lengthOk) {
      if (week !== lengthWeeks) {
        problems.push({
          field,
          message:
            `Decision week must be ${lengthWeeks}, the end of the window: the decision ` +
            `is taken when the window ends`,
        });
      }
    } else if (!isWholeNumber(week) || week < 1 || (lengthOk && week > lengthWeeks)) {
      problems.push({
        field,
        message: lengthOk
          ? `${name} week must be a whole number from 1 to ${lengthWeeks}, the window length`
          : `${name} week must be a whole number, 1 or more`,
      });
    }
  });

  if (!seen.has("decision")) {
    problems.push({
      field: "milestones",
      message: lengthOk
        ? `Add a decision milestone at the end of the window (week ${lengthWeeks})`
        : "Add a decision milestone at the end of the window",
    });
  }
  return problems;
}

/**
 * The window's dates for a start date: its end and each milestone's due date, counted as the header describes.
 * Throws InvalidWindowSettingsError for settings that validateWindowSettings rejects, RangeError for a start that
 * is not an ISO date, and CalendarGapError (unchanged, from the calendar) when the window runs into an academic
 * year the calendar has no terms for.
 */
export function planWindow(calendar: SchoolCalendar, start: string, settings: WindowSettings): WindowPlan {
  const problems = validateWindowSettings(settings);
  if (problems.length > 0) throw new InvalidWindowSettingsError(problems);

  const countsFrom = calendar.isSchoolWeek(start) ? start : mondayOf(calendar.addSchoolWeeks(start, 1));
  const milestones = settings.milestones
    .map((m, order) => ({ m, order }))
    .sort(
      (a, b) =>
        a.m.week - b.m.week || Number(a.m.key === "decision") - Number(b.m.key === "decision") || a.order - b.order,
    )
    .map(({ m }) => ({ key: m.key, label: m.label, week: m.week, due: calendar.windowEnd(countsFrom, m.week) }));
  return { start, countsFrom, end: calendar.windowEnd(countsFrom, settings.lengthWeeks), milestones };
}

/**
 * Whether the window has ended on `today`: the end date is the window's last day, so it has ended from the day
 * after. The daily job raises `windowEnded` on the case when this first becomes true.
 */
export function windowHasEnded(plan: Pick<WindowPlan, "end">, today: string): boolean {
  return today > plan.end;
}

/**
 * Whether a window may be started on `startDate`. In order:
 * - not twice: a case has at most one window, even after it is reopened;
 * - the start must be a real date;
 * - not before the case was opened (a case may be back-dated, so the window may be too, as far as the opening);
 * - not after today: the window starts on the meeting or letter date, which has already happened; a future date
 *   would start a window from an event that might not take place.
 * All dates are ISO. Throws RangeError when `caseOpenedOn` or `today` is not an ISO date (those come from the
 * database and the clock, not from the user).
 */
export function canStartWindow(input: {
  caseOpenedOn: string;
  startDate: string;
  windowAlreadyStarted: boolean;
  today: string;
}): RuleCheck {
  const { caseOpenedOn, startDate, windowAlreadyStarted, today } = input;
  for (const [name, value] of [
    ["caseOpenedOn", caseOpenedOn],
    ["today", today],
  ] as const) {
    if (!isIsoDate(value)) throw new RangeError(`canStartWindow: ${name} is not an ISO date: ${JSON.stringify(value)}`);
  }
  if (windowAlreadyStarted) return { ok: false, message: WINDOW_ALREADY_STARTED };
  if (!isIsoDate(startDate)) {
    return { ok: false, message: "Enter the window start date as a real date, for example 2026-03-02" };
  }
  if (startDate < caseOpenedOn) {
    return {
      ok: false,
      message: `The window cannot start before the case was opened on ${formatUkDate(caseOpenedOn)}`,
    };
  }
  if (startDate > today) {
    return {
      ok: false,
      message:
        `The window cannot start in the future: enter the date of the meeting or warning ` +
        `letter, on or before today (${formatUkDate(today)})`,
    };
  }
  return { ok: true };
}

/** The Monday of the Monday–Sunday week containing `iso` (a valid ISO date). */
function mondayOf(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  const daysSinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - daysSinceMonday * 86_400_000).toISOString().slice(0, 10);
}
