import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeIdOn } from "./attendance-codes";
import { addDays, mondayOf } from "./dates";
import { epochDay, firstMondayOnOrBefore, rollingPenalty, YearTally } from "./register-tally";

describe("rollingPenalty", () => {
  it("finds the most sessions in any 10 consecutive school weeks, and the first week that reached 10", () => {
    const weeks = [
      { ordinal: 1, weekStart: "2025-09-01", penalty: 4 },
      { ordinal: 5, weekStart: "2025-09-29", penalty: 3 },
      { ordinal: 10, weekStart: "2025-11-10", penalty: 3 },
      { ordinal: 11, weekStart: "2025-11-17", penalty: 2 },
    ];
    // Weeks 1–10 hold 10; weeks 2–11 hold 8.
    expect(rollingPenalty(weeks)).toEqual({ max: 10, thresholdWeek: "2025-11-10" });
    expect(rollingPenalty(weeks.slice(1))).toEqual({ max: 8, thresholdWeek: null });
    expect(rollingPenalty([])).toEqual({ max: null, thresholdWeek: null });
  });

  it("agrees with summing every window by brute force", () => {
    const week = fc.record({ ordinal: fc.integer({ min: 1, max: 45 }), penalty: fc.integer({ min: 0, max: 10 }) });
    fc.assert(
      fc.property(fc.uniqueArray(week, { selector: (w) => w.ordinal, maxLength: 40 }), (list) => {
        const weeks = list.map((w) => ({ ...w, weekStart: addDays("2025-09-01", (w.ordinal - 1) * 7) }));
        const totals = weeks.map((w) => ({
          w,
          total: weeks
            .filter((x) => x.ordinal <= w.ordinal && x.ordinal > w.ordinal - 10)
            .reduce((n, x) => n + x.penalty, 0),
        }));
        const max = totals.length ? Math.max(...totals.map((t) => t.total)) : null;
        const hits = totals
          .filter((t) => t.total >= 10)
          .map((t) => t.w.weekStart)
          .sort();
        expect(rollingPenalty(weeks)).toEqual({ max, thresholdWeek: hits[0] ?? null });
      }),
    );
  });
});

describe("YearTally", () => {
  const code = (c: string, date: string) => codeIdOn(c, date)!;

  it("counts marks by school and day, by pupil and week, and by pupil and year", () => {
    const tally = new YearTally(2025, [501, 502]); // 1 September 2025 is a Monday
    const add = (pupil: number, school: number, date: string, session: number, c: string) =>
      tally.add(pupil, 7000 + pupil, school, epochDay(date), session, code(c, date));
    expect(add(0, 0, "2025-09-01", 0, "/")).toBe("counted");
    expect(add(0, 0, "2025-09-01", 1, "N")).toBe("counted");
    expect(add(0, 0, "2025-09-02", 0, "X")).toBe("counted");
    expect(add(1, 1, "2025-09-03", 0, "I")).toBe("counted");
    expect(add(0, 0, "2025-09-01", 1, "G")).toBe("duplicate");

    expect([...tally.schoolDayRows()]).toEqual([
      {
        schoolKey: 501,
        date: "2025-09-01",
        possible: 2,
        present: 1,
        approvedActivity: 0,
        authorised: 0,
        unauthorised: 1,
      },
      {
        schoolKey: 501,
        date: "2025-09-02",
        possible: 0,
        present: 0,
        approvedActivity: 0,
        authorised: 0,
        unauthorised: 0,
      },
      {
        schoolKey: 502,
        date: "2025-09-03",
        possible: 1,
        present: 0,
        approvedActivity: 0,
        authorised: 1,
        unauthorised: 0,
      },
    ]);
    expect([...tally.pupilWeekRows()]).toEqual([
      {
        pupilKey: 7000,
        schoolKey: 501,
        weekStart: "2025-09-01",
        possible: 2,
        present: 1,
        approvedActivity: 0,
        authorised: 0,
        unauthorised: 1,
        penaltyUnauthorised: 1,
      },
      {
        pupilKey: 7001,
        schoolKey: 502,
        weekStart: "2025-09-01",
        possible: 1,
        present: 0,
        approvedActivity: 0,
        authorised: 1,
        unauthorised: 0,
        penaltyUnauthorised: 0,
      },
    ]);
    const years = [...tally.pupilYearRows(new Map([["2025-09-01", 1]]), true)];
    expect(years[0]).toMatchObject({ pupilKey: 7000, possible: 2, maxPenalty10Weeks: 1, thresholdWeekStart: null });
    expect([...tally.pupilYearRows(new Map(), false)][0]).toMatchObject({ maxPenalty10Weeks: null });
    expect([...tally.pupilYearRows(new Map(), true)][0]).toMatchObject({ maxPenalty10Weeks: 0 });
  });

  it("leaves to the caller the marks in weeks that straddle the year's ends, but still finds them given twice", () => {
    // 1 September 2026 is a Tuesday: its week began on 31 August, in the year before.
    expect(firstMondayOnOrBefore(2026)).toBe("2026-08-31");
    const tally = new YearTally(2026, [501]);
    const add = (date: string) => tally.add(0, 7000, 0, epochDay(date), 0, code("/", date));
    expect(add("2026-09-04")).toBe("outside");
    expect(add("2026-09-04")).toBe("duplicate");
    expect(add("2026-09-07")).toBe("counted");
    // The last week wholly inside the year ends on Sunday 29 August 2027; 30 August starts a straddling week.
    expect(mondayOf("2027-08-27")).toBe("2027-08-23");
    expect(add("2027-08-27")).toBe("counted");
    expect(add("2027-08-30")).toBe("outside");
    expect(() => add("2027-09-01")).toThrow(RangeError);
    expect([...tally.pupilWeekRows()].map((r) => r.weekStart)).toEqual(["2026-09-07", "2027-08-23"]);
  });
});
