// The DfE parental responsibility measures attendance census (shared/domain.md §5.3, §6.5), computed from the
// records: penalty notices and their outcomes, cases of attendance case management and theirs, plus the
// prosecutions and orders the court made. The variables keep the census's own names (the 2018/19 data guidance,
// cited in §5.3; the later files add supervision_orders_*), so a return can be filled in column by column.
//
// Definitions (the census guidance gives names and one-line descriptions only; these are our readings, and
// docs/decisions/040-statistics-definitions.md records them):
// - The year is the academic year, 1 September to 31 August. A notice belongs to the year it was issued in; a case
//   to the year its Fast Track window started (the case "entered attendance case management" then).
// - Outcomes are as at the end of the year, or today while the year is running: pn_unresolved is "unresolved at
//   the end of the period". Anything dated after that day has not happened yet.
// - Days to pay run as penalty-notices.ts counts them: day n is the date n days after receipt (the issue date, as
//   we record it). Paid on day 0–21 is pn_paid_21, on day 22–28 pn_paid_22_28. A payment after the notice's last
//   day is not a payment (noticeStatus), so under the 2013 and 2024 schemes a notice "paid" on day 29 is unpaid.
//   Under the 2004 and 2012 schemes (42 days to pay) a payment on day 29–42 is valid but fits neither census
//   column: it is counted as paid_after_28 and shown beside the return, never hidden in another column.
// - A notice is prosecuted for non-payment once its referral was approved (the council decided to prosecute).
//   Withdrawal wins over everything (as in noticeStatus); a paid notice is never prosecuted.
import { addDays, isIsoDate } from "./dates";
import { paymentPeriods } from "./penalty-notices";

export const PN_CENSUS_VARIABLES = [
  "pn_issued",
  "pn_paid_21",
  "pn_paid_22_28",
  "pn_withdrawn",
  "pn_prosecuted_non_payment",
  "pn_unresolved",
] as const;
export const CASE_CENSUS_VARIABLES = [
  "case_management",
  "case_management_prosecuted",
  "case_management_withdrawn_att_improved",
  "case_management_withdrawn_other",
] as const;
export type PnCensusVariable = (typeof PN_CENSUS_VARIABLES)[number];
export type CaseCensusVariable = (typeof CASE_CENSUS_VARIABLES)[number];

/** The census's own descriptions (2018/19 data guidance), shown beside each figure. */
export const CENSUS_DESCRIPTIONS: Record<PnCensusVariable | CaseCensusVariable, string> = {
  pn_issued: "Total number of penalty notices for unauthorised absence issued",
  pn_paid_21: "Number of penalty notices paid within 21 days",
  pn_paid_22_28: "Number of penalty notices paid between 22 and 28 days",
  pn_withdrawn: "Number of penalty notices withdrawn",
  pn_prosecuted_non_payment: "Number of prosecutions following non-payment of a penalty notice",
  pn_unresolved: "Number of unresolved penalty notices at the end of the period",
  case_management: "Total number of cases of attendance case management",
  case_management_prosecuted: "Number of cases of attendance case management prosecuted",
  case_management_withdrawn_att_improved: "Cases withdrawn because attendance improved",
  case_management_withdrawn_other: "Cases withdrawn for another reason",
};

/** The academic year that starts on 1 September of `startYear`. */
export function academicYearBounds(startYear: number): { from: string; to: string; label: string } {
  if (!Number.isInteger(startYear) || startYear < 1990 || startYear > 2100) {
    throw new RangeError(`Not an academic year: ${startYear}`);
  }
  return {
    from: `${startYear}-09-01`,
    to: `${startYear + 1}-08-31`,
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`,
  };
}

/** The day the year's outcomes are taken at: its last day, or `today` while it is still running. */
export function censusAsOf(startYear: number, today: string): string {
  const { to } = academicYearBounds(startYear);
  return today < to ? today : to;
}

const within = (date: string, from: string, to: string) => date >= from && date <= to;
const onOrBefore = (date: string | null, asOf: string): date is string => date !== null && date <= asOf;

/** The days from `from` to `to` (to − from), both ISO dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type NoticeFacts = {
  issueDate: string;
  /** When the period to pay starts, if not the issue date. */
  receivedOn?: string | null;
  paidOn: string | null;
  withdrawnOn: string | null;
  /** The day the council decided to prosecute the unpaid notice (its referral was approved). */
  prosecutedOn: string | null;
};

export const NOTICE_CENSUS_OUTCOMES = [
  "paid_21",
  "paid_22_28",
  "paid_after_28",
  "withdrawn",
  "prosecuted_non_payment",
  "unresolved",
] as const;
export type NoticeCensusOutcome = (typeof NOTICE_CENSUS_OUTCOMES)[number];

/** Where one notice stands for the census on `asOf`: exactly one outcome. */
export function noticeCensusOutcome(notice: NoticeFacts, asOf: string): NoticeCensusOutcome {
  for (const [what, value] of Object.entries({ asOf, issueDate: notice.issueDate })) {
    if (!isIsoDate(value)) throw new RangeError(`${what} is not an ISO date: ${value}`);
  }
  if (onOrBefore(notice.withdrawnOn, asOf)) return "withdrawn";
  const start = notice.receivedOn ?? notice.issueDate;
  const { lastDay } = paymentPeriods(notice.issueDate, start);
  if (onOrBefore(notice.paidOn, asOf) && notice.paidOn <= lastDay && notice.paidOn >= notice.issueDate) {
    const day = daysBetween(start, notice.paidOn);
    if (day <= 21) return "paid_21";
    if (day <= 28) return "paid_22_28";
    return "paid_after_28";
  }
  if (onOrBefore(notice.prosecutedOn, asOf)) return "prosecuted_non_payment";
  return "unresolved";
}

export type PnCensus = Record<PnCensusVariable, number> & { paid_after_28: number };

/** The penalty-notice variables for the notices issued in the academic year starting `startYear`. */
export function penaltyNoticeCensus(notices: readonly NoticeFacts[], startYear: number, asOf: string): PnCensus {
  const { from, to } = academicYearBounds(startYear);
  const census: PnCensus = {
    pn_issued: 0,
    pn_paid_21: 0,
    pn_paid_22_28: 0,
    pn_withdrawn: 0,
    pn_prosecuted_non_payment: 0,
    pn_unresolved: 0,
    paid_after_28: 0,
  };
  for (const n of notices) {
    if (!within(n.issueDate, from, to) || n.issueDate > asOf) continue;
    census.pn_issued++;
    const outcome = noticeCensusOutcome(n, asOf);
    if (outcome === "paid_after_28") census.paid_after_28++;
    else census[`pn_${outcome}`]++;
  }
  return census;
}

export type CaseFacts = {
  /** The day the Fast Track window started; null when none has. */
  windowStart: string | null;
  /** The window's decision, if taken. */
  decision: { outcome: "improved" | "referred"; on: string } | null;
  /** The case's closing, if closed (the latest closing when it was reopened and closed again). */
  closed: { outcome: string; on: string } | null;
  /** The first day a prosecution of a parent on the case was approved. */
  prosecutedOn: string | null;
};

export const CASE_CENSUS_OUTCOMES = ["prosecuted", "withdrawn_att_improved", "withdrawn_other", "continuing"] as const;
export type CaseCensusOutcome = (typeof CASE_CENSUS_OUTCOMES)[number];

/**
 * Where one case of attendance case management stands on `asOf`: prosecuted (any parent's prosecution approved),
 * withdrawn because attendance improved (the window's decision said so, or the case closed as improved), withdrawn
 * for another reason (closed for any other reason without a prosecution), or continuing.
 */
export function caseCensusOutcome(kase: CaseFacts, asOf: string): CaseCensusOutcome {
  if (onOrBefore(kase.prosecutedOn, asOf)) return "prosecuted";
  if (kase.closed && kase.closed.on <= asOf) {
    return kase.closed.outcome === "improved" ? "withdrawn_att_improved" : "withdrawn_other";
  }
  if (kase.decision && kase.decision.on <= asOf && kase.decision.outcome === "improved")
    return "withdrawn_att_improved";
  return "continuing";
}

export type CaseCensus = Record<CaseCensusVariable, number> & { case_management_continuing: number };

export function caseManagementCensus(cases: readonly CaseFacts[], startYear: number, asOf: string): CaseCensus {
  const { from, to } = academicYearBounds(startYear);
  const census: CaseCensus = {
    case_management: 0,
    case_management_prosecuted: 0,
    case_management_withdrawn_att_improved: 0,
    case_management_withdrawn_other: 0,
    case_management_continuing: 0,
  };
  for (const c of cases) {
    if (c.windowStart === null || !within(c.windowStart, from, to) || c.windowStart > asOf) continue;
    census.case_management++;
    census[`case_management_${caseCensusOutcome(c, asOf)}`]++;
  }
  return census;
}

/** The middle value of whole numbers (the mean of the two middle ones, rounded half up); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid]!;
  return Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export type ProsecutionFacts = {
  offence: "s444(1)" | "s444(1A)";
  /** The day the prosecution was approved. */
  approvedOn: string;
  verdict: "guilty" | "not_guilty" | "withdrawn" | "dismissed" | null;
  sentences: readonly (
    | { type: "fine"; amountPence: number }
    | { type: "custody"; days: number; suspended: boolean }
    | { type: "conditional_discharge" | "absolute_discharge" | "parenting_order" | "community_order" }
  )[];
};

export const PROSECUTION_COLUMNS = [
  "parents_prosecuted",
  "prosecuted_s444_1",
  "prosecuted_s444_1a",
  "verdict_guilty",
  "verdict_not_guilty",
  "verdict_withdrawn",
  "verdict_dismissed",
  "awaiting_outcome",
  "fines",
  "fines_total_pence",
  "fines_median_pence",
  "custody_immediate",
  "custody_suspended",
  "community_orders",
  "parenting_orders_granted",
  "conditional_discharges",
  "absolute_discharges",
] as const;
export type ProsecutionColumn = (typeof PROSECUTION_COLUMNS)[number];
export type ProsecutionStatistics = Record<ProsecutionColumn, number | null>;

/**
 * The prosecutions approved in the academic year (one per parent, as the court deals with each parent), with their
 * verdicts and sentences as recorded. `fines_median_pence` is null when there was no fine.
 */
export function prosecutionStatistics(
  prosecutions: readonly ProsecutionFacts[],
  startYear: number,
  asOf: string,
): ProsecutionStatistics {
  const { from, to } = academicYearBounds(startYear);
  const inYear = prosecutions.filter((p) => within(p.approvedOn, from, to) && p.approvedOn <= asOf);
  const sentences = inYear.flatMap((p) => (p.verdict === "guilty" ? p.sentences : []));
  const fines = sentences.flatMap((s) => (s.type === "fine" ? [s.amountPence] : []));
  const count = (f: (p: ProsecutionFacts) => boolean) => inYear.filter(f).length;
  const sentenced = (type: string) => sentences.filter((s) => s.type === type).length;
  return {
    parents_prosecuted: inYear.length,
    prosecuted_s444_1: count((p) => p.offence === "s444(1)"),
    prosecuted_s444_1a: count((p) => p.offence === "s444(1A)"),
    verdict_guilty: count((p) => p.verdict === "guilty"),
    verdict_not_guilty: count((p) => p.verdict === "not_guilty"),
    verdict_withdrawn: count((p) => p.verdict === "withdrawn"),
    verdict_dismissed: count((p) => p.verdict === "dismissed"),
    awaiting_outcome: count((p) => p.verdict === null),
    fines: fines.length,
    fines_total_pence: fines.reduce((a, b) => a + b, 0),
    fines_median_pence: median(fines),
    custody_immediate: sentences.filter((s) => s.type === "custody" && !s.suspended).length,
    custody_suspended: sentences.filter((s) => s.type === "custody" && s.suspended).length,
    community_orders: sentenced("community_order"),
    parenting_orders_granted: sentenced("parenting_order"),
    conditional_discharges: sentenced("conditional_discharge"),
    absolute_discharges: sentenced("absolute_discharge"),
  };
}

/** The 14 days a referral may wait for review before it counts as a power left unused. */
export const REVIEW_WAIT_DAYS = 14;

/** Whether a referral created on `createdOn` has waited for review for more than REVIEW_WAIT_DAYS on `today`. */
export function reviewOverdue(createdOn: string, today: string): boolean {
  return createdOn < addDays(today, -REVIEW_WAIT_DAYS);
}
