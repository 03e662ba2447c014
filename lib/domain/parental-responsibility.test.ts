import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import {
  academicYearBounds,
  caseCensusOutcome,
  caseManagementCensus,
  censusAsOf,
  median,
  noticeCensusOutcome,
  penaltyNoticeCensus,
  prosecutionStatistics,
  reviewOverdue,
  type CaseFacts,
  type NoticeFacts,
  type ProsecutionFacts,
} from "./parental-responsibility";

const notice = (issueDate: string, over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  issueDate,
  paidOn: null,
  withdrawnOn: null,
  prosecutedOn: null,
  ...over,
});
const paidOnDay = (issueDate: string, day: number) => notice(issueDate, { paidOn: addDays(issueDate, day) });

describe("the academic year", () => {
  it("runs from 1 September to 31 August and is taken as at today while it runs", () => {
    expect(academicYearBounds(2025)).toEqual({ from: "2025-09-01", to: "2026-08-31", label: "2025/26" });
    expect(censusAsOf(2026, "2026-11-20")).toBe("2026-11-20");
    expect(censusAsOf(2025, "2026-11-20")).toBe("2026-08-31");
    expect(() => academicYearBounds(26)).toThrow(RangeError);
  });
});

describe("a penalty notice's census outcome, at each boundary", () => {
  const issued = "2025-10-01"; // 2024 National Framework: 21 days lower, 28 days last
  const asOf = "2026-08-31";

  it.each([
    [0, "paid_21"],
    [21, "paid_21"],
    [22, "paid_22_28"],
    [28, "paid_22_28"],
    // Day 29 is past the last day: not a payment, so the notice is unresolved (not prosecuted yet).
    [29, "unresolved"],
  ])("paid on day %i → %s", (day, outcome) => {
    expect(noticeCensusOutcome(paidOnDay(issued, day), asOf)).toBe(outcome);
  });

  it("under the 2004 scheme (42 days to pay), day 29 is a payment that fits neither census column", () => {
    expect(noticeCensusOutcome(paidOnDay("2010-10-01", 28), "2011-08-31")).toBe("paid_22_28");
    expect(noticeCensusOutcome(paidOnDay("2010-10-01", 29), "2011-08-31")).toBe("paid_after_28");
    expect(noticeCensusOutcome(paidOnDay("2010-10-01", 43), "2011-08-31")).toBe("unresolved");
  });

  it("counts days from receipt when the notice was received after it was issued", () => {
    const n = notice(issued, { receivedOn: "2025-10-03", paidOn: "2025-10-24" }); // day 21 from receipt
    expect(noticeCensusOutcome(n, asOf)).toBe("paid_21");
    expect(noticeCensusOutcome({ ...n, paidOn: "2025-10-25" }, asOf)).toBe("paid_22_28");
  });

  it("withdrawal wins; prosecution counts once approved; an event after the as-at day has not happened", () => {
    expect(noticeCensusOutcome(notice(issued, { withdrawnOn: "2025-10-10" }), asOf)).toBe("withdrawn");
    expect(noticeCensusOutcome(notice(issued, { prosecutedOn: "2025-11-15" }), asOf)).toBe("prosecuted_non_payment");
    expect(noticeCensusOutcome(notice(issued, { prosecutedOn: "2025-11-15" }), "2025-11-14")).toBe("unresolved");
    expect(noticeCensusOutcome(paidOnDay(issued, 10), "2025-10-05")).toBe("unresolved");
    expect(noticeCensusOutcome(notice(issued, { withdrawnOn: "2025-12-01" }), "2025-11-30")).toBe("unresolved");
  });
});

describe("the penalty-notice variables for a year", () => {
  // A hand-built set: each row's expected column is written beside it.
  const notices: NoticeFacts[] = [
    paidOnDay("2025-09-01", 21), // pn_paid_21 (first day of the year)
    paidOnDay("2025-09-10", 0), // pn_paid_21
    paidOnDay("2025-10-01", 22), // pn_paid_22_28
    paidOnDay("2026-01-05", 28), // pn_paid_22_28
    paidOnDay("2026-01-06", 29), // pn_unresolved (a "payment" after the last day is not one)
    notice("2026-02-02", { withdrawnOn: "2026-02-20" }), // pn_withdrawn
    notice("2026-03-02", { prosecutedOn: "2026-04-15" }), // pn_prosecuted_non_payment
    notice("2026-08-20"), // pn_unresolved (still inside its period at the end of the year)
    paidOnDay("2026-08-25", 10), // paid on 4 September, after the year ended: pn_unresolved
    paidOnDay("2025-08-31", 1), // issued in 2024/25: not counted
    paidOnDay("2026-09-01", 1), // issued in 2026/27: not counted
  ];

  it("puts every notice issued in the year in exactly one column", () => {
    const census = penaltyNoticeCensus(notices, 2025, censusAsOf(2025, "2026-11-20"));
    expect(census).toEqual({
      pn_issued: 9,
      pn_paid_21: 2,
      pn_paid_22_28: 2,
      pn_withdrawn: 1,
      pn_prosecuted_non_payment: 1,
      pn_unresolved: 3,
      paid_after_28: 0,
    });
    const parts =
      census.pn_paid_21 +
      census.pn_paid_22_28 +
      census.pn_withdrawn +
      census.pn_prosecuted_non_payment +
      census.pn_unresolved +
      census.paid_after_28;
    expect(parts).toBe(census.pn_issued);
  });

  it("a running year counts only what has happened by today", () => {
    const census = penaltyNoticeCensus(
      [paidOnDay("2026-09-10", 3), notice("2026-11-01"), notice("2026-11-30")],
      2026,
      "2026-11-20",
    );
    expect(census).toMatchObject({ pn_issued: 2, pn_paid_21: 1, pn_unresolved: 1 });
  });
});

describe("attendance case management", () => {
  const kase = (over: Partial<CaseFacts>): CaseFacts => ({
    windowStart: "2025-10-06",
    decision: null,
    closed: null,
    prosecutedOn: null,
    ...over,
  });

  it("decides one outcome per case", () => {
    const asOf = "2026-08-31";
    expect(caseCensusOutcome(kase({ prosecutedOn: "2026-01-10" }), asOf)).toBe("prosecuted");
    expect(
      caseCensusOutcome(kase({ prosecutedOn: "2026-01-10", closed: { outcome: "other", on: "2026-03-01" } }), asOf),
    ).toBe("prosecuted");
    expect(caseCensusOutcome(kase({ decision: { outcome: "improved", on: "2026-01-05" } }), asOf)).toBe(
      "withdrawn_att_improved",
    );
    expect(caseCensusOutcome(kase({ closed: { outcome: "improved", on: "2026-02-01" } }), asOf)).toBe(
      "withdrawn_att_improved",
    );
    expect(caseCensusOutcome(kase({ closed: { outcome: "moved_school", on: "2026-02-01" } }), asOf)).toBe(
      "withdrawn_other",
    );
    // Referred but not (yet) approved for prosecution: still in case management.
    expect(caseCensusOutcome(kase({ decision: { outcome: "referred", on: "2026-01-05" } }), asOf)).toBe("continuing");
    expect(caseCensusOutcome(kase({ closed: { outcome: "improved", on: "2026-09-02" } }), asOf)).toBe("continuing");
  });

  it("counts the cases whose window started in the year", () => {
    const census = caseManagementCensus(
      [
        kase({ windowStart: "2025-09-01", prosecutedOn: "2025-12-01" }),
        kase({ decision: { outcome: "improved", on: "2025-12-20" } }),
        kase({ closed: { outcome: "left_compulsory_age", on: "2026-07-01" } }),
        kase({ windowStart: "2026-08-31" }),
        kase({ windowStart: null }),
        kase({ windowStart: "2025-08-31", prosecutedOn: "2025-12-01" }),
      ],
      2025,
      "2026-08-31",
    );
    expect(census).toEqual({
      case_management: 4,
      case_management_prosecuted: 1,
      case_management_withdrawn_att_improved: 1,
      case_management_withdrawn_other: 1,
      case_management_continuing: 1,
    });
  });
});

describe("prosecutions and court outcomes", () => {
  const p = (over: Partial<ProsecutionFacts>): ProsecutionFacts => ({
    offence: "s444(1)",
    approvedOn: "2025-11-01",
    verdict: null,
    sentences: [],
    ...over,
  });

  it("counts parents, offences, verdicts and sentences; fines total and median in pence", () => {
    const stats = prosecutionStatistics(
      [
        p({ verdict: "guilty", sentences: [{ type: "fine", amountPence: 44_000 }] }),
        p({
          offence: "s444(1A)",
          verdict: "guilty",
          sentences: [{ type: "fine", amountPence: 10_000 }, { type: "parenting_order" }],
        }),
        p({ offence: "s444(1A)", verdict: "guilty", sentences: [{ type: "custody", days: 30, suspended: true }] }),
        p({ offence: "s444(1A)", verdict: "guilty", sentences: [{ type: "custody", days: 14, suspended: false }] }),
        p({ verdict: "guilty", sentences: [{ type: "conditional_discharge" }] }),
        p({ verdict: "guilty", sentences: [{ type: "absolute_discharge" }, { type: "fine", amountPence: 25_001 }] }),
        p({ verdict: "not_guilty" }),
        p({ verdict: "dismissed" }),
        p({ verdict: "withdrawn" }),
        p({}),
        p({ approvedOn: "2026-09-01", verdict: "guilty", sentences: [{ type: "fine", amountPence: 99_900 }] }),
      ],
      2025,
      "2026-08-31",
    );
    expect(stats).toEqual({
      parents_prosecuted: 10,
      prosecuted_s444_1: 7,
      prosecuted_s444_1a: 3,
      verdict_guilty: 6,
      verdict_not_guilty: 1,
      verdict_withdrawn: 1,
      verdict_dismissed: 1,
      awaiting_outcome: 1,
      fines: 3,
      fines_total_pence: 79_001,
      fines_median_pence: 25_001,
      custody_immediate: 1,
      custody_suspended: 1,
      community_orders: 0,
      parenting_orders_granted: 1,
      conditional_discharges: 1,
      absolute_discharges: 1,
    });
  });

  it("has no median fine without fines", () => {
    expect(prosecutionStatistics([p({ verdict: "not_guilty" })], 2025, "2026-08-31").fines_median_pence).toBeNull();
  });

  it("takes the median of an even count as the mean of the middle two, half up", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([40_000, 10_000])).toBe(25_000);
    expect(median([1, 2])).toBe(2);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe("referrals waiting for review", () => {
  it("are overdue after 14 days, not on the 14th", () => {
    expect(reviewOverdue("2026-11-06", "2026-11-20")).toBe(false);
    expect(reviewOverdue("2026-11-05", "2026-11-20")).toBe(true);
  });
});
