import { describe, expect, it } from "vitest";
import {
  fairnessTable,
  isSmallCount,
  ratioOfShares,
  suppressColumn,
  SUPPRESSION_THRESHOLD,
  type FairnessPupil,
} from "./fairness";

type Facts = Partial<Omit<FairnessPupil, "groups">> & { groups?: Partial<FairnessPupil["groups"]> };
const pupil = (f: Facts = {}): FairnessPupil => ({
  groups: { sen: "N", fsm: "no", sex: "F", yearGroup: "7", ...f.groups },
  persistentAbsence: f.persistentAbsence ?? false,
  cases: f.cases ?? false,
  referrals: f.referrals ?? false,
  prosecutions: f.prosecutions ?? false,
  convictions: f.convictions ?? false,
});
const many = (n: number, f: Facts = {}) => Array.from({ length: n }, () => pupil(f));

describe("suppression below 5", () => {
  it("hides counts of 1 to 4 and shows 0 and 5", () => {
    expect(SUPPRESSION_THRESHOLD).toBe(5);
    expect([0, 1, 4, 5, 6].map(isSmallCount)).toEqual([false, true, true, false, false]);
  });

  it("hides a second cell when only one would be hidden, so it cannot be found by subtraction", () => {
    expect(suppressColumn([3, 40, 12])).toEqual([true, false, true]);
    expect(suppressColumn([3, 4, 40])).toEqual([true, true, false]);
    expect(suppressColumn([9, 7], [false, true])).toEqual([true, true]);
  });

  it("hides the 0s of a column with a hidden count, or two hidden cells and a total of 2 would give away two 1s", () => {
    expect(suppressColumn([1, 0, 1, 0, 30])).toEqual([true, true, true, true, false]);
    expect(suppressColumn([3, 40, 0])).toEqual([true, false, true]);
    // With no count from 1 to 4, every figure shows, 0 included.
    expect(suppressColumn([5, 40, 0])).toEqual([false, false, false]);
  });
});

describe("the ratio of shares", () => {
  it("is 1 in proportion, 2 at twice the share, and null without a denominator", () => {
    expect(ratioOfShares(10, 100, 50, 500)).toBe(1);
    expect(ratioOfShares(20, 100, 50, 500)).toBe(2);
    expect(ratioOfShares(1, 3, 1, 1)).toBe(0.33);
    expect(ratioOfShares(5, 0, 10, 100)).toBeNull();
  });
});

describe("the fairness table", () => {
  // 100 pupils: 20 with free school meals, of whom 10 were prosecuted; 80 without, 5 prosecuted.
  const pupils = [
    ...many(10, { groups: { fsm: "yes" }, prosecutions: true, cases: true }),
    ...many(10, { groups: { fsm: "yes" } }),
    ...many(5, { groups: { fsm: "no", sex: "M" }, prosecutions: true, cases: true }),
    ...many(72, { groups: { fsm: "no", sex: "M" } }),
    ...many(3, { groups: { fsm: "no", yearGroup: "8" }, cases: true, convictions: true }),
  ];

  it("gives each group's shares and the ratio to its share of pupils", () => {
    const fsm = fairnessTable(pupils, { fsm: ["yes", "no"] }).find((s) => s.dimension === "fsm")!;
    expect(fsm.totals).toMatchObject({ pupils: 100, prosecutions: 15, cases: 18 });
    expect(fsm.rows.map((r) => r.group)).toEqual(["yes", "no"]);
    const yes = fsm.rows[0]!.cells;
    expect(yes.pupils).toEqual({ suppressed: false, count: 20, sharePercent: 20, ratio: null });
    // 10 of 15 prosecutions (66.7%) from 20% of the pupils: 3.33 times their share.
    expect(yes.prosecutions).toEqual({ suppressed: false, count: 10, sharePercent: 66.7, ratio: 3.33 });
    expect(fsm.rows[1]!.cells.prosecutions).toEqual({ suppressed: false, count: 5, sharePercent: 33.3, ratio: 0.42 });
  });

  it("suppresses small counts, their shares and ratios, and a complementary cell", () => {
    const fsm = fairnessTable(pupils).find((s) => s.dimension === "fsm")!;
    const no = fsm.rows.find((r) => r.group === "no")!;
    const yes = fsm.rows.find((r) => r.group === "yes")!;
    // Convictions: 3 in "no" (hidden), 0 in "yes" (hidden with it, or 3 could be read off the total).
    expect(no.cells.convictions).toEqual({ suppressed: true });
    expect(yes.cells.convictions).toEqual({ suppressed: true });
    // A measure that is 0 everywhere has no share.
    expect(yes.cells.referrals).toEqual({ suppressed: false, count: 0, sharePercent: null, ratio: null });
  });

  it("hides the whole row of a group with fewer than 5 pupils, and a second row with it", () => {
    const year = fairnessTable(pupils).find((s) => s.dimension === "yearGroup")!;
    expect(year.rows.map((r) => r.group)).toEqual(["7", "8"]);
    for (const row of year.rows) {
      for (const cell of Object.values(row.cells)) expect(cell).toEqual({ suppressed: true });
    }
    expect(JSON.stringify(year.rows)).not.toContain('"count":3');
  });

  it("never shows a count from 1 to 4 anywhere", () => {
    const text = JSON.stringify(fairnessTable(pupils));
    expect(text).not.toMatch(/"count":[1-4][,}]/);
  });
});
