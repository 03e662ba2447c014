import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  academicYearOf,
  academicYearStart,
  CalendarGapError,
  type CalendarEntry,
  DEMO_CALENDAR_ENTRIES_2025_27,
  InvalidCalendarError,
  parseCalendarCsv,
  schoolCalendar,
  type SchoolCalendar,
  validateEntries,
} from "./school-calendar";

const cal = schoolCalendar(DEMO_CALENDAR_ENTRIES_2025_27);

// Reference date arithmetic for the tests, written independently of the module.
const DAY = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => new Date(toMs(iso) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY);
/** 1 = Monday … 7 = Sunday. */
const weekday = (iso: string) => ((new Date(toMs(iso)).getUTCDay() + 6) % 7) + 1;
const mondayOf = (iso: string) => addDays(iso, 1 - weekday(iso));

/** Brute force: a week is a school week when any of its Monday–Friday is a school day. */
function isSchoolWeekRef(c: SchoolCalendar, date: string): boolean {
  const monday = mondayOf(date);
  return [0, 1, 2, 3, 4].some((k) => c.isSchoolDay(addDays(monday, k)));
}

/** School weeks whose Monday falls in (after, upTo]. */
function schoolWeeksBegunIn(c: SchoolCalendar, after: string, upTo: string): number {
  let count = 0;
  for (let d = addDays(after, 1); d <= upTo; d = addDays(d, 1)) if (weekday(d) === 1 && isSchoolWeekRef(c, d)) count++;
  return count;
}

/** Distinct school weeks that share at least one day with [from, to]. */
function schoolWeeksMeeting(c: SchoolCalendar, from: string, to: string): number {
  let count = 0;
  for (let m = mondayOf(from); m <= to; m = addDays(m, 7)) if (isSchoolWeekRef(c, m)) count++;
  return count;
}

/** Any date from `from` to `to` inclusive. */
const dateIn = (from: string, to: string) =>
  fc.integer({ min: 0, max: daysBetween(from, to) }).map((k) => addDays(from, k));

describe("academic years", () => {
  it.each([
    ["2025-09-01", 2025, "2025/26"],
    ["2026-08-31", 2025, "2025/26"],
    ["2026-03-01", 2025, "2025/26"],
    ["2026-09-01", 2026, "2026/27"],
    ["2000-01-15", 1999, "1999/00"],
  ])("%s is in %i (%s)", (date, start, label) => {
    expect(academicYearStart(date)).toBe(start);
    expect(academicYearOf(date)).toBe(label);
    expect(cal.academicYearOf(date)).toBe(label);
  });

  it("refuses dates that are not ISO", () => {
    expect(() => academicYearOf("01/09/2025")).toThrow(RangeError);
    expect(() => cal.isSchoolDay("2026-02-30")).toThrow(RangeError);
  });
});

describe("the demo calendar", () => {
  it("covers the academic years 2025/26 and 2026/27 only", () => {
    expect(cal.covers("2025-08-31")).toBe(false);
    expect(cal.covers("2025-09-01")).toBe(true);
    expect(cal.covers("2026-08-15")).toBe(true); // summer holiday, but its year has terms
    expect(cal.covers("2027-08-31")).toBe(true);
    expect(cal.covers("2027-09-01")).toBe(false);
  });

  it.each([
    ["2025-09-02", false, "before term starts"],
    ["2025-09-03", true, "first day of the autumn term"],
    ["2025-09-06", false, "Saturday"],
    ["2025-10-24", false, "INSET day"],
    ["2025-10-29", false, "October half-term"],
    ["2025-12-19", true, "last day before Christmas"],
    ["2025-12-22", false, "Christmas holiday"],
    ["2026-01-05", false, "INSET day"],
    ["2026-01-06", true, "first spring day for pupils"],
    ["2026-04-03", false, "Good Friday"],
    ["2026-05-04", false, "early May bank holiday"],
    ["2026-05-26", false, "May half-term"],
    ["2026-07-22", true, "last day of 2025/26"],
    ["2026-07-23", false, "summer holiday"],
    ["2027-03-26", false, "Good Friday 2027"],
    ["2027-07-21", true, "last day of 2026/27"],
  ])("%s is a school day: %s (%s)", (date, expected) => {
    expect(cal.isSchoolDay(date)).toBe(expected);
  });

  it("has about 190 school days a year (189 and 188)", () => {
    const y1 = cal.schoolDaysBetween("2025-09-01", "2026-08-31").length;
    const y2 = cal.schoolDaysBetween("2026-09-01", "2027-08-31").length;
    for (const days of [y1, y2]) {
      expect(days).toBeGreaterThanOrEqual(185);
      expect(days).toBeLessThanOrEqual(195);
    }
    expect([y1, y2]).toEqual([189, 188]);
    expect(cal.sessionsBetween("2025-09-01", "2026-08-31")).toBe(378);
  });

  it("lists school days in a range, inclusive", () => {
    // Week of 3 November 2025: Monday is an INSET day.
    expect(cal.schoolDaysBetween("2025-11-03", "2025-11-09")).toEqual([
      "2025-11-04",
      "2025-11-05",
      "2025-11-06",
      "2025-11-07",
    ]);
    expect(cal.sessionsBetween("2025-11-03", "2025-11-09")).toBe(8);
    expect(cal.schoolDaysBetween("2025-11-05", "2025-11-05")).toEqual(["2025-11-05"]);
    expect(cal.schoolDaysBetween("2025-11-07", "2025-11-03")).toEqual([]);
  });

  it("knows school weeks: any week with a school day", () => {
    expect(cal.isSchoolWeek("2025-09-01")).toBe(true); // school Wed 3 – Fri 5 September
    expect(cal.isSchoolWeek("2025-10-29")).toBe(false); // half-term
    expect(cal.isSchoolWeek("2026-08-31")).toBe(true); // Mon 31 Aug is in 2025/26; Wed 2 Sep starts 2026/27
    expect(cal.isSchoolWeek("2026-09-06")).toBe(true); // the Sunday of that week
  });
});

describe("CalendarGapError", () => {
  it("is not needed for the week a covered year starts in: a calendar of 2026/27 alone plans from 2 September", () => {
    const only2026 = schoolCalendar(DEMO_CALENDAR_ENTRIES_2025_27.filter((e) => e.start >= "2026-08-01"));
    expect(only2026.covers("2026-08-31")).toBe(false); // Monday 31 August is in 2025/26
    expect(only2026.isSchoolWeek("2026-09-02")).toBe(true); // school from Wednesday 2 September
    expect(only2026.windowEnd("2026-09-02", 12)).toBe(cal.windowEnd("2026-09-02", 12));
    expect(only2026.windowEnd("2026-09-04", 1)).toBe("2026-09-10");
    // A week with no covered school day and an uncovered weekday still cannot be judged.
    expect(() => only2026.isSchoolWeek("2026-08-24")).toThrow(CalendarGapError);
  });

  it("is thrown, never guessed, for a date in a year with no terms", () => {
    const error = (() => {
      try {
        cal.isSchoolDay("2027-09-01");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CalendarGapError);
    expect((error as CalendarGapError).date).toBe("2027-09-01");
    expect((error as CalendarGapError).academicYear).toBe("2027/28");
    expect((error as CalendarGapError).message).toBe(
      "The term calendar has no terms for the 2027/28 academic year (needed for 1 September 2027)",
    );
    expect(() => cal.schoolDaysBetween("2027-07-01", "2027-09-30")).toThrow(CalendarGapError);
    expect(() => cal.isSchoolDay("2025-08-29")).toThrow(CalendarGapError);
  });
});

describe("addSchoolWeeks and windowEnd", () => {
  it("returns the start itself for 0 weeks, even on a holiday Saturday", () => {
    expect(cal.addSchoolWeeks("2025-10-25", 0)).toBe("2025-10-25");
  });

  it("steps whole calendar weeks when there is no holiday", () => {
    expect(cal.addSchoolWeeks("2025-09-08", 1)).toBe("2025-09-15");
    expect(cal.addSchoolWeeks("2025-09-10", 4)).toBe("2025-10-08"); // Wednesday to Wednesday
    expect(cal.windowEnd("2025-09-08", 4)).toBe("2025-10-05");
  });

  it("skips the October half-term: a window started the week before ends a calendar week later", () => {
    // From Mon 13 Oct 2025: w/c 20 Oct counts 1; w/c 27 Oct is half-term, skipped; w/c 3 Nov counts 2
    // (Monday 3 November is an INSET day, but the week has school days). Without the holiday: Mon 27 Oct.
    expect(cal.addSchoolWeeks("2025-10-13", 2)).toBe("2025-11-03");
    expect(cal.windowEnd("2025-10-13", 2)).toBe("2025-11-02");
    expect(daysBetween("2025-10-13", cal.addSchoolWeeks("2025-10-13", 2))).toBe(2 * 7 + 7);
    // From Mon 20 Oct 2025 (the week before half-term), one school week on is Mon 3 November.
    expect(cal.addSchoolWeeks("2025-10-20", 1)).toBe("2025-11-03");
  });

  it("12 school weeks from Monday 1 December 2025 skip Christmas and the February half-term", () => {
    // Counted weeks (w/c): 8 Dec (1), 15 Dec (2), [22 Dec, 29 Dec: Christmas], 5 Jan (3), 12 Jan (4), 19 Jan (5),
    // 26 Jan (6), 2 Feb (7), 9 Feb (8), [16 Feb: half-term], 23 Feb (9), 2 Mar (10), 9 Mar (11), 16 Mar (12).
    // So the date 12 school weeks after is Mon 16 March 2026 (without holidays it would be Mon 23 February),
    // and the window is Mon 1 December 2025 – Sun 15 March 2026: the 12 school weeks w/c 1 Dec … 9 Mar.
    expect(cal.addSchoolWeeks("2025-12-01", 12)).toBe("2026-03-16");
    expect(cal.windowEnd("2025-12-01", 12)).toBe("2026-03-15");
    expect(schoolWeeksMeeting(cal, "2025-12-01", "2026-03-15")).toBe(12);
  });

  it("keeps the weekday of a mid-week start across Christmas", () => {
    // From Wed 17 Dec 2025: w/c 22 and 29 Dec are holidays; w/c 5 Jan counts 1 → Wed 7 January 2026.
    expect(cal.addSchoolWeeks("2025-12-17", 1)).toBe("2026-01-07");
    expect(cal.windowEnd("2025-12-17", 1)).toBe("2026-01-06");
  });

  it("runs from the end of 2025/26 into 2026/27, skipping the summer holiday", () => {
    // From Mon 8 Jun 2026: 15 Jun (1), 22 Jun (2), 29 Jun (3), 6 Jul (4), 13 Jul (5), 20 Jul (6, school to Wed 22),
    // [27 Jul, 3, 10, 17, 24 Aug: summer], 31 Aug (7: school Wed 2 – Fri 4 Sep), 7 Sep (8), 14 Sep (9),
    // 21 Sep (10), 28 Sep (11), 5 Oct (12) → Mon 5 October 2026; the window ends Sun 4 October 2026.
    expect(cal.addSchoolWeeks("2026-06-08", 12)).toBe("2026-10-05");
    expect(cal.windowEnd("2026-06-08", 12)).toBe("2026-10-04");
    // From Mon 13 Jul 2026: 20 Jul (1), 31 Aug (2), 7 Sep (3).
    expect(cal.addSchoolWeeks("2026-07-13", 3)).toBe("2026-09-07");
  });

  it("throws CalendarGapError when the window runs past July 2027", () => {
    // From Mon 12 Jul 2027: 19 Jul (1, school to Wed 21); the August weeks are holidays; the week of Mon 30 Aug
    // 2027 reaches Wed 1 September 2027, in 2027/28, for which there are no terms.
    expect(() => cal.addSchoolWeeks("2027-07-12", 3)).toThrow(
      "The term calendar has no terms for the 2027/28 academic year (needed for 1 September 2027)",
    );
    expect(() => cal.windowEnd("2027-06-14", 12)).toThrow(CalendarGapError);
    expect(cal.addSchoolWeeks("2027-07-12", 1)).toBe("2027-07-19");
  });

  it("refuses a negative or fractional count, and a window of 0 weeks", () => {
    expect(() => cal.addSchoolWeeks("2025-09-08", -1)).toThrow(RangeError);
    expect(() => cal.addSchoolWeeks("2025-09-08", 1.5)).toThrow(RangeError);
    expect(() => cal.windowEnd("2025-09-08", 0)).toThrow(RangeError);
  });
});

describe("lastSchoolWeeks", () => {
  it("looks back 10 school weeks across the October half-term", () => {
    // From Wed 12 Nov 2025 back: w/c 10 Nov (1), 3 Nov (2), [27 Oct: half-term], 20 Oct (3), 13 Oct (4),
    // 6 Oct (5), 29 Sep (6), 22 Sep (7), 15 Sep (8), 8 Sep (9), 1 Sep (10: school Wed 3 – Fri 5 Sep).
    expect(cal.lastSchoolWeeks("2025-11-12", 10)).toEqual({ from: "2025-09-01", to: "2025-11-12" });
  });

  it("undoes a window: the 12 school weeks up to Sun 15 March 2026 start on Mon 1 December 2025", () => {
    expect(cal.lastSchoolWeeks("2026-03-15", 12)).toEqual({ from: "2025-12-01", to: "2026-03-15" });
  });

  it("does not count the week of the end date when it is a holiday", () => {
    // Mon 10 Aug 2026 is in the summer holiday: the last two school weeks are w/c 20 Jul and w/c 13 Jul.
    expect(cal.lastSchoolWeeks("2026-08-10", 2)).toEqual({ from: "2026-07-13", to: "2026-08-10" });
  });

  it("spans the summer holiday and the school year boundary (penalty notice look-back)", () => {
    // From Wed 16 Sep 2026: 14 Sep (1), 7 Sep (2), 31 Aug (3), [27 Jul – 28 Aug: summer], 20 Jul (4), 13 Jul (5),
    // 6 Jul (6), 29 Jun (7), 22 Jun (8), 15 Jun (9), 8 Jun (10).
    expect(cal.lastSchoolWeeks("2026-09-16", 10)).toEqual({ from: "2026-06-08", to: "2026-09-16" });
  });

  it("throws CalendarGapError when it looks back before the calendar", () => {
    // From Wed 10 Sep 2025: 8 Sep (1), 1 Sep (2); then w/c 25 Aug 2025 is in 2024/25, which has no terms.
    expect(() => cal.lastSchoolWeeks("2025-09-10", 3)).toThrow(
      "The term calendar has no terms for the 2024/25 academic year (needed for 25 August 2025)",
    );
    expect(cal.lastSchoolWeeks("2025-09-10", 2)).toEqual({ from: "2025-09-01", to: "2025-09-10" });
    expect(() => cal.lastSchoolWeeks("2025-09-10", 0)).toThrow(RangeError);
  });
});

describe("calendar properties", () => {
  // Starts from which 12 school weeks still fit inside the demo calendar.
  const start = dateIn("2025-09-01", "2027-03-31");
  const n = fc.integer({ min: 1, max: 12 });

  it("exactly n school weeks begin after the start and on or before addSchoolWeeks(start, n)", () => {
    fc.assert(
      fc.property(start, n, (s, k) => {
        const result = cal.addSchoolWeeks(s, k);
        expect(weekday(result)).toBe(weekday(s));
        expect(isSchoolWeekRef(cal, result)).toBe(true);
        expect(schoolWeeksBegunIn(cal, s, result)).toBe(k);
        // …and it is the first such date: one week earlier, only n - 1 had begun.
        expect(schoolWeeksBegunIn(cal, s, addDays(result, -7))).toBe(k - 1);
      }),
      { numRuns: 300 },
    );
  });

  it("the window [start, windowEnd] meets n - 1 + [start's week is a school week] + [start is not a Monday] school weeks", () => {
    // So a window started on the Monday of a school week holds exactly n school weeks and ends on a Sunday.
    fc.assert(
      fc.property(start, n, (s, k) => {
        const end = cal.windowEnd(s, k);
        expect(end).toBe(addDays(cal.addSchoolWeeks(s, k), -1));
        const expected = k - 1 + (isSchoolWeekRef(cal, s) ? 1 : 0) + (weekday(s) === 1 ? 0 : 1);
        expect(schoolWeeksMeeting(cal, s, end)).toBe(expected);
        if (weekday(s) === 1 && isSchoolWeekRef(cal, s)) {
          expect(schoolWeeksMeeting(cal, s, end)).toBe(k);
          expect(weekday(end)).toBe(7);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is monotonic in n: each extra school week adds at least one calendar week", () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 11 }), (s, k) => {
        expect(daysBetween(cal.addSchoolWeeks(s, k), cal.addSchoolWeeks(s, k + 1))).toBeGreaterThanOrEqual(7);
        expect(cal.addSchoolWeeks(s, k + 1) > cal.addSchoolWeeks(s, k)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("composes: a school weeks then b school weeks is a + b school weeks", () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (s, a, b) => {
        expect(cal.addSchoolWeeks(cal.addSchoolWeeks(s, a), b)).toBe(cal.addSchoolWeeks(s, a + b));
      }),
      { numRuns: 200 },
    );
  });

  it("lastSchoolWeeks(end, n) starts on the Monday of a school week and meets exactly n school weeks", () => {
    fc.assert(
      fc.property(dateIn("2026-01-01", "2027-07-31"), n, (end, k) => {
        const { from, to } = cal.lastSchoolWeeks(end, k);
        expect(to).toBe(end);
        expect(weekday(from)).toBe(1);
        expect(from <= end).toBe(true);
        expect(isSchoolWeekRef(cal, from)).toBe(true);
        expect(schoolWeeksMeeting(cal, from, end)).toBe(k);
      }),
      { numRuns: 300 },
    );
  });

  it("school days split at any point add up, and sessions are twice the days", () => {
    fc.assert(
      fc.property(dateIn("2025-09-01", "2027-08-31"), fc.nat(120), fc.nat(120), (from, len, cut) => {
        const to = addDays(from, len);
        fc.pre(to <= "2027-08-31");
        const mid = addDays(from, cut % (len + 1));
        const whole = cal.schoolDaysBetween(from, to);
        expect([...cal.schoolDaysBetween(from, mid), ...cal.schoolDaysBetween(addDays(mid, 1), to)]).toEqual(whole);
        expect(cal.sessionsBetween(from, to)).toBe(2 * whole.length);
        for (const day of whole) expect(weekday(day)).toBeLessThanOrEqual(5);
      }),
      { numRuns: 200 },
    );
  });

  it("on random calendars, addSchoolWeeks either counts n school weeks or reports a gap when fewer remain", () => {
    // One academic year (2030/31) of random terms and closures; 2031/32 is not covered.
    const entry = (kind: "term" | "closure") =>
      fc.tuple(dateIn("2030-09-01", "2031-08-31"), fc.nat(60)).map(([s, len]): CalendarEntry => {
        const end = addDays(s, len) > "2031-08-31" ? "2031-08-31" : addDays(s, len);
        return { kind, start: s, end, name: kind };
      });
    const calendar = fc
      .tuple(fc.array(entry("term"), { minLength: 1, maxLength: 6 }), fc.array(entry("closure"), { maxLength: 6 }))
      .map(([terms, closures]) => {
        // Keep only non-overlapping terms, and closures inside a kept term.
        const kept: CalendarEntry[] = [];
        for (const t of terms) if (!kept.some((k) => k.start <= t.end && t.start <= k.end)) kept.push(t);
        return [...kept, ...closures.filter((c) => kept.some((t) => t.start <= c.start && c.end <= t.end))];
      });
    fc.assert(
      fc.property(calendar, dateIn("2030-09-01", "2031-08-31"), n, (entries, s, k) => {
        expect(validateEntries(entries)).toEqual([]);
        const c = schoolCalendar(entries);
        let result: string | undefined;
        try {
          result = c.addSchoolWeeks(s, k);
        } catch (e) {
          expect(e).toBeInstanceOf(CalendarGapError);
        }
        if (result === undefined) {
          // Fewer than k school weeks begin after s within 2030/31 (the last Monday of it is 25 August 2031).
          expect(schoolWeeksBegunIn(c, s, "2031-08-25")).toBeLessThan(k);
        } else {
          expect(schoolWeeksBegunIn(c, s, result)).toBe(k);
          expect(weekday(result)).toBe(weekday(s));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("validateEntries", () => {
  const good: CalendarEntry[] = [
    { kind: "term", start: "2025-09-03", end: "2025-10-24", name: "Autumn 1" },
    { kind: "closure", start: "2025-10-24", end: "2025-10-24", name: "INSET day" },
  ];

  it("accepts the demo calendar", () => {
    expect(validateEntries(DEMO_CALENDAR_ENTRIES_2025_27)).toEqual([]);
    expect(validateEntries(good)).toEqual([]);
  });

  it.each([
    [
      { kind: "holiday", start: "2025-11-03", end: "2025-12-19", name: "Autumn 2" },
      'Row 3: kind must be "term" or "closure", not "holiday".',
    ],
    [
      { kind: "term", start: "2025-11-31", end: "2025-12-19", name: "Autumn 2" },
      'Row 3: start date "2025-11-31" is not a real date; write dates as YYYY-MM-DD, for example 2025-09-03.',
    ],
    [
      { kind: "term", start: "2025-11-03", end: "19/12/2025", name: "Autumn 2" },
      'Row 3: end date "19/12/2025" is not a real date; write dates as YYYY-MM-DD',
    ],
    [
      { kind: "term", start: "2025-12-19", end: "2025-11-03", name: "Autumn 2" },
      "Row 3: end date 3 November 2025 is before start date 19 December 2025; the end must be on or after the start.",
    ],
    [
      { kind: "term", start: "2025-11-03", end: "2025-12-19", name: "  " },
      'Row 3: name is empty; give every term and closure a name, for example "Autumn 1" or "INSET day".',
    ],
    [
      { kind: "closure", start: "2025-10-27", end: "2025-10-27", name: "Strike" },
      'Row 3: closure "Strike" (27 October 2025 to 27 October 2025) is not inside any term; a closure must fall entirely within one term\'s dates.',
    ],
    [{ kind: "closure", start: "2025-10-23", end: "2025-10-28", name: "Strike" }, "is not inside any term"],
    [
      { kind: "term", start: "2025-10-20", end: "2025-12-19", name: "Autumn 2" },
      'Row 3: term "Autumn 2" (20 October 2025 to 19 December 2025) overlaps term "Autumn 1" (3 September 2025 to 24 October 2025) on row 1; terms must not overlap.',
    ],
    [
      { kind: "term", start: "2026-07-20", end: "2026-09-04", name: "Summer school" },
      'Row 3: term "Summer school" crosses 1 September, the start of the academic year',
    ],
  ])("reports %o on its row", (row, message) => {
    const problems = validateEntries([...good, row]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.row).toBe(3);
    expect(problems[0]?.message).toContain(message);
  });

  it("reports every problem of a row, in row order", () => {
    const problems = validateEntries([
      { kind: "half-term", start: "2025-13-01", end: "2025-09-01", name: "" },
      ...good,
    ]);
    expect(problems.map((p) => p.row)).toEqual([1, 1, 1]);
    expect(problems.map((p) => p.message).join(" ")).toMatch(/kind must be.*start date "2025-13-01".*name is empty/);
  });

  it("makes schoolCalendar refuse bad rows", () => {
    const bad: CalendarEntry[] = [...good, { kind: "term", start: "2025-10-01", end: "2025-10-31", name: "Clash" }];
    expect(() => schoolCalendar(bad)).toThrow(InvalidCalendarError);
    try {
      schoolCalendar(bad);
    } catch (e) {
      expect((e as InvalidCalendarError).problems).toEqual(validateEntries(bad));
    }
  });
});

describe("parseCalendarCsv", () => {
  it("reads a calendar, with quoted names, CRLF line ends and trailing blank lines", () => {
    const text =
      'kind,start,end,name\r\nterm,2025-09-03,2025-10-24,"Autumn 1, first half"\r\n' +
      'Closure, 2025-10-24 ,2025-10-24,"INSET day ""staff training"""\r\n\r\n\r\n';
    expect(parseCalendarCsv(text)).toEqual({
      entries: [
        { kind: "term", start: "2025-09-03", end: "2025-10-24", name: "Autumn 1, first half" },
        { kind: "closure", start: "2025-10-24", end: "2025-10-24", name: 'INSET day "staff training"' },
      ],
      errors: [],
    });
  });

  it("round-trips the demo calendar", () => {
    const csv = [
      "kind,start,end,name",
      ...DEMO_CALENDAR_ENTRIES_2025_27.map((e) => `${e.kind},${e.start},${e.end},"${e.name}"`),
    ].join("\n");
    expect(parseCalendarCsv(`${csv}\n`)).toEqual({ entries: [...DEMO_CALENDAR_ENTRIES_2025_27], errors: [] });
  });

  it("needs the header on the first line", () => {
    expect(parseCalendarCsv("type,from,to,name\nterm,2025-09-03,2025-10-24,Autumn 1\n")).toEqual({
      entries: [],
      errors: [{ line: 1, message: 'Line 1: the first line must be the header "kind,start,end,name".' }],
    });
    expect(parseCalendarCsv("\n\n").errors[0]?.message).toContain("the file is empty");
  });

  it("reports bad rows by the line a text editor shows, and imports nothing", () => {
    const text = [
      "kind,start,end,name", // line 1
      "term,2025-09-03,2025-10-24,Autumn 1", // line 2
      "", // line 3: blank, ignored
      "term,2025-11-03,2025-12-19,Autumn 2,extra", // line 4: five fields
      'term,2026-01-05,2026-02-13,"Spring 1', // line 5: unclosed quote
      "closure,2025-10-27,2025-10-27,Half-term strike", // line 6: outside every term
      "term,2025-10-01,2025-10-20,Clash", // line 7: overlaps line 2
      "holiday,2026-02-16,2026-02-20,Half-term", // line 8: unknown kind
      "term,2026-02-23,2026-02-30,Spring 2", // line 9: not a real date
      "term,2026-04-13,2026-04-01,Summer 1", // line 10: end before start
      "closure,2025-09-10,2025-09-10,", // line 11: empty name
      "",
    ].join("\n");
    const { entries, errors } = parseCalendarCsv(text);
    expect(entries).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    const message = (line: number) => errors.find((e) => e.line === line)?.message;
    expect(message(4)).toBe(
      "Line 4 has 5 field(s); every row needs 4: kind,start,end,name (put quotes around a name that contains a comma).",
    );
    expect(message(5)).toContain("Line 5: a quoted field is not closed; put quotes around the whole name");
    expect(message(6)).toContain(
      'Line 6: closure "Half-term strike" (27 October 2025 to 27 October 2025) is not inside any term',
    );
    expect(message(7)).toContain('overlaps term "Autumn 1" (3 September 2025 to 24 October 2025) on line 2');
    expect(message(8)).toBe('Line 8: kind must be "term" or "closure", not "holiday".');
    expect(message(9)).toContain('Line 9: end date "2026-02-30" is not a real date; write dates as YYYY-MM-DD');
    expect(message(10)).toContain("Line 10: end date 1 April 2026 is before start date 13 April 2026");
    expect(message(11)).toContain("Line 11: name is empty");
  });
});
