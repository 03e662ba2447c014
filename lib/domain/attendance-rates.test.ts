import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORIES, type Category } from "./attendance-codes";
import {
  addCounts,
  countCategory,
  countsFromCategories,
  emptyCounts,
  isPersistentAbsence,
  isSevereAbsence,
  isValidCounts,
  PERSISTENT_ABSENCE_THRESHOLD,
  rates,
  roundedPercent,
  roundedRates,
  roundRate,
  SEVERE_ABSENCE_THRESHOLD,
  type SessionCounts,
  sumCounts,
} from "./attendance-rates";

/** Counts with `absent` authorised absences and the rest present. */
function absentOf(absent: number, possible: number): SessionCounts {
  return { possible, present: possible - absent, approvedActivity: 0, authorised: absent, unauthorised: 0 };
}

const category = fc.constantFrom<Category>(...CATEGORIES);
const categories = fc.array(category, { maxLength: 400 });

describe("counting sessions", () => {
  it("counts each category, leaving not_possible marks out of possible", () => {
    const counts = countsFromCategories([
      "present",
      "present",
      "approved_activity",
      "authorised",
      "unauthorised",
      "unauthorised",
      "not_possible",
    ]);
    expect(counts).toEqual({ possible: 6, present: 2, approvedActivity: 1, authorised: 1, unauthorised: 2 });
  });

  it("returns the same counts for a not_possible mark and new counts otherwise", () => {
    const start = emptyCounts();
    expect(countCategory(start, "not_possible")).toBe(start);
    expect(countCategory(start, "present")).not.toBe(start);
    expect(start).toEqual(emptyCounts());
  });

  it("adds and sums counts", () => {
    const a = countsFromCategories(["present", "authorised"]);
    const b = countsFromCategories(["unauthorised"]);
    expect(addCounts(a, b)).toEqual({ possible: 3, present: 1, approvedActivity: 0, authorised: 1, unauthorised: 1 });
    expect(sumCounts([a, b, a])).toEqual({
      possible: 5,
      present: 2,
      approvedActivity: 0,
      authorised: 2,
      unauthorised: 1,
    });
    expect(sumCounts([])).toEqual(emptyCounts());
  });

  it("knows valid counts from invalid ones", () => {
    expect(isValidCounts(absentOf(3, 10))).toBe(true);
    expect(isValidCounts({ ...absentOf(3, 10), possible: 11 })).toBe(false);
    expect(isValidCounts({ ...absentOf(3, 10), present: -1, possible: 2 })).toBe(false);
    expect(isValidCounts({ possible: 1.5, present: 1.5, approvedActivity: 0, authorised: 0, unauthorised: 0 })).toBe(
      false,
    );
  });
});

describe("rates", () => {
  it("computes the DfE formulas as percentages of possible sessions", () => {
    const counts: SessionCounts = {
      possible: 200,
      present: 170,
      approvedActivity: 10,
      authorised: 12,
      unauthorised: 8,
    };
    expect(rates(counts)).toEqual({ attendanceRate: 90, overallAbsenceRate: 10, unauthorisedRate: 4 });
  });

  it("gives null rates when there were no possible sessions", () => {
    const nothing = countsFromCategories(["not_possible", "not_possible"]);
    expect(rates(nothing)).toEqual({ attendanceRate: null, overallAbsenceRate: null, unauthorisedRate: null });
    expect(roundedRates(nothing)).toEqual({ attendanceRate: null, overallAbsenceRate: null, unauthorisedRate: null });
  });

  it("refuses counts that break the contract", () => {
    expect(() => rates({ possible: 5, present: 1, approvedActivity: 0, authorised: 0, unauthorised: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      isPersistentAbsence({ possible: 1, present: 0, approvedActivity: 0, authorised: 0, unauthorised: 0 }),
    ).toThrow(RangeError);
  });

  it("rounds for display from the counts, half away from zero", () => {
    // 1/3 → 33.333…, 2/3 → 66.666…; 1 of 2000 unauthorised is 0.05% → 0.1.
    expect(roundedRates({ possible: 3, present: 2, approvedActivity: 0, authorised: 1, unauthorised: 0 })).toEqual({
      attendanceRate: 66.7,
      overallAbsenceRate: 33.3,
      unauthorisedRate: 0,
    });
    expect(
      roundedRates({ possible: 2000, present: 1999, approvedActivity: 0, authorised: 0, unauthorised: 1 })
        .unauthorisedRate,
    ).toBe(0.1);
  });
});

describe("roundedPercent and roundRate", () => {
  it.each([
    [21, 2000, 1.1], // 1.05 exactly: rounds up
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [49, 400, 12.3], // 12.25
    [0, 7, 0],
    [7, 7, 100],
    [-21, 2000, -1.1],
  ])("%i / %i → %d", (n, d, expected) => {
    expect(roundedPercent(n, d)).toBe(expected);
  });

  it("refuses a zero denominator or fractions", () => {
    expect(() => roundedPercent(1, 0)).toThrow(RangeError);
    expect(() => roundedPercent(1.5, 3)).toThrow(RangeError);
  });

  it.each([
    [1.05, 1.1],
    [0.15, 0.2],
    [2.675, 2.7],
    [12.25, 12.3],
    [1.04, 1],
    [99.95, 100],
    [-1.05, -1.1],
    [-0.04, 0],
    [33.333333, 33.3],
  ])("roundRate(%d) = %d", (x, expected) => {
    expect(roundRate(x)).toBe(expected);
  });

  it("rounds -0.04 to plain 0, not -0", () => {
    expect(Object.is(roundRate(-0.04), 0)).toBe(true);
    expect(() => roundRate(Number.NaN)).toThrow(RangeError);
  });

  it("agrees with exact rounding for any fraction of sessions (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(5000), (d, raw) => {
        const n = raw % (d + 1);
        expect(roundRate((n * 100) / d)).toBe(roundedPercent(n, d));
      }),
    );
  });
});

describe("persistent and severe absence", () => {
  it("uses thresholds of 10% and 50%", () => {
    expect(PERSISTENT_ABSENCE_THRESHOLD).toBe(10);
    expect(SEVERE_ABSENCE_THRESHOLD).toBe(50);
  });

  it("flags exactly 10% as persistent but not 9.99%", () => {
    expect(isPersistentAbsence(absentOf(10, 100))).toBe(true);
    expect(isPersistentAbsence(absentOf(38, 380))).toBe(true);
    expect(isPersistentAbsence(absentOf(999, 10000))).toBe(false); // 9.99%
    expect(isPersistentAbsence(absentOf(37, 380))).toBe(false); // 9.74%
    expect(isPersistentAbsence(absentOf(11, 100))).toBe(true);
  });

  it("does not use the rounded rate: 9.96% shows as 10.0% but is not persistent", () => {
    const counts = absentOf(249, 2500); // 9.96%
    expect(roundedRates(counts).overallAbsenceRate).toBe(10);
    expect(isPersistentAbsence(counts)).toBe(false);
  });

  it("counts authorised and unauthorised absence together", () => {
    const counts: SessionCounts = { possible: 100, present: 85, approvedActivity: 5, authorised: 4, unauthorised: 6 };
    expect(isPersistentAbsence(counts)).toBe(true);
    // Approved educational activity is attendance, not absence.
    expect(
      isPersistentAbsence({ possible: 100, present: 80, approvedActivity: 11, authorised: 9, unauthorised: 0 }),
    ).toBe(false);
  });

  it("flags exactly 50% as severe but not 49.9%", () => {
    expect(isSevereAbsence(absentOf(50, 100))).toBe(true);
    expect(isSevereAbsence(absentOf(499, 1000))).toBe(false);
    expect(isSevereAbsence(absentOf(190, 380))).toBe(true);
    expect(isSevereAbsence(absentOf(100, 100))).toBe(true);
  });

  it("flags nothing when there were no possible sessions", () => {
    expect(isPersistentAbsence(emptyCounts())).toBe(false);
    expect(isSevereAbsence(emptyCounts())).toBe(false);
  });
});

describe("properties", () => {
  it("possible = present + approvedActivity + authorised + unauthorised for any list of marks", () => {
    fc.assert(
      fc.property(categories, (list) => {
        const c = countsFromCategories(list);
        expect(c.possible).toBe(c.present + c.approvedActivity + c.authorised + c.unauthorised);
        expect(c.possible).toBe(list.filter((x) => x !== "not_possible").length);
        expect(isValidCounts(c)).toBe(true);
      }),
    );
  });

  it("puts every rate in 0–100", () => {
    fc.assert(
      fc.property(categories, (list) => {
        const counts = countsFromCategories(list);
        for (const r of [rates(counts), roundedRates(counts)]) {
          for (const value of Object.values(r)) {
            if (counts.possible === 0) expect(value).toBeNull();
            else {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(100);
            }
          }
        }
      }),
    );
  });

  it("attendance + overall absence = 100 whenever there were possible sessions", () => {
    fc.assert(
      fc.property(categories, (list) => {
        const r = rates(countsFromCategories(list));
        fc.pre(r.attendanceRate !== null && r.overallAbsenceRate !== null);
        expect(Math.abs((r.attendanceRate ?? 0) + (r.overallAbsenceRate ?? 0) - 100)).toBeLessThan(1e-9);
        expect(r.unauthorisedRate ?? 0).toBeLessThanOrEqual((r.overallAbsenceRate ?? 0) + 1e-9);
      }),
    );
  });

  it("counting two parts of a list and adding them equals counting the whole", () => {
    fc.assert(
      fc.property(categories, fc.nat(), (list, raw) => {
        const at = raw % (list.length + 1);
        const parts = addCounts(countsFromCategories(list.slice(0, at)), countsFromCategories(list.slice(at)));
        expect(parts).toEqual(countsFromCategories(list));
      }),
    );
  });

  it("flags agree with the exact share of absent sessions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(), (possible, raw) => {
        const absent = raw % (possible + 1);
        const counts = absentOf(absent, possible);
        expect(isPersistentAbsence(counts)).toBe(absent * 10 >= possible);
        expect(isSevereAbsence(counts)).toBe(absent * 2 >= possible);
      }),
    );
  });
});
