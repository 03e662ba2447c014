// When a penalty notice may be issued: the national threshold (shared/domain.md §5.2) of 10 sessions of
// unauthorised absence (codes G, N, O, U) within a rolling period of 10 school weeks, where a school week is any
// week with at least one school session and the period may span terms and school years. The numbers are
// PENALTY_NOTICE_THRESHOLD and PENALTY_NOTICE_CODES in attendance-codes.ts (one place to change them).
//
// The offence period named on a notice is checked against the threshold: it must span no more than the
// threshold's number of school weeks, and contain at least its number of unauthorised sessions.
import { PENALTY_NOTICE_CODES, PENALTY_NOTICE_THRESHOLD } from "./attendance-codes";

export { PENALTY_NOTICE_CODES, PENALTY_NOTICE_THRESHOLD };

export type ThresholdCheck =
  | { reached: true; sessions: number; schoolWeeks: number }
  | { reached: false; sessions: number; schoolWeeks: number; message: string };

/**
 * Whether an offence period meets the threshold, given the unauthorised sessions (G, N, O, U) in it and the
 * number of school weeks it touches on the authority's calendar. Throws RangeError for counts that are not whole
 * numbers ≥ 0.
 */
export function checkThreshold(
  period: { unauthorisedSessions: number; schoolWeeks: number },
  threshold: { sessions: number; schoolWeeks: number } = PENALTY_NOTICE_THRESHOLD,
): ThresholdCheck {
  const { unauthorisedSessions: sessions, schoolWeeks } = period;
  for (const n of [sessions, schoolWeeks]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Counts must be whole numbers, 0 or more; got ${n}`);
  }
  if (schoolWeeks === 0) {
    return {
      reached: false,
      sessions,
      schoolWeeks,
      message: "The offence period has no school weeks on the term calendar",
    };
  }
  if (schoolWeeks > threshold.schoolWeeks) {
    return {
      reached: false,
      sessions,
      schoolWeeks,
      message: `The offence period spans ${schoolWeeks} school weeks; the threshold is counted over no more than ${threshold.schoolWeeks}`,
    };
  }
  if (sessions < threshold.sessions) {
    return {
      reached: false,
      sessions,
      schoolWeeks,
      message: `The threshold for a penalty notice is not met: it needs ${threshold.sessions} unauthorised sessions in ${threshold.schoolWeeks} school weeks, and the offence period has ${sessions}`,
    };
  }
  return { reached: true, sessions, schoolWeeks };
}
