import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addTotals,
  checkSweepTimes,
  EMPTY_TOTALS,
  formatQuarterHours,
  NO_POLICE_HOURS,
  NO_STOPS,
  NO_TRUANTS,
  parseQuarterHours,
  PRESS_FIGURE_2005,
  PRESS_NOT_REPORTED,
  pressFigureYield,
  quartersFromHours,
  roundedRatio,
  stopFeed,
  sweepYield,
  totalsOf,
  type StopFacts,
} from "./sweeps";

const stop = (validReason: StopFacts["validReason"], withParent = false): StopFacts => ({ validReason, withParent });

describe("hours to the quarter hour", () => {
  it.each([
    ["2", 8],
    ["2.25", 9],
    ["2.5", 10],
    ["2.50", 10],
    ["2.75", 11],
    ["0", 0],
    [" 12 ", 48],
  ])("%s hours are %i quarter hours", (text, quarters) => {
    expect(parseQuarterHours(text)).toEqual({ ok: true, quarters });
  });

  it.each([
    ["2.3", "Enter the police hours to the nearest quarter hour, like 2, 2.25, 2.5 or 2.75"],
    ["2.125", "Enter the police hours to the nearest quarter hour, like 2, 2.25, 2.5 or 2.75"],
    ["", "Enter the police hours"],
    ["-1", "Enter the police hours as a number, like 2, 2.25, 2.5 or 2.75"],
    ["two", "Enter the police hours as a number, like 2, 2.25, 2.5 or 2.75"],
    ["1e2", "Enter the police hours as a number, like 2, 2.25, 2.5 or 2.75"],
    ["1000.25", "The police hours can be at most 1000"],
  ])("refuses %j", (text, message) => {
    expect(parseQuarterHours(text, "police hours")).toEqual({ ok: false, message });
  });

  it("takes numbers from the API the same way", () => {
    expect(quartersFromHours(3.75)).toEqual({ ok: true, quarters: 15 });
    expect(quartersFromHours(0.1).ok).toBe(false);
    expect(quartersFromHours(-0.25).ok).toBe(false);
    expect(quartersFromHours(Number.NaN).ok).toBe(false);
    expect(quartersFromHours(Number.POSITIVE_INFINITY).ok).toBe(false);
  });

  it("formats quarter hours back as decimals", () => {
    expect([8, 9, 10, 11, 0].map(formatQuarterHours)).toEqual(["2", "2.25", "2.5", "2.75", "0"]);
  });
});

describe("rounding a ratio to one decimal", () => {
  it.each([
    [8, 4, 2],
    [8, 3, 2.7],
    [1, 3, 0.3],
    [5, 2, 2.5],
    [1, 20, 0.1], // 0.05 rounds up
    [1, 40, 0], // 0.025 rounds down
    [0, 7, 0],
  ])("%i / %i = %d", (n, d, expected) => {
    expect(roundedRatio(n, d)).toBe(expected);
  });

  it("refuses a zero denominator rather than dividing by it", () => {
    expect(() => roundedRatio(1, 0)).toThrow(RangeError);
  });

  it("agrees with rounding the exact quotient, half up", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
        const exact = (n * 10) / d;
        const r = roundedRatio(n, d) * 10;
        expect(Math.abs(r - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(Number.isInteger(Math.round(r * 1e6) / 1e6)).toBe(true);
      }),
    );
  });
});

describe("the yield of a sweep", () => {
  it("matches the 2005 press figure: 4 police hours, 8 stopped, 3 truanting → 2 per hour, 80 minutes per truant", () => {
    const y = sweepYield(PRESS_FIGURE_2005.totals);
    expect(y).toMatchObject({
      stopped: 8,
      truants: 3,
      policeHours: 4,
      stoppedPerPoliceHour: 2,
      policeMinutesPerTruant: 80,
    });
    // The report gave no figure for children with a parent: not 0%, but not known.
    expect(pressFigureYield()).toMatchObject({
      stoppedPerPoliceHour: 2,
      policeMinutesPerTruant: 80,
      accompaniedPercent: null,
      reasons: { accompaniedPercent: PRESS_NOT_REPORTED },
    });
  });

  it("counts stops by reason and company", () => {
    const t = totalsOf({
      policeQuarterHours: 10,
      staffQuarterHours: 6,
      stops: [stop("no", true), stop("no"), stop("yes", true), stop("unknown")],
    });
    expect(t).toEqual({
      sweeps: 1,
      stopped: 4,
      truants: 2,
      validReason: 1,
      unknownReason: 1,
      accompanied: 2,
      policeQuarterHours: 10,
      staffQuarterHours: 6,
    });
    expect(sweepYield(t)).toEqual({
      stopped: 4,
      truants: 2,
      accompanied: 2,
      policeHours: 2.5,
      staffHours: 1.5,
      stoppedPerPoliceHour: 1.6, // 4 / 2.5
      policeMinutesPerTruant: 75, // 150 minutes / 2
      accompaniedPercent: 50,
      reasons: {},
    });
  });

  it("zero police hours: no rate per hour, with the reason, and no division by zero", () => {
    const y = sweepYield(totalsOf({ policeQuarterHours: 0, staffQuarterHours: 8, stops: [stop("no")] }));
    expect(y.stoppedPerPoliceHour).toBeNull();
    expect(y.reasons.stoppedPerPoliceHour).toBe(NO_POLICE_HOURS);
    // Minutes per truant is 0 police minutes over one truant: a real 0, not a null.
    expect(y.policeMinutesPerTruant).toBe(0);
    expect(y.reasons.policeMinutesPerTruant).toBeUndefined();
  });

  it("zero truants: no minutes per truant, with the reason", () => {
    const y = sweepYield(
      totalsOf({ policeQuarterHours: 8, staffQuarterHours: 0, stops: [stop("yes"), stop("unknown")] }),
    );
    expect(y.stoppedPerPoliceHour).toBe(1);
    expect(y.policeMinutesPerTruant).toBeNull();
    expect(y.reasons.policeMinutesPerTruant).toBe(NO_TRUANTS);
  });

  it("nobody stopped: every ratio that needs a stop or a truant is null with its reason", () => {
    const y = sweepYield(totalsOf({ policeQuarterHours: 0, staffQuarterHours: 0, stops: [] }));
    expect(y).toMatchObject({
      stopped: 0,
      truants: 0,
      stoppedPerPoliceHour: null,
      policeMinutesPerTruant: null,
      accompaniedPercent: null,
      reasons: {
        stoppedPerPoliceHour: NO_POLICE_HOURS,
        policeMinutesPerTruant: NO_TRUANTS,
        accompaniedPercent: NO_STOPS,
      },
    });
    expect(JSON.stringify(y)).not.toMatch(/Infinity|NaN/);
  });

  it("a year's yield is the ratio of the sums, not the mean of each sweep's ratio", () => {
    const a = totalsOf({ policeQuarterHours: 4, staffQuarterHours: 0, stops: [stop("no"), stop("no")] }); // 2/h
    const b = totalsOf({ policeQuarterHours: 36, staffQuarterHours: 0, stops: [stop("no")] }); // 0.1/h (rounded)
    const year = sweepYield([a, b].reduce(addTotals, EMPTY_TOTALS));
    expect(year.stoppedPerPoliceHour).toBe(0.3); // 3 / 10 hours
    expect(year.policeMinutesPerTruant).toBe(200); // 600 minutes / 3
    expect(year.stopped).toBe(3);
  });

  it("never yields a non-finite figure", () => {
    fc.assert(
      fc.property(
        fc.nat(4_000),
        fc.nat(4_000),
        fc.array(fc.record({ validReason: fc.constantFrom("yes", "no", "unknown"), withParent: fc.boolean() }), {
          maxLength: 40,
        }),
        (police, staff, stops) => {
          const y = sweepYield(totalsOf({ policeQuarterHours: police, staffQuarterHours: staff, stops }));
          for (const v of [y.stoppedPerPoliceHour, y.policeMinutesPerTruant, y.accompaniedPercent])
            expect(v === null || Number.isFinite(v)).toBe(true);
          expect(y.stoppedPerPoliceHour === null).toBe(police === 0);
          expect(y.policeMinutesPerTruant === null).toBe(y.truants === 0);
        },
      ),
    );
  });
});

describe("what a stop feeds", () => {
  it.each([
    [{ validReason: "no", pupilFound: true, hasOpenCase: true, hasCurrentSchool: true }, "case_timeline"],
    [{ validReason: "no", pupilFound: true, hasOpenCase: false, hasCurrentSchool: true }, "school_flag"],
    [{ validReason: "no", pupilFound: true, hasOpenCase: false, hasCurrentSchool: false }, "no_current_school"],
    [{ validReason: "no", pupilFound: false, hasOpenCase: false, hasCurrentSchool: false }, "none"],
    [{ validReason: "yes", pupilFound: true, hasOpenCase: true, hasCurrentSchool: true }, "none"],
    [{ validReason: "unknown", pupilFound: true, hasOpenCase: false, hasCurrentSchool: true }, "none"],
  ] as const)("%j → %s", (facts, feed) => {
    expect(stopFeed(facts)).toBe(feed);
  });
});

describe("the sweep's date and times", () => {
  const today = "2026-11-20";
  it("accepts a past date with an end after the start, or no times at all", () => {
    expect(checkSweepTimes({ date: "2026-11-19", startTime: "09:00", endTime: "12:30", today })).toEqual([]);
    expect(checkSweepTimes({ date: today, startTime: null, endTime: null, today })).toEqual([]);
  });
  it("refuses a future date, a bad time and an end before the start", () => {
    expect(checkSweepTimes({ date: "2026-11-21", startTime: null, endTime: null, today })).toEqual([
      { field: "date", message: "The date of the sweep cannot be in the future" },
    ]);
    expect(checkSweepTimes({ date: "2026-02-30", startTime: "9am", endTime: "12:00", today })).toEqual([
      { field: "date", message: "Enter the date of the sweep as a real date" },
      { field: "startTime", message: "Enter the start time as a 24-hour time, like 09:30" },
    ]);
    expect(checkSweepTimes({ date: "2026-11-19", startTime: "12:00", endTime: "12:00", today })).toEqual([
      { field: "endTime", message: "The end time must be after the start time" },
    ]);
  });
});
