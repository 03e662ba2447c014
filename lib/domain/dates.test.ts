import { describe, expect, it } from "vitest";
import { ageOn, formatUkDate, isIsoDate, isoFromUkDate, toIsoDate } from "./dates";

describe("dates", () => {
  it("formats UK long dates", () => {
    expect(formatUkDate("2026-11-27")).toBe("27 November 2026");
    expect(formatUkDate("2024-01-01")).toBe("1 January 2024");
  });
  it("rejects impossible dates", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("27/11/2026")).toBe(false);
    expect(() => formatUkDate("2026-13-01")).toThrow();
  });
  it("round-trips date-only values", () => {
    expect(toIsoDate(new Date("2026-11-27T00:00:00Z"))).toBe("2026-11-27");
  });
  it("counts ages on birthdays", () => {
    expect(ageOn("2012-11-28", "2026-11-27")).toBe(13);
    expect(ageOn("2012-11-28", "2026-11-28")).toBe(14);
  });
});

describe("date arithmetic", () => {
  it("adds days across months, years and leap days", async () => {
    const { addDays, mondayOf } = await import("./dates");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(mondayOf("2026-11-28")).toBe("2026-11-23"); // a Saturday
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // a Sunday
  });
});

describe("isoFromUkDate", () => {
  it("reads back what formatUkDate writes", () => {
    for (const iso of ["2026-11-27", "2026-01-01", "2024-02-29", "2027-12-31"])
      expect(isoFromUkDate(formatUkDate(iso))).toBe(iso);
    expect(isoFromUkDate(" 4 December 2026 ")).toBe("2026-12-04");
  });
  it("refuses what is not a UK long date", () => {
    for (const text of ["31 February 2026", "4 Dec 2026", "4 december 2026", "2026-12-04", "", "4 December"])
      expect(isoFromUkDate(text), text).toBeNull();
  });
});

describe("splitIntoWeeks", () => {
  it("covers every day of a range exactly once, as whole Monday-to-Sunday weeks and the days at the edges", async () => {
    const { addDays, mondayOf, splitIntoWeeks } = await import("./dates");
    for (let start = 0; start < 14; start++) {
      for (let length = 0; length < 40; length++) {
        const from = addDays("2026-01-01", start);
        const to = addDays(from, length);
        const { firstWeek, lastWeek, leadingTo, trailingFrom } = splitIntoWeeks(from, to);
        const covered: string[] = [];
        for (let d = from; d <= leadingTo; d = addDays(d, 1)) covered.push(d);
        for (let w = firstWeek; w <= lastWeek; w = addDays(w, 7)) {
          expect(mondayOf(w)).toBe(w);
          for (let i = 0; i < 7; i++) covered.push(addDays(w, i));
        }
        for (let d = trailingFrom; d <= to; d = addDays(d, 1)) covered.push(d);
        const expected: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) expected.push(d);
        expect(covered).toEqual(expected);
      }
    }
  });
  it("takes a year as its whole weeks and a few days at each end", async () => {
    const { splitIntoWeeks } = await import("./dates");
    expect(splitIntoWeeks("2025-09-01", "2026-07-21")).toEqual({
      firstWeek: "2025-09-01", // a Monday
      lastWeek: "2026-07-13",
      leadingTo: "2025-08-31",
      trailingFrom: "2026-07-20",
    });
  });
});
