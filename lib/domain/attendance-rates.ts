// Session counts and the DfE attendance and absence rates (shared/domain.md §1.2), with the persistent and severe
// absence flags (§1.3, the 2015/16-onwards definition: a share of the pupil's OWN possible sessions).
//
// Contract for every SessionCounts value: all fields are integers ≥ 0 and
// possible = present + approvedActivity + authorised + unauthorised. Marks in the not_possible category are not
// counted anywhere: they take the session out of "possible" altogether.
import type { Category } from "./attendance-codes";

export type SessionCounts = {
  possible: number;
  present: number;
  approvedActivity: number;
  authorised: number;
  unauthorised: number;
};

/** Percentages of possible sessions, 0–100, unrounded; null when there were no possible sessions. */
export type Rates = {
  attendanceRate: number | null;
  overallAbsenceRate: number | null;
  unauthorisedRate: number | null;
};

/** Persistent absence: overall absence at or above 10% of the pupil's own possible sessions. */
export const PERSISTENT_ABSENCE_THRESHOLD = 10;
/** Severe absence: overall absence at or above 50% of the pupil's own possible sessions. */
export const SEVERE_ABSENCE_THRESHOLD = 50;

export function emptyCounts(): SessionCounts {
  return { possible: 0, present: 0, approvedActivity: 0, authorised: 0, unauthorised: 0 };
}

export function addCounts(a: SessionCounts, b: SessionCounts): SessionCounts {
  return {
    possible: a.possible + b.possible,
    present: a.present + b.present,
    approvedActivity: a.approvedActivity + b.approvedActivity,
    authorised: a.authorised + b.authorised,
    unauthorised: a.unauthorised + b.unauthorised,
  };
}

export function sumCounts(list: readonly SessionCounts[]): SessionCounts {
  return list.reduce(addCounts, emptyCounts());
}

/** The counts with one more session of `category`. A not_possible mark leaves the counts as they were. */
export function countCategory(counts: SessionCounts, category: Category): SessionCounts {
  switch (category) {
    case "present":
      return { ...counts, possible: counts.possible + 1, present: counts.present + 1 };
    case "approved_activity":
      return { ...counts, possible: counts.possible + 1, approvedActivity: counts.approvedActivity + 1 };
    case "authorised":
      return { ...counts, possible: counts.possible + 1, authorised: counts.authorised + 1 };
    case "unauthorised":
      return { ...counts, possible: counts.possible + 1, unauthorised: counts.unauthorised + 1 };
    case "not_possible":
      return counts;
  }
}

/** One session per entry: the categories of a pupil's marks over some period. */
export function countsFromCategories(categories: readonly Category[]): SessionCounts {
  return categories.reduce(countCategory, emptyCounts());
}

/** True when every field is a non-negative integer and `possible` is the sum of the four kinds of session. */
export function isValidCounts(counts: SessionCounts): boolean {
  const { possible, present, approvedActivity, authorised, unauthorised } = counts;
  const fields = [possible, present, approvedActivity, authorised, unauthorised];
  return (
    fields.every((n) => Number.isSafeInteger(n) && n >= 0) &&
    possible === present + approvedActivity + authorised + unauthorised
  );
}

function assertValidCounts(counts: SessionCounts): void {
  if (!isValidCounts(counts)) {
    throw new RangeError(
      `Session counts must be whole numbers ≥ 0 with possible = present + approvedActivity + ` +
        `authorised + unauthorised; got ${JSON.stringify(counts)}`,
    );
  }
}

/** Sessions missed, authorised or not: the numerator of the overall absence rate and of the absence flags. */
function absentSessions(counts: SessionCounts): number {
  return counts.authorised + counts.unauthorised;
}

/**
 * The three rates as exact (unrounded) percentages of possible sessions, each in 0–100, or null for all three
 * when there were no possible sessions. attendanceRate + overallAbsenceRate = 100 up to float error.
 * Throws RangeError for counts that break the SessionCounts contract. For display use roundedRates.
 */
export function rates(counts: SessionCounts): Rates {
  assertValidCounts(counts);
  const { possible } = counts;
  if (possible === 0) return { attendanceRate: null, overallAbsenceRate: null, unauthorisedRate: null };
  return {
    attendanceRate: ((counts.present + counts.approvedActivity) * 100) / possible,
    overallAbsenceRate: (absentSessions(counts) * 100) / possible,
    unauthorisedRate: (counts.unauthorised * 100) / possible,
  };
}

/**
 * The rates rounded to one decimal place for display, computed from the counts in integers (so they carry no
 * float artefacts). Rounded attendance and absence can sum to 100.1 or 99.9 (12.25 and 87.75 round to 12.3 and
 * 87.8): that is rounding, not an error.
 */
export function roundedRates(counts: SessionCounts): Rates {
  assertValidCounts(counts);
  const { possible } = counts;
  if (possible === 0) return { attendanceRate: null, overallAbsenceRate: null, unauthorisedRate: null };
  return {
    attendanceRate: roundedPercent(counts.present + counts.approvedActivity, possible),
    overallAbsenceRate: roundedPercent(absentSessions(counts), possible),
    unauthorisedRate: roundedPercent(counts.unauthorised, possible),
  };
}

/**
 * numerator / denominator × 100 to one decimal place, half away from zero, in exact integer arithmetic:
 * roundedPercent(21, 2000) = 1.1 (1.05 rounds up), roundedPercent(1, 3) = 33.3.
 * Both arguments must be integers with |numerator| × 2000 a safe integer; denominator > 0.
 */
export function roundedPercent(numerator: number, denominator: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0) {
    throw new RangeError(
      `roundedPercent needs whole numbers and a denominator above 0; got ${numerator}/${denominator}`,
    );
  }
  const scaled = Math.abs(numerator) * 2000;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`roundedPercent: numerator too large: ${numerator}`);
  // Tenths of a percent = round(|n| × 1000 / d) = floor((2 × |n| × 1000 + d) / 2d), half rounding up in magnitude.
  const tenths = Math.floor((scaled + denominator) / (2 * denominator));
  return numerator < 0 && tenths > 0 ? -tenths / 10 : tenths / 10;
}

/**
 * A percentage already held as a number, to one decimal place, half away from zero. A tiny relative nudge
 * absorbs binary float error, so 1.05 → 1.1 and 0.15 → 0.2 as written, not 1.0 and 0.1. Prefer roundedPercent
 * (exact) when the counts are to hand. Throws RangeError for NaN or infinity.
 */
export function roundRate(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`roundRate needs a finite number; got ${x}`);
  const scaled = Math.abs(x) * 10;
  const tenths = Math.floor(scaled + 0.5 + 1e-9 * Math.max(1, scaled));
  return x < 0 && tenths > 0 ? -tenths / 10 : tenths / 10;
}

/** Overall absence at or above `threshold` percent of possible sessions, compared in integers. */
function atOrAboveAbsenceShare(counts: SessionCounts, threshold: number): boolean {
  assertValidCounts(counts);
  return counts.possible > 0 && absentSessions(counts) * 100 >= threshold * counts.possible;
}

/** ≥ 10% of the pupil's own possible sessions missed (authorised or not). False when there were none possible. */
export function isPersistentAbsence(counts: SessionCounts): boolean {
  return atOrAboveAbsenceShare(counts, PERSISTENT_ABSENCE_THRESHOLD);
}

/** ≥ 50% of the pupil's own possible sessions missed (authorised or not). False when there were none possible. */
export function isSevereAbsence(counts: SessionCounts): boolean {
  return atOrAboveAbsenceShare(counts, SEVERE_ABSENCE_THRESHOLD);
}
