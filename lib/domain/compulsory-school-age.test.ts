import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clipToCompulsorySchoolAge,
  compulsorySchoolAge,
  isOfCompulsorySchoolAge,
  lastFridayInJune,
} from "./compulsory-school-age";
import { addDays } from "./dates";

describe("compulsorySchoolAge (Education Act 1996 s.8)", () => {
  // Each boundary the issue names: a 5th birthday on a prescribed day starts that day; the day after waits for
  // the next prescribed day.
  it.each([
    ["2020-12-31", "2025-12-31"], // born 31 Dec: 5 on a prescribed day, compulsory that day
    ["2021-01-01", "2026-03-31"], // born 1 Jan: waits for 31 March
    ["2021-03-31", "2026-03-31"], // born 31 Mar: that day
    ["2021-04-01", "2026-08-31"], // born 1 Apr: waits for 31 August
    ["2021-08-31", "2026-08-31"], // born 31 Aug: that day
    ["2021-09-01", "2026-12-31"], // born 1 Sep: waits for 31 December
    ["2021-12-30", "2026-12-31"],
    ["2020-02-29", "2025-03-31"], // a leap-day birthday: 5 on 1 March 2025, so 31 March
  ])("born %s: compulsory from %s", (born, from) => {
    expect(compulsorySchoolAge(born).from).toBe(from);
    expect(isOfCompulsorySchoolAge(born, from)).toBe(true);
    expect(isOfCompulsorySchoolAge(born, addDays(from, -1))).toBe(false);
  });

  it("ends on the last Friday in June of the school year in which the child turns 16", () => {
    // Turns 16 on 1 September 2026: the school year 2026/27, so the last Friday in June 2027 (25 June).
    expect(compulsorySchoolAge("2010-09-01").to).toBe("2027-06-25");
    // Turns 16 on 31 August 2026: the school year 2025/26, so 26 June 2026, two months before the birthday.
    expect(compulsorySchoolAge("2010-08-31").to).toBe("2026-06-26");
    // Turns 16 on 1 January 2027: school year 2026/27.
    expect(compulsorySchoolAge("2011-01-01").to).toBe("2027-06-25");
    expect(isOfCompulsorySchoolAge("2010-08-31", "2026-06-26")).toBe(true);
    expect(isOfCompulsorySchoolAge("2010-08-31", "2026-06-27")).toBe(false);
  });

  it.each([
    [2026, "2026-06-26"],
    [2027, "2027-06-25"],
    [2021, "2021-06-25"],
    [2022, "2022-06-24"],
    [2023, "2023-06-30"], // 30 June is itself a Friday
    [2024, "2024-06-28"],
  ])("the last Friday in June %i is %s", (year, day) => {
    expect(lastFridayInJune(year)).toBe(day);
    expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(5);
  });

  it("always starts on a prescribed day within four months after the 5th birthday, and ends on a Friday in June", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }), (d) => {
        const born = d.toISOString().slice(0, 10);
        const { from, to } = compulsorySchoolAge(born);
        expect(["03-31", "08-31", "12-31"]).toContain(from.slice(5));
        const fifth = `${Number(born.slice(0, 4)) + 5}${born.slice(4)}`;
        expect(from >= fifth || (born.slice(5) === "02-29" && from > `${fifth.slice(0, 4)}-02-28`)).toBe(true);
        expect(to.slice(5, 7)).toBe("06");
        expect(new Date(`${to}T00:00:00Z`).getUTCDay()).toBe(5);
        expect(Number(to.slice(0, 4)) - Number(born.slice(0, 4))).toBeGreaterThanOrEqual(16);
        expect(Number(to.slice(0, 4)) - Number(born.slice(0, 4))).toBeLessThanOrEqual(17);
      }),
    );
  });

  it("refuses a date of birth that is not a date", () => {
    expect(() => compulsorySchoolAge("2021-02-30")).toThrow(RangeError);
  });
});

describe("clipToCompulsorySchoolAge", () => {
  it("keeps a period wholly inside compulsory school age", () => {
    expect(clipToCompulsorySchoolAge("2015-05-01", { from: "2026-01-05", to: "2026-03-27" })).toEqual({
      period: { from: "2026-01-05", to: "2026-03-27" },
      excluded: [],
    });
  });

  it("starts the period when the pupil reaches compulsory school age, saying why", () => {
    expect(clipToCompulsorySchoolAge("2021-01-10", { from: "2026-01-05", to: "2026-04-24" })).toEqual({
      period: { from: "2026-03-31", to: "2026-04-24" },
      excluded: ["the pupil was below compulsory school age until 31 March 2026"],
    });
  });

  it("ends the period on the school leaving date", () => {
    expect(clipToCompulsorySchoolAge("2010-03-01", { from: "2026-05-04", to: "2026-07-17" })).toEqual({
      period: { from: "2026-05-04", to: "2026-06-26" },
      excluded: ["the pupil was past compulsory school age after 26 June 2026, the school leaving date"],
    });
  });

  it("has nothing left when the whole period is outside", () => {
    expect(clipToCompulsorySchoolAge("2021-06-01", { from: "2026-01-05", to: "2026-03-27" }).period).toBeNull();
  });
});
