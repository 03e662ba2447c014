import { PENALTY_NOTICE_THRESHOLD } from "./attendance-codes";
import { REVIEW_WAIT_DAYS } from "./parental-responsibility";

/**
 * Powers used and unused: where the authority could act and has not.
 * - threshold_no_action: pupils over the penalty-notice threshold this year (10 unauthorised sessions in 10 school
 *   weeks) with no penalty notice issued this academic year and no open case;
 * - windows_undecided: Fast Track windows that ended before today and have no decision yet;
 * - referrals_waiting: prosecution referrals awaiting review for more than 14 days;
 * - approved_no_hearing: prosecutions approved with no hearing recorded.
 */
export const UNUSED_POWERS = [
  "threshold_no_action",
  "windows_undecided",
  "referrals_waiting",
  "approved_no_hearing",
] as const;
export type UnusedPower = (typeof UNUSED_POWERS)[number];

export const UNUSED_POWER_LABELS: Record<UnusedPower, { title: string; description: string }> = {
  threshold_no_action: {
    title: "Over the penalty-notice threshold with no notice and no case",
    description: `Pupils with ${PENALTY_NOTICE_THRESHOLD.sessions} or more unauthorised sessions in ${PENALTY_NOTICE_THRESHOLD.schoolWeeks} school weeks this academic year, no penalty notice issued this year and no open case. A notice must be considered at the threshold.`,
  },
  windows_undecided: {
    title: "Windows ended and still undecided",
    description:
      "Fast Track windows that ended before today with no decision: the daily job waits while a window has no register marks.",
  },
  referrals_waiting: {
    title: `Referrals awaiting review for more than ${REVIEW_WAIT_DAYS} days`,
    description: `Prosecution referrals made more than ${REVIEW_WAIT_DAYS} days ago that no manager has approved or rejected.`,
  },
  approved_no_hearing: {
    title: "Prosecutions approved with no hearing",
    description: "Referrals approved for prosecution with no court hearing recorded.",
  },
};
