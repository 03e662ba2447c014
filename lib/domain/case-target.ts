// The target a family is set when the Fast Track window starts, and whether the register shows it met
// (shared/domain.md §4.2: no national definition of "improvement" exists, so each case records its own).
//
// A target is a minimum attendance over the window, a maximum number of unauthorised sessions in it, or both;
// both parts must hold for the target to be met. Attendance is the DfE attendance rate (present + approved
// educational activity, over possible sessions), compared with the target exactly, in whole numbers: 340 of 378
// is 89.947…%, which misses a 90% target even though a display rounded to whole numbers would say 90%.
import { isValidCounts, roundedPercent, type SessionCounts } from "./attendance-rates";
import type { WindowPlan } from "./fast-track-window";
import type { FieldProblem } from "./problems";

export type Target = {
  /** At least this percentage of possible sessions attended: 0–100, at most one decimal place. */
  minAttendancePct: number | null;
  /** No more than this many unauthorised sessions: a whole number, 0 or more. */
  maxUnauthorisedSessions: number | null;
};

export const DEFAULT_TARGET: Readonly<Target> = Object.freeze({ minAttendancePct: 90, maxUnauthorisedSessions: null });

export type TargetEvaluation = {
  met: boolean;
  /** Attendance over the counts, to one decimal place; null when there were no possible sessions. */
  attendancePct: number | null;
  unauthorised: number;
  /** Why the target is not met, one sentence per part missed; [] when it is met. */
  reasons: string[];
};

export type TargetProgress = {
  /** True while attending every remaining session would meet the target; false means it can no longer be met. */
  canStillBeMet: boolean;
  /**
   * How many of the remaining sessions the pupil must attend for the attendance part, counting every remaining
   * session as possible (a session that turns out not possible, such as a school closure, lowers the need); 0 when
   * the part is already safe, more than the sessions remaining when it can no longer be met; null without an
   * attendance part.
   */
  sessionsToAttend: number | null;
  /** Further unauthorised sessions the limit allows (0 once it is reached or passed); null without a limit. */
  unauthorisedAllowance: number | null;
  /** Why the target can no longer be met; [] while it can. */
  reasons: string[];
};

const NO_POSSIBLE_SESSIONS = "No possible sessions in the window, so the target cannot be judged";

/**
 * Every problem with the target, each against its field: a minimum attendance from 0 to 100 with at most one
 * decimal place; a maximum of unauthorised sessions that is a whole number, 0 or more; and at least one of the
 * two (reported against minAttendancePct, the first field of the pair, as the GOV.UK error summary links to the
 * first field of a group). [] means the target can be saved and evaluated.
 */
export function validateTarget(target: Target): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { minAttendancePct: pct, maxUnauthorisedSessions: max } = target;
  if (pct === null && max === null) {
    problems.push({
      field: "minAttendancePct",
      message: "Set a minimum attendance, a maximum number of unauthorised " + "sessions, or both",
    });
  }
  if (pct !== null && tenthsOf(pct) === null) {
    problems.push({
      field: "minAttendancePct",
      message:
        "Minimum attendance must be a percentage from 0 to 100 with " +
        "at most one decimal place, for example 90 or 92.5",
    });
  }
  if (max !== null && !(Number.isSafeInteger(max) && max >= 0)) {
    problems.push({
      field: "maxUnauthorisedSessions",
      message: "Maximum unauthorised sessions must be a whole " + "number, 0 or more",
    });
  }
  return problems;
}

/**
 * Whether `counts` (the register over the window, or over the part of it so far) meets the target. With no
 * possible sessions the target is not met: there is nothing to judge it on. Throws RangeError for a target that
 * validateTarget rejects or counts that break the SessionCounts contract.
 *
 * Example, target 90%: 340 attended of 378 possible → not met, attendancePct 89.9, reason "Attendance was 89.9%
 * (340 of 378 possible sessions); the target of at least 90% needs 341"; 341 of 378 → met.
 */
export function evaluateTarget(target: Target, counts: SessionCounts): TargetEvaluation {
  const tenths = checkedTenths(target);
  assertCounts(counts);
  const { possible, unauthorised } = counts;
  if (possible === 0) return { met: false, attendancePct: null, unauthorised, reasons: [NO_POSSIBLE_SESSIONS] };

  const attended = attendedOf(counts);
  const attendancePct = roundedPercent(attended, possible);
  const reasons: string[] = [];
  if (tenths !== null && attended * 1000 < tenths * possible) {
    reasons.push(
      `Attendance was ${attendancePct.toFixed(1)}% (${attended} of ${possible} possible sessions); the ` +
        `target of at least ${tenths / 10}% needs ${sessionsNeeded(tenths, possible)}`,
    );
  }
  const max = target.maxUnauthorisedSessions;
  if (max !== null && unauthorised > max) {
    reasons.push(
      `There ${unauthorised === 1 ? "was" : "were"} ${sessions(unauthorised, "unauthorised")}; the target ` +
        `allows no more than ${max}`,
    );
  }
  return { met: reasons.length === 0, attendancePct, unauthorised, reasons };
}

/**
 * Whether the target can still be met, given the register so far and the school sessions left in the window
 * (from the calendar: 2 per school day still to come). The best the pupil can do is attend every remaining
 * session, since each session attended raises the rate and adds no unauthorised absence; so the target can still
 * be met exactly when evaluateTarget would call it met on the counts so far plus that many sessions present.
 * Throws RangeError for an invalid target or counts, or `sessionsRemaining` not a whole number ≥ 0.
 *
 * Example, target 90%, 200 attended of 230 possible so far, 148 sessions left: the window's 378 possible
 * sessions need 341 attended, so 141 of the 148 remaining (sessionsToAttend 141); with 130 left, 360 possible
 * need 324, which is 124 more: still possible. With 20 left, 250 possible need 225: 25 more, so it cannot be met.
 */
export function targetProgress(target: Target, countsSoFar: SessionCounts, sessionsRemaining: number): TargetProgress {
  const tenths = checkedTenths(target);
  assertCounts(countsSoFar);
  if (!Number.isSafeInteger(sessionsRemaining) || sessionsRemaining < 0) {
    throw new RangeError(`sessionsRemaining must be a whole number, 0 or more; got ${sessionsRemaining}`);
  }
  const remaining = sessionsRemaining;
  const attended = attendedOf(countsSoFar);
  const { unauthorised } = countsSoFar;
  const possible = countsSoFar.possible + remaining;
  const max = target.maxUnauthorisedSessions;
  const unauthorisedAllowance = max === null ? null : Math.max(0, max - unauthorised);
  const sessionsToAttend = tenths === null ? null : Math.max(0, sessionsNeeded(tenths, possible) - attended);
  if (possible === 0) {
    return { canStillBeMet: false, sessionsToAttend, unauthorisedAllowance, reasons: [NO_POSSIBLE_SESSIONS] };
  }

  const reasons: string[] = [];
  if (tenths !== null && sessionsToAttend !== null && sessionsToAttend > remaining) {
    const best = roundedPercent(attended + remaining, possible);
    reasons.push(
      `Even attending ${remaining === 1 ? "the 1 remaining session" : `all ${remaining} remaining sessions`}, ` +
        `attendance would be ${best.toFixed(1)}% (${attended + remaining} of ${possible} possible sessions); the ` +
        `target of at least ${tenths / 10}% needs ${sessionsNeeded(tenths, possible)}`,
    );
  }
  if (max !== null && unauthorised > max) {
    reasons.push(
      `There ${unauthorised === 1 ? "has" : "have"} already been ${sessions(unauthorised, "unauthorised")}; the ` +
        `target allows no more than ${max}`,
    );
  }
  return { canStillBeMet: reasons.length === 0, sessionsToAttend, unauthorisedAllowance, reasons };
}

/** The percentage in tenths (90 → 900, 92.5 → 925), or null when it is not 0–100 with at most one decimal place. */
function tenthsOf(pct: number): number | null {
  if (typeof pct !== "number" || !Number.isFinite(pct) || pct < 0 || pct > 100) return null;
  const tenths = Math.round(pct * 10);
  return Math.abs(pct * 10 - tenths) < 1e-9 ? tenths : null;
}

/** The target's attendance part in tenths of a percent, or null without one; throws for an invalid target. */
function checkedTenths(target: Target): number | null {
  const problems = validateTarget(target);
  if (problems.length > 0) {
    throw new RangeError(`Invalid target ${JSON.stringify(target)}: ${problems.map((p) => p.message).join("; ")}`);
  }
  return target.minAttendancePct === null ? null : tenthsOf(target.minAttendancePct);
}

function assertCounts(counts: SessionCounts): void {
  if (!isValidCounts(counts)) {
    throw new RangeError(
      `Session counts must be whole numbers ≥ 0 with possible = present + approvedActivity + ` +
        `authorised + unauthorised; got ${JSON.stringify(counts)}`,
    );
  }
}

/** Sessions that count as attendance (DfE): present and approved educational activity. */
function attendedOf(counts: SessionCounts): number {
  return counts.present + counts.approvedActivity;
}

/** The fewest attended sessions out of `possible` that reach `tenths` tenths of a percent: ⌈tenths × possible / 1000⌉. */
function sessionsNeeded(tenths: number, possible: number): number {
  return Math.floor((tenths * possible + 999) / 1000);
}

function sessions(n: number, kind: string): string {
  return `${n} ${kind} session${n === 1 ? "" : "s"}`;
}

/** A running or ended window's progress against its target, as the case page shows it. */
export type WindowProgress = {
  plan: WindowPlan;
  /** The plan as stored when the window started; false when it had to be worked out again from today's settings. */
  planAsStarted: boolean;
  /** The last day counted: today, or the window's end once it has passed. */
  asOf: string;
  ended: boolean;
  /** Register marks in the window so far (every school the pupil attended). */
  counts: SessionCounts;
  /** Attendance so far, to one decimal place; null with no possible sessions yet. */
  attendancePct: number | null;
  /** School sessions left in the window after today, from the term calendar; null without a calendar. */
  sessionsRemaining: number | null;
  /** While the window runs: whether the target can still be met. */
  progress: TargetProgress | null;
  /** Once the window has ended: whether the target was met. */
  evaluation: TargetEvaluation | null;
  /** Why progress could not be worked out (no calendar for the window's years). */
  problem: string | null;
};
