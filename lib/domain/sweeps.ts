// Truancy sweeps: the authority's officers go out with the police, stop children of school age found in public
// places in school hours, and record each stop (shared/domain.md §3.1 on the police power, §9.5 for the figures
// published on sweeps). This file holds the sweep's rules and its yield, the arithmetic managers judge sweeps by:
// children stopped, truants (stopped without a valid reason), stopped per police hour, police minutes per truant,
// and the share accompanied by a parent or carer.
//
// Hours are recorded to the quarter hour and held as whole quarter hours, so that sums are exact; yields are
// rounded to one decimal place, half away from zero, in integer arithmetic. A yield that would divide by zero is
// null with the reason, never Infinity or NaN.
import { roundedPercent } from "./attendance-rates";
import { isIsoDate } from "./dates";

export const VALID_REASONS = ["yes", "no", "unknown"] as const;
export type ValidReason = (typeof VALID_REASONS)[number];
export const VALID_REASON_LABELS: Record<ValidReason, string> = {
  yes: "Yes, a valid reason",
  no: "No valid reason",
  unknown: "Not known",
};

export const STOP_OUTCOMES = ["returned_to_school", "designated_place", "taken_home", "other"] as const;
export type StopOutcome = (typeof STOP_OUTCOMES)[number];
export const STOP_OUTCOME_LABELS: Record<StopOutcome, string> = {
  returned_to_school: "Returned to school",
  designated_place: "Taken to a designated place",
  taken_home: "Taken home",
  other: "Other",
};

/** The most hours one sweep can record for a group (police or staff): 1,000 person-hours is far beyond any sweep. */
export const MAX_SWEEP_QUARTER_HOURS = 4_000;

/** "2.75" → 11 quarter hours; anything that is not a whole number of quarter hours is refused with a message. */
export function parseQuarterHours(
  text: string,
  label = "hours",
): { ok: true; quarters: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: `Enter the ${label}` };
  if (!/^\d+(\.\d+)?$/.test(trimmed)) {
    return { ok: false, message: `Enter the ${label} as a number, like 2, 2.25, 2.5 or 2.75` };
  }
  return quartersFromHours(Number(trimmed), label);
}

/** A number of hours (as the API sends it) → whole quarter hours, or why not. */
export function quartersFromHours(
  hours: number,
  label = "hours",
): { ok: true; quarters: number } | { ok: false; message: string } {
  if (!Number.isFinite(hours) || hours < 0) return { ok: false, message: `Enter the ${label} as 0 or more` };
  const quarters = Math.round(hours * 4);
  if (Math.abs(quarters - hours * 4) > 1e-9) {
    return {
      ok: false,
      message: `Enter the ${label} to the nearest quarter hour, like 2, 2.25, 2.5 or 2.75`,
    };
  }
  if (quarters > MAX_SWEEP_QUARTER_HOURS) {
    return { ok: false, message: `The ${label} can be at most ${MAX_SWEEP_QUARTER_HOURS / 4}` };
  }
  return { ok: true, quarters };
}

/** 11 → 2.75 (a number of hours, exact, since quarters are binary fractions). */
export function hoursFromQuarters(quarters: number): number {
  return quarters / 4;
}

/** 11 → "2.75", 8 → "2", 10 → "2.5". */
export function formatQuarterHours(quarters: number): string {
  return String(quarters / 4);
}

/** n / d to one decimal place, half away from zero, exact for whole numbers (d > 0): 8/3 → 2.7, 5/2 → 2.5. */
export function roundedRatio(numerator: number, denominator: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`roundedRatio needs whole numbers n >= 0 and d > 0; got ${numerator}/${denominator}`);
  }
  // Tenths = round(10n / d) = floor((20n + d) / 2d).
  return Math.floor((20 * numerator + denominator) / (2 * denominator)) / 10;
}

/** The facts one yield is worked out from: one sweep, or the sum of many. */
export type SweepTotals = {
  sweeps: number;
  stopped: number;
  /** Stopped without a valid reason. */
  truants: number;
  /** Stopped with a valid reason. */
  validReason: number;
  /** Stopped, with no way yet to tell whether the reason was valid. */
  unknownReason: number;
  /** Stopped while with a parent or carer. */
  accompanied: number;
  policeQuarterHours: number;
  staffQuarterHours: number;
};

export const YIELD_FIGURES = ["stoppedPerPoliceHour", "policeMinutesPerTruant", "accompaniedPercent"] as const;
export type YieldFigure = (typeof YIELD_FIGURES)[number];

export type SweepYield = {
  stopped: number;
  truants: number;
  accompanied: number;
  policeHours: number;
  staffHours: number;
  /** Children stopped per police hour, one decimal; null when no police hours were recorded. */
  stoppedPerPoliceHour: number | null;
  /** Police minutes spent per truant found, one decimal; null when no truant was found. */
  policeMinutesPerTruant: number | null;
  /** Percentage of the children stopped who were with a parent or carer, one decimal; null when nobody was stopped. */
  accompaniedPercent: number | null;
  /** Why each null figure is null, in words a manager reads beside the figure. */
  reasons: Partial<Record<YieldFigure, string>>;
};

export const NO_POLICE_HOURS = "No police hours were recorded, so there is no rate per police hour";
export const NO_TRUANTS = "No child was stopped without a valid reason, so there is no time per truant";
export const NO_STOPS = "No child was stopped";

/** The yield of one sweep, or of many summed first (the ratio of the sums, never the mean of the ratios). */
export function sweepYield(t: SweepTotals): SweepYield {
  const reasons: SweepYield["reasons"] = {};
  let stoppedPerPoliceHour: number | null = null;
  let policeMinutesPerTruant: number | null = null;
  let accompaniedPercent: number | null = null;
  // stopped ÷ (quarters ÷ 4) = 4 × stopped ÷ quarters.
  if (t.policeQuarterHours > 0) stoppedPerPoliceHour = roundedRatio(4 * t.stopped, t.policeQuarterHours);
  else reasons.stoppedPerPoliceHour = NO_POLICE_HOURS;
  // (quarters × 15 minutes) ÷ truants.
  if (t.truants > 0) policeMinutesPerTruant = roundedRatio(15 * t.policeQuarterHours, t.truants);
  else reasons.policeMinutesPerTruant = NO_TRUANTS;
  if (t.stopped > 0) accompaniedPercent = roundedPercent(t.accompanied, t.stopped);
  else reasons.accompaniedPercent = NO_STOPS;
  return {
    stopped: t.stopped,
    truants: t.truants,
    accompanied: t.accompanied,
    policeHours: hoursFromQuarters(t.policeQuarterHours),
    staffHours: hoursFromQuarters(t.staffQuarterHours),
    stoppedPerPoliceHour,
    policeMinutesPerTruant,
    accompaniedPercent,
    reasons,
  };
}

export type StopFacts = { validReason: ValidReason; withParent: boolean };
export type SweepFacts = { policeQuarterHours: number; staffQuarterHours: number; stops: readonly StopFacts[] };

/** One sweep's totals from its stops. */
export function totalsOf(sweep: SweepFacts): SweepTotals {
  const count = (f: (s: StopFacts) => boolean) => sweep.stops.filter(f).length;
  return {
    sweeps: 1,
    stopped: sweep.stops.length,
    truants: count((s) => s.validReason === "no"),
    validReason: count((s) => s.validReason === "yes"),
    unknownReason: count((s) => s.validReason === "unknown"),
    accompanied: count((s) => s.withParent),
    policeQuarterHours: sweep.policeQuarterHours,
    staffQuarterHours: sweep.staffQuarterHours,
  };
}

export const EMPTY_TOTALS: SweepTotals = {
  sweeps: 0,
  stopped: 0,
  truants: 0,
  validReason: 0,
  unknownReason: 0,
  accompanied: 0,
  policeQuarterHours: 0,
  staffQuarterHours: 0,
};

export function addTotals(a: SweepTotals, b: SweepTotals): SweepTotals {
  return {
    sweeps: a.sweeps + b.sweeps,
    stopped: a.stopped + b.stopped,
    truants: a.truants + b.truants,
    validReason: a.validReason + b.validReason,
    unknownReason: a.unknownReason + b.unknownReason,
    accompanied: a.accompanied + b.accompanied,
    policeQuarterHours: a.policeQuarterHours + b.policeQuarterHours,
    staffQuarterHours: a.staffQuarterHours + b.staffQuarterHours,
  };
}

/**
 * The reference figure the issue asks to show beside the authority's own: a 2005 press report of one sweep,
 * "4 police hours: 8 stopped, 3 truanting" (2 stopped per police hour, 80 police minutes per truant). It is a
 * press figure, not an official statistic (shared/domain.md §9.5 lists the published survey figures, e.g. the
 * 2004 ARCH survey's 82 minutes per truant found).
 */
export const PRESS_FIGURE_2005 = {
  label: "Press figure (2005): one sweep, 4 police hours, 8 children stopped, 3 of them truanting",
  source: "As reported in the press in 2005; not an official statistic",
  totals: {
    ...EMPTY_TOTALS,
    sweeps: 1,
    stopped: 8,
    truants: 3,
    validReason: 5,
    policeQuarterHours: 16,
  } satisfies SweepTotals,
};

export const PRESS_NOT_REPORTED = "The press report did not say how many were with a parent or carer";

/** The press figure's yield: 2 stopped per police hour, 80 police minutes per truant; the share with a parent was
 * not reported, so it is null with that reason (not 0%). */
export function pressFigureYield(): SweepYield {
  const y = sweepYield(PRESS_FIGURE_2005.totals);
  return { ...y, accompaniedPercent: null, reasons: { ...y.reasons, accompaniedPercent: PRESS_NOT_REPORTED } };
}

/**
 * Which casework a stop feeds. A child found in the authority and stopped without a valid reason goes on their
 * open case's timeline; with no open case, the child's school is flagged (as if the school had flagged them, with
 * the sweep as the reason); a child on no school's roll today cannot be flagged, and the stop says so. A valid or
 * unknown reason, or a child from outside the authority, feeds nothing.
 */
export const STOP_FEEDS = ["case_timeline", "school_flag", "no_current_school", "none"] as const;
export type StopFeed = (typeof STOP_FEEDS)[number];

export function stopFeed(stop: {
  validReason: ValidReason;
  pupilFound: boolean;
  hasOpenCase: boolean;
  hasCurrentSchool: boolean;
}): StopFeed {
  if (stop.validReason !== "no" || !stop.pupilFound) return "none";
  if (stop.hasOpenCase) return "case_timeline";
  return stop.hasCurrentSchool ? "school_flag" : "no_current_school";
}

export const STOP_FEED_LABELS: Record<StopFeed, string> = {
  case_timeline: "Added to the pupil's open case",
  school_flag: "Flagged for triage, as if by the pupil's school",
  no_current_school: "Not fed into casework: the pupil is on no school's roll today",
  none: "Nothing to feed",
};

/** "09:30" → minutes after midnight; null for anything that is not a 24-hour time. */
export function minutesOfDay(time: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The sweep's date and times: a real date, not in the future, and an end after the start. */
export function checkSweepTimes(args: {
  date: string;
  startTime: string | null;
  endTime: string | null;
  today: string;
}): { field: "date" | "startTime" | "endTime"; message: string }[] {
  const problems: { field: "date" | "startTime" | "endTime"; message: string }[] = [];
  if (!isIsoDate(args.date)) problems.push({ field: "date", message: "Enter the date of the sweep as a real date" });
  else if (args.date > args.today)
    problems.push({ field: "date", message: "The date of the sweep cannot be in the future" });
  const start = args.startTime === null ? null : minutesOfDay(args.startTime);
  const end = args.endTime === null ? null : minutesOfDay(args.endTime);
  if (args.startTime !== null && start === null)
    problems.push({ field: "startTime", message: "Enter the start time as a 24-hour time, like 09:30" });
  if (args.endTime !== null && end === null)
    problems.push({ field: "endTime", message: "Enter the end time as a 24-hour time, like 12:00" });
  if (start !== null && end !== null && end <= start)
    problems.push({ field: "endTime", message: "The end time must be after the start time" });
  return problems;
}
