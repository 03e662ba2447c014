// Compulsory school age, Education Act 1996 s.8 (shared/domain.md §3.1 and §10.9). Only a child of compulsory
// school age can ground an offence under s.444, so the daily job relies only on days inside it.
//
// - It starts on the child's 5th birthday when that day is a prescribed day (31 December, 31 March or 31 August),
//   otherwise at the beginning of the next prescribed day after it (s.8(2)).
// - It ends at the end of the school leaving date of the school year in which the child turns 16: the last Friday
//   in June (s.8(3) and the Education (School Leaving Date) Order 1997). A school year runs 1 September to 31
//   August, so a child who turns 16 in July or August leaves on the last Friday of the June before.
// Both ends are inclusive days. A child born on 29 February turns 5 on 1 March in a common year (the day after
// 28 February), which changes nothing here: the next prescribed day is 31 March either way.
import { addDays, formatUkDate, isIsoDate } from "./dates";

/** The prescribed days as month-day, in calendar order (s.8(2) and the Education (Start of Compulsory School Age)
 * Order 1998). */
export const PRESCRIBED_DAYS = ["03-31", "08-31", "12-31"] as const;

export type CompulsorySchoolAge = {
  /** The first day the child is of compulsory school age. */
  from: string;
  /** The last day (the last Friday in June of the school year in which the child turns 16). */
  to: string;
};

/** The date of a birthday `years` after `dateOfBirth`; 29 February falls on 1 March in a common year. */
function birthday(dateOfBirth: string, years: number): string {
  const [y, m, d] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

/** The last Friday in June of `year`. */
export function lastFridayInJune(year: number): string {
  const june30 = new Date(Date.UTC(year, 5, 30));
  const back = (june30.getUTCDay() - 5 + 7) % 7; // Friday is 5
  return addDays(`${year}-06-30`, -back);
}

/** The compulsory school age of a child born on `dateOfBirth` (YYYY-MM-DD). */
export function compulsorySchoolAge(dateOfBirth: string): CompulsorySchoolAge {
  if (!isIsoDate(dateOfBirth)) throw new RangeError(`Not a date of birth: ${JSON.stringify(dateOfBirth)}`);
  const fifth = birthday(dateOfBirth, 5);
  const year = Number(fifth.slice(0, 4));
  const candidates = [...PRESCRIBED_DAYS.map((md) => `${year}-${md}`), `${year + 1}-${PRESCRIBED_DAYS[0]}`];
  const from = candidates.find((day) => day >= fifth)!;
  const sixteenth = birthday(dateOfBirth, 16);
  // The school year containing the 16th birthday ends on 31 August of this year:
  const leavingYear = Number(sixteenth.slice(0, 4)) + (sixteenth.slice(5) >= "09-01" ? 1 : 0);
  return { from, to: lastFridayInJune(leavingYear) };
}

export function isOfCompulsorySchoolAge(dateOfBirth: string, on: string): boolean {
  const { from, to } = compulsorySchoolAge(dateOfBirth);
  return on >= from && on <= to;
}

/**
 * The part of `period` inside compulsory school age, or null when none of it is, with a plain sentence for each
 * part left out ("the pupil was below compulsory school age until 31 March 2026", the day it began).
 */
export function clipToCompulsorySchoolAge(
  dateOfBirth: string,
  period: { from: string; to: string },
): { period: { from: string; to: string } | null; excluded: string[] } {
  const age = compulsorySchoolAge(dateOfBirth);
  const excluded: string[] = [];
  if (period.from < age.from) {
    excluded.push(`the pupil was below compulsory school age until ${formatUkDate(age.from)}`);
  }
  if (period.to > age.to) {
    excluded.push(`the pupil was past compulsory school age after ${formatUkDate(age.to)}, the school leaving date`);
  }
  const from = period.from > age.from ? period.from : age.from;
  const to = period.to < age.to ? period.to : age.to;
  return { period: from <= to ? { from, to } : null, excluded };
}
