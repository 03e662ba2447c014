// Court hearings follow the manager's approval: a prosecution is laid only once the referral is approved, so no
// hearing of it can be dated before that day (shared/domain.md §6.4: the LA decides to prosecute, then lays the
// information before the magistrates' court).
import { formatUkDate } from "./dates";

/** Why a hearing on `hearingDate` cannot be recorded for a referral approved on `approvedOn`, or null. */
export function hearingDateProblem(hearingDate: string, approvedOn: string): string | null {
  return hearingDate < approvedOn
    ? `The hearing date must be on or after ${formatUkDate(approvedOn)}, the day the prosecution was approved`
    : null;
}
