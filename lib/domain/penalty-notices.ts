// Penalty notices for a pupil's absence: the alternative to prosecution (Education Act 1996 s.444A/B).
// One notice is for one parent and one pupil (shared/domain.md §0.6, §10.6). The amounts and payment periods are
// reference data by issue date, so an old notice keeps the rules it was issued under (§5.1).
//
// Counting days: "within 21 days" runs from the day after the period starts, so day n is the date n days after it
// and the last day of a 21-day period is start + 21 (the usual reading of "within N days of" an event in English
// law; domain.md does not say which day is day 1 [U]). The period starts on receipt under the 2024 framework
// (§5.1: "within 21 days of receipt" [C]); callers pass `receivedOn` when it differs from the issue date. How a
// posted notice's receipt is deemed is not in domain.md [U], so it is the caller's decision, not a rule here.
import { PENALTY_NOTICE_THRESHOLD } from "./attendance-codes";
import { addDays, formatUkDate, isIsoDate } from "./dates";
import { formatPence } from "./money";

/**
 * The first day of the 2024 National Framework (SI 2024/210), and of its 3-year clock: only notices issued on or
 * after it count towards the limit of two (§5.2 [C]).
 */
export const FRAMEWORK_FROM = "2024-08-19";

export type PenaltyNoticeScheme = {
  /** The first issue date the scheme applies to; it runs until the next scheme's `from`. */
  from: string;
  label: string;
  /** Paid within `lowerDays`: the lower amount. */
  lowerPence: number;
  lowerDays: number;
  /** Paid after that but within `finalDays`: the higher amount. After `finalDays` the notice cannot be paid. */
  higherPence: number;
  finalDays: number;
  /**
   * The 2024 framework's repeat rule: a second notice to the same parent for the same pupil within `years` is a
   * flat `pence` (whenever paid within `finalDays`), and no more than `maxNotices` may be issued within `years`.
   * Null for the earlier schemes, which had no such rule.
   */
  repeat: { years: number; pence: number; maxNotices: number } | null;
};

/** The schemes in date order (domain.md §5.1; every figure there is marked [C]). */
export const PENALTY_NOTICE_SCHEMES: readonly PenaltyNoticeScheme[] = [
  // SI 2004/181. The amounts are from the 2012 DfE page cited in §5.1. The 2007 Regulations (SI 2007/1867, from
  // 1 Sep 2007) changed procedure, not amounts, so this scheme runs on to 31 Aug 2012.
  {
    from: "2004-02-27",
    label: "2004 Regulations",
    lowerPence: 5_000,
    lowerDays: 28,
    higherPence: 10_000,
    finalDays: 42,
    repeat: null,
  },
  {
    from: "2012-09-01",
    label: "September 2012 amounts",
    lowerPence: 6_000,
    lowerDays: 28,
    higherPence: 12_000,
    finalDays: 42,
    repeat: null,
  },
  {
    from: "2013-09-01",
    label: "September 2013 periods",
    lowerPence: 6_000,
    lowerDays: 21,
    higherPence: 12_000,
    finalDays: 28,
    repeat: null,
  },
  // SI 2024/210 and the National Framework.
  {
    from: FRAMEWORK_FROM,
    label: "2024 National Framework",
    lowerPence: 8_000,
    lowerDays: 21,
    higherPence: 16_000,
    finalDays: 28,
    repeat: { years: 3, pence: 16_000, maxNotices: 2 },
  },
];

function assertIsoDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} is not an ISO date: ${value}`);
}

/** The scheme for a notice issued on `issueDate`; undefined before penalty notices existed (27 Feb 2004). */
export function schemeOn(issueDate: string): PenaltyNoticeScheme | undefined {
  assertIsoDate(issueDate, "The issue date");
  return PENALTY_NOTICE_SCHEMES.findLast((s) => s.from <= issueDate);
}

function requireScheme(issueDate: string): PenaltyNoticeScheme {
  const scheme = schemeOn(issueDate);
  if (!scheme) throw new RangeError(`No penalty notice scheme on ${issueDate}: they began on 27 February 2004`);
  return scheme;
}

/** The same day `years` years earlier; 29 February becomes 28 February in a year that has none. */
function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split("-") as [string, string, string];
  const back = `${String(Number(y) - years).padStart(4, "0")}-${m}-${d}`;
  return isIsoDate(back) ? back : back.replace(/-29$/, "-28");
}

/**
 * The 3-year window before a new notice, exclusive: an earlier notice counts when it was issued after this date
 * (and on or before the new issue date). A notice issued exactly 3 years before, to the day, no longer counts.
 */
export function threeYearWindowStart(issueDate: string): string {
  assertIsoDate(issueDate, "The issue date");
  return yearsBefore(issueDate, 3);
}

/**
 * How many of a parent's earlier notices for the same pupil count towards the 2024 limit for a notice issued on
 * `issueDate`: those issued in the window (threeYearWindowStart, issueDate] and on or after 19 Aug 2024, when the
 * 3-year clock began (§5.2 [C]). Pass only the notices that count: not withdrawn, and not prosecuted to an
 * acquittal (§5.2 [C]: paid, or unpaid and prosecuted to a conviction; the server reads them from the view
 * penalty_notice_counting, findCountingNoticeDates). Dates after `issueDate` are ignored.
 */
export function countPriorNotices(priorNoticeDates: readonly string[], issueDate: string): number {
  const start = threeYearWindowStart(issueDate);
  return priorNoticeDates.filter((d) => {
    assertIsoDate(d, "An earlier notice's date");
    return d >= FRAMEWORK_FROM && d > start && d <= issueDate;
  }).length;
}

export type PaymentPeriods = {
  scheme: PenaltyNoticeScheme;
  /** The last day to pay the lower amount (for a repeat notice under 2024, the flat amount applies instead). */
  lowerUntil: string;
  /** The last day the notice can be paid at all; the day after, the LA must prosecute or withdraw (§5.2). */
  lastDay: string;
};

/** The payment dates of a notice. The scheme is chosen by the issue date; the days run from receipt. */
export function paymentPeriods(issueDate: string, receivedOn: string = issueDate): PaymentPeriods {
  const scheme = requireScheme(issueDate);
  assertIsoDate(receivedOn, "The date of receipt");
  return { scheme, lowerUntil: addDays(receivedOn, scheme.lowerDays), lastDay: addDays(receivedOn, scheme.finalDays) };
}

export type AmountDue =
  | { ok: true; amountPence: number; band: "lower" | "higher" | "repeat"; lastDay: string }
  | { ok: false; reason: "expired" | "before_issue" | "third_notice"; message: string };

/**
 * What a payment made on `paidOn` must be. `priorNoticesInThreeYears` is countPriorNotices for this notice; it
 * matters only under the 2024 framework (1 → the flat repeat amount; 2 or more → this notice should not exist).
 */
export function amountDue(args: {
  issueDate: string;
  receivedOn?: string;
  paidOn: string;
  priorNoticesInThreeYears: number;
}): AmountDue {
  const { scheme, lowerUntil, lastDay } = paymentPeriods(args.issueDate, args.receivedOn);
  assertIsoDate(args.paidOn, "The payment date");
  if (scheme.repeat && args.priorNoticesInThreeYears >= scheme.repeat.maxNotices) {
    return { ok: false, reason: "third_notice", message: THIRD_NOTICE };
  }
  if (args.paidOn < args.issueDate) {
    return { ok: false, reason: "before_issue", message: "The payment date is before the notice was issued" };
  }
  if (args.paidOn > lastDay) {
    return {
      ok: false,
      reason: "expired",
      message: `The notice could be paid until ${formatUkDate(lastDay)} (${scheme.finalDays} days) and is not payable after that: prosecute the original offence or withdraw the notice`,
    };
  }
  if (scheme.repeat && args.priorNoticesInThreeYears >= 1) {
    return { ok: true, amountPence: scheme.repeat.pence, band: "repeat", lastDay };
  }
  return args.paidOn <= lowerUntil
    ? { ok: true, amountPence: scheme.lowerPence, band: "lower", lastDay }
    : { ok: true, amountPence: scheme.higherPence, band: "higher", lastDay };
}

export const NOTICE_STATUSES = ["unpaid_within_period", "paid", "withdrawn", "unpaid_expired"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export type PenaltyNoticeDates = {
  issueDate: string;
  receivedOn?: string | null;
  paidOn: string | null;
  withdrawnOn: string | null;
};

/**
 * Where a notice stands on `today`. Events dated after `today` have not happened yet, so the status can be taken
 * as at any past date. A withdrawal wins over everything else. A payment dated after the last day is not a
 * payment (amountDue refuses it, so it should never be recorded) and leaves the notice unpaid_expired, which
 * means: prosecute the original s.444 offence or withdraw the notice (§5.2 [C]).
 */
export function noticeStatus(notice: PenaltyNoticeDates & { today: string }): NoticeStatus {
  const { lastDay } = paymentPeriods(notice.issueDate, notice.receivedOn ?? undefined);
  assertIsoDate(notice.today, "Today");
  if (notice.withdrawnOn && notice.withdrawnOn <= notice.today) return "withdrawn";
  if (notice.paidOn && notice.paidOn <= notice.today && notice.paidOn <= lastDay) return "paid";
  return notice.today <= lastDay ? "unpaid_within_period" : "unpaid_expired";
}

export const THIRD_NOTICE =
  "A third penalty notice within 3 years is not allowed: use another route such as prosecution";

export type CanIssue = { ok: true; sequence: 1 | 2 } | { ok: false; message: string };

/**
 * Whether a notice may be issued to one parent for one pupil on `issueDate`.
 * - `threshold`: the pupil's unauthorised sessions (G, N, O, U) in the last 10 school weeks, and whether they reach
 *   the national threshold (PENALTY_NOTICE_THRESHOLD, §5.2) — the caller counts over school weeks.
 * - `priorNoticeDates`: this parent's notices for this pupil that count (not withdrawn, not acquitted; see
 *   countPriorNotices for the window). A notice dated before the latest of them is refused.
 * `sequence` 2 means a repeat notice, at the flat repeat amount.
 */
export function canIssueNotice(args: {
  threshold: { sessions: number; reached: boolean };
  priorNoticeDates: readonly string[];
  issueDate: string;
}): CanIssue {
  const scheme = schemeOn(args.issueDate);
  if (!scheme)
    return { ok: false, message: "Penalty notices for absence from school can be issued from 27 February 2004" };
  // Notices are dated in order: one dated before this parent's latest notice could put three in 3 years (two
  // later ones would not see it as prior), so it is refused.
  const latest = args.priorNoticeDates.reduce<string | null>((a, d) => (a === null || d > a ? d : a), null);
  if (latest !== null && latest > args.issueDate) {
    return {
      ok: false,
      message: `This parent already has a notice for this pupil issued on ${formatUkDate(latest)}: a new notice cannot be dated before it`,
    };
  }
  const prior = countPriorNotices(args.priorNoticeDates, args.issueDate);
  if (scheme.repeat && prior >= scheme.repeat.maxNotices) return { ok: false, message: THIRD_NOTICE };
  if (!args.threshold.reached) {
    const { sessions, schoolWeeks } = PENALTY_NOTICE_THRESHOLD;
    return {
      ok: false,
      message: `The threshold for a penalty notice is not met: it needs ${sessions} unauthorised sessions in ${schoolWeeks} school weeks, and there are ${args.threshold.sessions}`,
    };
  }
  return { ok: true, sequence: scheme.repeat && prior === 1 ? 2 : 1 };
}

/** "£80.00 if paid by 12 September 2024, £160.00 by 19 September 2024": for the notice and its letters. */
export function describeAmounts(issueDate: string, priorNoticesInThreeYears: number, receivedOn?: string): string {
  const { scheme, lowerUntil, lastDay } = paymentPeriods(issueDate, receivedOn);
  if (scheme.repeat && priorNoticesInThreeYears >= 1) {
    return `${formatPence(scheme.repeat.pence)} if paid by ${formatUkDate(lastDay)}`;
  }
  return `${formatPence(scheme.lowerPence)} if paid by ${formatUkDate(lowerUntil)}, ${formatPence(scheme.higherPence)} by ${formatUkDate(lastDay)}`;
}
