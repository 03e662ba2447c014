import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import {
  amountDue,
  canIssueNotice,
  countPriorNotices,
  describeAmounts,
  FRAMEWORK_FROM,
  noticeStatus,
  paymentPeriods,
  PENALTY_NOTICE_SCHEMES,
  schemeOn,
  THIRD_NOTICE,
  threeYearWindowStart,
} from "./penalty-notices";

/** A first notice paid `day` days after it was issued (and received). */
const paidOnDay = (issueDate: string, day: number, priorNoticesInThreeYears = 0) =>
  amountDue({ issueDate, paidOn: addDays(issueDate, day), priorNoticesInThreeYears });

const met = { sessions: 10, reached: true };

describe("schemes by issue date (domain.md §5.1)", () => {
  it.each([
    ["2004-02-27", 5_000, 28, 10_000, 42],
    ["2012-08-31", 5_000, 28, 10_000, 42],
    ["2012-09-01", 6_000, 28, 12_000, 42],
    ["2013-08-31", 6_000, 28, 12_000, 42],
    ["2013-09-01", 6_000, 21, 12_000, 28],
    ["2024-08-18", 6_000, 21, 12_000, 28],
    ["2024-08-19", 8_000, 21, 16_000, 28],
    ["2030-01-01", 8_000, 21, 16_000, 28],
  ])(
    "a notice issued on %s: %ip within %i days, %ip within %i",
    (date, lowerPence, lowerDays, higherPence, finalDays) => {
      expect(schemeOn(date)).toMatchObject({ lowerPence, lowerDays, higherPence, finalDays });
    },
  );

  it("has no scheme before 27 February 2004, and the repeat rule only from 19 August 2024", () => {
    expect(schemeOn("2004-02-26")).toBeUndefined();
    expect(schemeOn("2024-08-18")?.repeat).toBeNull();
    expect(schemeOn("2024-08-19")?.repeat).toEqual({ years: 3, pence: 16_000, maxNotices: 2 });
    expect(PENALTY_NOTICE_SCHEMES.map((s) => s.from)).toEqual([...PENALTY_NOTICE_SCHEMES.map((s) => s.from)].sort());
    expect(() => schemeOn("2024-02-30")).toThrow(RangeError);
  });
});

describe("amount due under the 2024 framework", () => {
  const issued = "2024-09-02";

  it("is £80 up to day 21 and £160 from day 22", () => {
    expect(paidOnDay(issued, 0)).toEqual({ ok: true, amountPence: 8_000, band: "lower", lastDay: "2024-09-30" });
    expect(paidOnDay(issued, 21)).toMatchObject({ ok: true, amountPence: 8_000, band: "lower" });
    expect(paidOnDay(issued, 22)).toMatchObject({ ok: true, amountPence: 16_000, band: "higher" });
  });

  it("is payable on day 28 and not on day 29", () => {
    expect(paidOnDay(issued, 28)).toMatchObject({ ok: true, amountPence: 16_000 });
    expect(paidOnDay(issued, 29)).toEqual({
      ok: false,
      reason: "expired",
      message:
        "The notice could be paid until 30 September 2024 (28 days) and is not payable after that: prosecute the original offence or withdraw the notice",
    });
  });

  it("is a flat £160 for a second notice within 3 years, even when paid early", () => {
    expect(paidOnDay(issued, 1, 1)).toEqual({ ok: true, amountPence: 16_000, band: "repeat", lastDay: "2024-09-30" });
    expect(paidOnDay(issued, 28, 1)).toMatchObject({ ok: true, amountPence: 16_000, band: "repeat" });
    expect(paidOnDay(issued, 29, 1)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses a third notice within 3 years", () => {
    expect(paidOnDay(issued, 1, 2)).toEqual({ ok: false, reason: "third_notice", message: THIRD_NOTICE });
  });

  it("counts the days from receipt when that is later than issue", () => {
    const received = "2024-09-04";
    expect(
      amountDue({ issueDate: issued, receivedOn: received, paidOn: "2024-09-25", priorNoticesInThreeYears: 0 }),
    ).toMatchObject({ ok: true, amountPence: 8_000 });
    expect(
      amountDue({ issueDate: issued, receivedOn: received, paidOn: "2024-09-26", priorNoticesInThreeYears: 0 }),
    ).toMatchObject({ ok: true, amountPence: 16_000 });
    expect(
      amountDue({ issueDate: issued, receivedOn: received, paidOn: "2024-10-03", priorNoticesInThreeYears: 0 }),
    ).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses a payment dated before the notice", () => {
    expect(paidOnDay(issued, -1)).toEqual({
      ok: false,
      reason: "before_issue",
      message: "The payment date is before the notice was issued",
    });
  });

  it("describes the amounts for the notice", () => {
    expect(describeAmounts(issued, 0)).toBe("£80.00 if paid by 23 September 2024, £160.00 by 30 September 2024");
    expect(describeAmounts(issued, 1)).toBe("£160.00 if paid by 30 September 2024");
    expect(describeAmounts("2010-03-01", 0)).toBe("£50.00 if paid by 29 March 2010, £100.00 by 12 April 2010");
  });
});

describe("amount due on historic notices keeps their own rules", () => {
  it("2004–2012: £50 to day 28, £100 to day 42, then not payable", () => {
    expect(paidOnDay("2010-03-01", 28)).toMatchObject({ ok: true, amountPence: 5_000 });
    expect(paidOnDay("2010-03-01", 29)).toMatchObject({ ok: true, amountPence: 10_000 });
    expect(paidOnDay("2010-03-01", 42)).toMatchObject({ ok: true, amountPence: 10_000 });
    expect(paidOnDay("2010-03-01", 43)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("September 2012: £60 to day 28, £120 to day 42", () => {
    expect(paidOnDay("2012-10-01", 28)).toMatchObject({ ok: true, amountPence: 6_000 });
    expect(paidOnDay("2012-10-01", 29)).toMatchObject({ ok: true, amountPence: 12_000 });
    expect(paidOnDay("2012-10-01", 43)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("September 2013 to August 2024: £60 to day 21, £120 to day 28", () => {
    expect(paidOnDay("2024-08-18", 21)).toMatchObject({ ok: true, amountPence: 6_000 });
    expect(paidOnDay("2024-08-18", 22)).toMatchObject({ ok: true, amountPence: 12_000 });
    expect(paidOnDay("2024-08-18", 28)).toMatchObject({ ok: true, amountPence: 12_000 });
    expect(paidOnDay("2024-08-18", 29)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("ignores earlier notices before the 2024 framework (there was no repeat amount or limit)", () => {
    expect(paidOnDay("2020-01-06", 5, 3)).toMatchObject({ ok: true, amountPence: 6_000, band: "lower" });
  });

  it("throws for a notice before penalty notices existed", () => {
    expect(() => paidOnDay("2003-09-01", 1)).toThrow(RangeError);
  });
});

describe("notice status", () => {
  const issueDate = "2024-09-02";
  const notice = { issueDate, paidOn: null, withdrawnOn: null };

  it("is unpaid within the period up to day 28 and expired from day 29", () => {
    expect(noticeStatus({ ...notice, today: issueDate })).toBe("unpaid_within_period");
    expect(noticeStatus({ ...notice, today: addDays(issueDate, 28) })).toBe("unpaid_within_period");
    expect(noticeStatus({ ...notice, today: addDays(issueDate, 29) })).toBe("unpaid_expired");
  });

  it("uses each scheme's own final day", () => {
    const old = { issueDate: "2010-03-01", paidOn: null, withdrawnOn: null };
    expect(noticeStatus({ ...old, today: addDays(old.issueDate, 42) })).toBe("unpaid_within_period");
    expect(noticeStatus({ ...old, today: addDays(old.issueDate, 43) })).toBe("unpaid_expired");
  });

  it("is paid once paid within the period, and stays paid", () => {
    const paid = { ...notice, paidOn: addDays(issueDate, 28) };
    expect(noticeStatus({ ...paid, today: addDays(issueDate, 28) })).toBe("paid");
    expect(noticeStatus({ ...paid, today: "2030-01-01" })).toBe("paid");
    expect(noticeStatus({ ...paid, today: addDays(issueDate, 27) })).toBe("unpaid_within_period");
  });

  it("does not treat a payment after the last day as a payment", () => {
    expect(noticeStatus({ ...notice, paidOn: addDays(issueDate, 29), today: addDays(issueDate, 40) })).toBe(
      "unpaid_expired",
    );
  });

  it("is withdrawn from the day of withdrawal, whatever else happened", () => {
    const withdrawn = { ...notice, withdrawnOn: addDays(issueDate, 35) };
    expect(noticeStatus({ ...withdrawn, today: addDays(issueDate, 34) })).toBe("unpaid_expired");
    expect(noticeStatus({ ...withdrawn, today: addDays(issueDate, 35) })).toBe("withdrawn");
    expect(noticeStatus({ ...withdrawn, paidOn: addDays(issueDate, 3), today: addDays(issueDate, 40) })).toBe(
      "withdrawn",
    );
  });

  it("runs from receipt when given", () => {
    const received = { ...notice, receivedOn: addDays(issueDate, 2) };
    expect(noticeStatus({ ...received, today: addDays(issueDate, 30) })).toBe("unpaid_within_period");
    expect(noticeStatus({ ...received, today: addDays(issueDate, 31) })).toBe("unpaid_expired");
  });
});

describe("the 3-year window", () => {
  it("starts exactly 3 years before, exclusive; 29 February falls back to 28 February", () => {
    expect(threeYearWindowStart("2027-09-01")).toBe("2024-09-01");
    expect(threeYearWindowStart("2028-02-29")).toBe("2025-02-28");
    expect(threeYearWindowStart("2027-02-28")).toBe("2024-02-28");
  });

  it("counts notices after the window start and on or before the issue date", () => {
    expect(countPriorNotices(["2024-09-01"], "2027-09-01")).toBe(0);
    expect(countPriorNotices(["2024-09-02"], "2027-09-01")).toBe(1);
    expect(countPriorNotices(["2027-09-01"], "2027-09-01")).toBe(1);
    expect(countPriorNotices(["2027-09-02"], "2027-09-01")).toBe(0);
    expect(countPriorNotices(["2025-02-28", "2025-03-01"], "2028-02-29")).toBe(1);
  });

  it("starts the clock at 19 August 2024: earlier notices never count", () => {
    expect(countPriorNotices(["2024-08-18", "2023-01-10"], "2025-01-10")).toBe(0);
    expect(countPriorNotices([FRAMEWORK_FROM], "2025-01-10")).toBe(1);
  });

  it("refuses a date that is not an ISO date", () => {
    expect(() => countPriorNotices(["1/9/2025"], "2027-09-01")).toThrow(RangeError);
  });
});

describe("canIssueNotice", () => {
  it("allows a first notice once the threshold is met", () => {
    expect(canIssueNotice({ threshold: met, priorNoticeDates: [], issueDate: "2025-01-10" })).toEqual({
      ok: true,
      sequence: 1,
    });
  });

  it("refuses when the threshold is not met, saying how far off it is", () => {
    expect(
      canIssueNotice({ threshold: { sessions: 7, reached: false }, priorNoticeDates: [], issueDate: "2025-01-10" }),
    ).toEqual({
      ok: false,
      message:
        "The threshold for a penalty notice is not met: it needs 10 unauthorised sessions in 10 school weeks, and there are 7",
    });
  });

  it("allows a second notice within 3 years, at the flat repeat amount", () => {
    expect(canIssueNotice({ threshold: met, priorNoticeDates: ["2025-01-10"], issueDate: "2025-06-10" })).toEqual({
      ok: true,
      sequence: 2,
    });
  });

  it("refuses a third within 3 years, and allows it the day the first drops out of the window", () => {
    const priorNoticeDates = ["2024-09-01", "2025-01-10"];
    expect(canIssueNotice({ threshold: met, priorNoticeDates, issueDate: "2027-08-31" })).toEqual({
      ok: false,
      message: THIRD_NOTICE,
    });
    expect(canIssueNotice({ threshold: met, priorNoticeDates, issueDate: "2027-09-01" })).toEqual({
      ok: true,
      sequence: 2,
    });
    expect(canIssueNotice({ threshold: met, priorNoticeDates, issueDate: "2028-01-09" })).toEqual({
      ok: true,
      sequence: 2,
    });
    expect(canIssueNotice({ threshold: met, priorNoticeDates, issueDate: "2028-01-10" })).toEqual({
      ok: true,
      sequence: 1,
    });
  });

  it("gives the third-notice refusal even when the threshold is not met (the route is closed either way)", () => {
    const result = canIssueNotice({
      threshold: { sessions: 2, reached: false },
      priorNoticeDates: ["2024-09-01", "2025-01-10"],
      issueDate: "2025-06-01",
    });
    expect(result).toEqual({ ok: false, message: THIRD_NOTICE });
  });

  it("refuses a notice dated before the parent's latest one, which would hide a third in 3 years", () => {
    const priorNoticeDates = ["2026-11-16", "2026-11-17"];
    expect(canIssueNotice({ threshold: met, priorNoticeDates, issueDate: "2026-11-16" })).toEqual({
      ok: false,
      message:
        "This parent already has a notice for this pupil issued on 17 November 2026: a new notice cannot be dated before it",
    });
    expect(canIssueNotice({ threshold: met, priorNoticeDates: ["2026-11-17"], issueDate: "2026-11-16" })).toMatchObject(
      { ok: false },
    );
    // The same day as the latest is in order (and here a second notice).
    expect(canIssueNotice({ threshold: met, priorNoticeDates: ["2026-11-17"], issueDate: "2026-11-17" })).toEqual({
      ok: true,
      sequence: 2,
    });
  });

  it("does not count notices issued before the framework", () => {
    expect(
      canIssueNotice({ threshold: met, priorNoticeDates: ["2023-05-01", "2024-03-01"], issueDate: "2024-09-01" }),
    ).toEqual({ ok: true, sequence: 1 });
  });

  it("refuses dates before penalty notices existed", () => {
    expect(canIssueNotice({ threshold: met, priorNoticeDates: [], issueDate: "2004-02-26" })).toEqual({
      ok: false,
      message: "Penalty notices for absence from school can be issued from 27 February 2004",
    });
  });
});

describe("properties", () => {
  const isoDate = (min: string, max: string) =>
    fc
      .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  const frameworkDate = isoDate(FRAMEWORK_FROM, "2040-12-31");

  it("under the 2024 framework a first notice is £80 to day 21, £160 to day 28, then not payable", () => {
    fc.assert(
      fc.property(frameworkDate, fc.integer({ min: 0, max: 60 }), (issueDate, day) => {
        const due = paidOnDay(issueDate, day);
        if (day <= 21) expect(due).toMatchObject({ ok: true, amountPence: 8_000 });
        else if (day <= 28) expect(due).toMatchObject({ ok: true, amountPence: 16_000 });
        else expect(due).toMatchObject({ ok: false, reason: "expired" });
      }),
    );
  });

  it("for every scheme, the amount never falls as the payment gets later, and the status agrees with it", () => {
    fc.assert(
      fc.property(isoDate("2004-02-27", "2040-12-31"), fc.integer({ min: 0, max: 59 }), (issueDate, day) => {
        const now = paidOnDay(issueDate, day),
          later = paidOnDay(issueDate, day + 1);
        if (now.ok && later.ok) expect(later.amountPence).toBeGreaterThanOrEqual(now.amountPence);
        if (!now.ok) expect(later.ok).toBe(false);
        const status = noticeStatus({ issueDate, paidOn: null, withdrawnOn: null, today: addDays(issueDate, day) });
        expect(status).toBe(now.ok ? "unpaid_within_period" : "unpaid_expired");
        expect(paymentPeriods(issueDate).lastDay).toBe(addDays(issueDate, schemeOn(issueDate)!.finalDays));
      }),
    );
  });

  it("never allows more than two counted notices in any 3-year window", () => {
    // Issue greedily on random dates, as canIssueNotice allows; then check every window ending on an issue date.
    fc.assert(
      fc.property(fc.uniqueArray(frameworkDate, { maxLength: 30 }), (candidates) => {
        const issued: string[] = [];
        for (const d of [...candidates].sort()) {
          if (canIssueNotice({ threshold: met, priorNoticeDates: issued, issueDate: d }).ok) issued.push(d);
        }
        for (const d of issued) expect(countPriorNotices(issued, d)).toBeLessThanOrEqual(2);
      }),
    );
  });
});
