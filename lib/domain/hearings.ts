// Court hearings and their outcomes (shared/domain.md §6.4, §7). A prosecution is laid only once the referral is
// approved, so no hearing of it is dated before that day. Magistrates' courts sit on weekdays: a Saturday sitting
// can be recorded once the user confirms it (special sittings happen), a Sunday never. A hearing has a time in court
// hours and a court from the authority's list. An outcome belongs to a hearing that was not adjourned, and is dated
// on or after that hearing and not in the future. Held three times: here, lib/schemas/referrals.ts, and the CHECKs
// and trigger on court_hearing and court_outcome.
import { formatUkDate } from "./dates";
import { formatTimeOfDay } from "./time-of-day";

/** Why a hearing on `hearingDate` cannot be recorded for a referral approved on `approvedOn`, or null. */
export function hearingDateProblem(hearingDate: string, approvedOn: string): string | null {
  return hearingDate < approvedOn
    ? `The hearing date must be on or after ${formatUkDate(approvedOn)}, the day the prosecution was approved`
    : null;
}

/** ISO weekday, Monday 1 to Sunday 7. */
export function isoWeekday(iso: string): number {
  return ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export const SATURDAY_NEEDS_CONFIRMATION = "saturdayConfirmed";

/**
 * Why a hearing cannot be on `hearingDate`: never a Sunday; a Saturday only once confirmed (the problem then names
 * the confirmation box, so the form can offer it); a confirmation only for a Saturday. Null when the day is fine.
 */
export function hearingDayProblem(
  hearingDate: string,
  saturdayConfirmed: boolean,
): { field: "hearingDate" | "saturdayConfirmed"; message: string } | null {
  const day = isoWeekday(hearingDate);
  if (day === 7) {
    return {
      field: "hearingDate",
      message: `${formatUkDate(hearingDate)} is a Sunday: magistrates' courts do not sit on Sundays. Enter the date of the hearing`,
    };
  }
  if (day === 6 && !saturdayConfirmed) {
    return {
      field: "saturdayConfirmed",
      message: `${formatUkDate(hearingDate)} is a Saturday: confirm that the court is sitting that Saturday, or enter a weekday`,
    };
  }
  if (day !== 6 && saturdayConfirmed) {
    return { field: "saturdayConfirmed", message: "Only confirm a Saturday sitting for a hearing on a Saturday" };
  }
  return null;
}

/** The hours a hearing may be listed in (inclusive): wide enough for early lists and late sittings. */
export const HEARING_HOURS = { from: "08:00", to: "18:00" } as const;

/** Why a hearing cannot be at `time` ("HH:MM"), or null. */
export function hearingTimeProblem(time: string): string | null {
  return time < HEARING_HOURS.from || time > HEARING_HOURS.to
    ? `Enter a time when courts sit, between ${formatTimeOfDay(HEARING_HOURS.from)} and ${formatTimeOfDay(HEARING_HOURS.to)}`
    : null;
}

/**
 * Why an outcome cannot be recorded for a hearing on `hearingDate` and dated `decidedOn`, or null: the hearing must
 * have taken place (not later than today) and not have been adjourned; the outcome is dated on or after the hearing
 * and not in the future.
 */
export function outcomeDateProblem(input: {
  hearingDate: string;
  adjourned: boolean;
  decidedOn: string;
  today: string;
}): { field: "hearingId" | "decidedOn"; message: string } | null {
  if (input.adjourned) {
    return {
      field: "hearingId",
      message: `The hearing on ${formatUkDate(input.hearingDate)} was adjourned: record the outcome at the hearing that decided it`,
    };
  }
  if (input.hearingDate > input.today) {
    return {
      field: "hearingId",
      message: `The hearing on ${formatUkDate(input.hearingDate)} has not taken place yet: record the outcome once it has`,
    };
  }
  if (input.decidedOn < input.hearingDate) {
    return {
      field: "decidedOn",
      message: `The outcome must be dated on or after the hearing on ${formatUkDate(input.hearingDate)}`,
    };
  }
  if (input.decidedOn > input.today) {
    return {
      field: "decidedOn",
      message: `The date of the outcome cannot be in the future: enter today (${formatUkDate(input.today)}) or earlier`,
    };
  }
  return null;
}

/** Where a referral in court stands on `today`: its next hearing is listed, a past hearing awaits its outcome, or
 * neither (no hearing yet, or the outcome is recorded). */
export type CourtStage = "upcoming" | "awaiting_outcome" | "none";

/**
 * The lists of hearings: a hearing is "upcoming" from today on while its referral has no outcome; the referral's
 * latest hearing, once it is in the past with no outcome, is "awaiting outcome" (an adjourned one waits for the next
 * hearing to be listed). Every other hearing is in neither list.
 */
export function hearingStage(
  hearing: { id: string; date: string },
  referral: { hasOutcome: boolean; hearings: readonly { id: string; date: string; createdAt: string }[] },
  today: string,
): CourtStage {
  if (referral.hasOutcome) return "none";
  if (hearing.date >= today) return "upcoming";
  // Latest day first, then the latest recorded, then by id: a total order, so one hearing is the latest.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const latest = [...referral.hearings].sort(
    (a, b) => cmp(b.date, a.date) || cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id),
  )[0];
  return latest && latest.id === hearing.id ? "awaiting_outcome" : "none";
}
