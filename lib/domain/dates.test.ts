import fc from "fast-check";
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

describe("the date arithmetic without Date objects (ADR 080)", () => {
  // The Date-based versions these replaced, as they were.
  const oldIsIsoDate = (value: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  };
  const oldAddDays = (iso: string, days: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const oldMondayOf = (iso: string) => oldAddDays(iso, -((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const isoLike = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

  it("isIsoDate agrees with the Date-based check on every YYYY-MM-DD-shaped string", () => {
    fc.assert(
      fc.property(isoLike, (s) => isIsoDate(s) === oldIsIsoDate(s)),
      { numRuns: 20_000 },
    );
    for (const s of ["0099-01-01", "0100-02-29", "1900-02-29", "2000-02-29", "2100-02-29", "9999-12-31", "2026-1-01"])
      expect(isIsoDate(s)).toBe(oldIsIsoDate(s));
  });

  it("addDays and mondayOf agree with the Date-based versions", async () => {
    const { addDays, mondayOf } = await import("./dates");
    const valid = isoLike.filter(oldIsIsoDate);
    fc.assert(
      fc.property(valid, fc.integer({ min: -400_000, max: 400_000 }), (iso, days) => {
        let expected: string | Error;
        try {
          expected = oldAddDays(iso, days);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => addDays(iso, days)).toThrow(RangeError);
        else expect(addDays(iso, days)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(valid, (iso) => mondayOf(iso) === oldMondayOf(iso)),
      { numRuns: 20_000 },
    );
    expect(addDays("2026-03-29", 0.5)).toBe(oldAddDays("2026-03-29", 0.5));
    expect(addDays("2026-02-30", 1)).toBe(oldAddDays("2026-02-30", 1));
  });
});

describe("day numbers (ADR 080)", () => {
  it("daysFromCivil, civilOfDay and civilFromDays agree with Date.UTC", async () => {
    const { civilFromDays, civilOfDay, daysFromCivil } = await import("./dates");
    fc.assert(
      fc.property(fc.integer({ min: -600_000, max: 2_900_000 }), (day) => {
        const date = new Date(day * 86_400_000);
        const iso = date.toISOString().slice(0, 10);
        expect(civilOfDay(day)).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(civilFromDays(day)).toBe(iso);
        expect(daysFromCivil(iso)).toBe(day);
      }),
      { numRuns: 20_000 },
    );
  });
});
