import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canStartWindow,
  DEFAULT_WINDOW_SETTINGS,
  InvalidWindowSettingsError,
  planWindow,
  validateWindowSettings,
  windowHasEnded,
  type WindowMilestoneSetting,
  type WindowSettings,
} from "./fast-track-window";
import { CalendarGapError, DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "./school-calendar";

const cal = schoolCalendar(DEMO_CALENDAR_ENTRIES_2025_27);

// Reference date arithmetic, written independently of the modules under test.
const DAY = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => new Date(toMs(iso) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY);
/** 1 = Monday … 7 = Sunday. */
const weekday = (iso: string) => ((new Date(toMs(iso)).getUTCDay() + 6) % 7) + 1;
const mondayOf = (iso: string) => addDays(iso, 1 - weekday(iso));
const isSchoolWeekRef = (date: string) => [0, 1, 2, 3, 4].some((k) => cal.isSchoolDay(addDays(mondayOf(date), k)));
/** Distinct school weeks that share at least one day with [from, to]. */
function schoolWeeksMeeting(from: string, to: string): number {
  let count = 0;
  for (let m = mondayOf(from); m <= to; m = addDays(m, 7)) if (isSchoolWeekRef(m)) count++;
  return count;
}
const dateIn = (from: string, to: string) =>
  fc.integer({ min: 0, max: daysBetween(from, to) }).map((k) => addDays(from, k));

/** The due dates of a plan, keyed by milestone. */
const dues = (plan: ReturnType<typeof planWindow>) => Object.fromEntries(plan.milestones.map((m) => [m.key, m.due]));

describe("DEFAULT_WINDOW_SETTINGS", () => {
  it("is 12 school weeks: action plan at week 4, review at week 6, decision at the end", () => {
    expect(DEFAULT_WINDOW_SETTINGS).toEqual({
      lengthWeeks: 12,
      milestones: [
        { key: "action_plan", label: "Action plan targets due", week: 4 },
        { key: "review", label: "Review", week: 6 },
        { key: "decision", label: "Decision", week: 12 },
      ],
    });
    expect(validateWindowSettings(DEFAULT_WINDOW_SETTINGS)).toEqual([]);
  });

  it("cannot be changed by accident", () => {
    expect(Object.isFrozen(DEFAULT_WINDOW_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WINDOW_SETTINGS.milestones)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WINDOW_SETTINGS.milestones[0])).toBe(true);
  });
});

describe("planWindow with the default settings on the demo calendar", () => {
  it("a window started on a Monday in term, across the October half-term", () => {
    // From Mon 8 Sep 2025, school weeks after the start's week: 15 Sep (1), 22 Sep (2), 29 Sep (3), 6 Oct (4),
    // 13 Oct (5), 20 Oct (6), [27 Oct: half-term], 3 Nov (7), 10 Nov (8), 17 Nov (9), 24 Nov (10), 1 Dec (11),
    // 8 Dec (12). Each part ends the day before: week 4 → Sun 5 Oct, week 6 → Sun 19 Oct, week 12 → Sun 7 Dec.
    const plan = planWindow(cal, "2025-09-08", DEFAULT_WINDOW_SETTINGS);
    expect(plan).toEqual({
      start: "2025-09-08",
      countsFrom: "2025-09-08",
      end: "2025-12-07",
      milestones: [
        { key: "action_plan", label: "Action plan targets due", week: 4, due: "2025-10-05" },
        { key: "review", label: "Review", week: 6, due: "2025-10-19" },
        { key: "decision", label: "Decision", week: 12, due: "2025-12-07" },
      ],
    });
    expect(plan.end).toBe(cal.windowEnd("2025-09-08", 12));
  });

  it("a meeting on a Wednesday: each part ends on a Tuesday", () => {
    // Same weeks as above from Wed 10 Sep 2025: week 4 → Wed 8 Oct, so due Tue 7 Oct; week 6 → Wed 22 Oct, due
    // Tue 21 Oct; week 12 → Wed 10 Dec, so the window ends Tue 9 Dec 2025.
    const plan = planWindow(cal, "2025-09-10", DEFAULT_WINDOW_SETTINGS);
    expect(plan.countsFrom).toBe("2025-09-10");
    expect(plan.end).toBe("2025-12-09");
    expect(dues(plan)).toEqual({ action_plan: "2025-10-07", review: "2025-10-21", decision: "2025-12-09" });
  });

  it("across Christmas and the February half-term", () => {
    // From Mon 1 Dec 2025: 8 Dec (1), 15 Dec (2), [22, 29 Dec: Christmas], 5 Jan (3), 12 Jan (4) → week 4 due
    // Sun 11 Jan 2026; 19 Jan (5), 26 Jan (6) → review due Sun 25 Jan; 2 Feb (7), 9 Feb (8), [16 Feb: half-term],
    // 23 Feb (9), 2 Mar (10), 9 Mar (11), 16 Mar (12) → the window ends Sun 15 Mar 2026.
    const plan = planWindow(cal, "2025-12-01", DEFAULT_WINDOW_SETTINGS);
    expect(plan.end).toBe("2026-03-15");
    expect(dues(plan)).toEqual({ action_plan: "2026-01-11", review: "2026-01-25", decision: "2026-03-15" });
    expect(schoolWeeksMeeting(plan.start, plan.end)).toBe(12);
  });

  it("across the end of the school year", () => {
    // From Mon 8 Jun 2026: 15 Jun (1), 22 Jun (2), 29 Jun (3), 6 Jul (4) → due Sun 5 Jul; 13 Jul (5), 20 Jul (6)
    // → due Sun 19 Jul; [27 Jul – 28 Aug: summer], 31 Aug (7, school from Wed 2 Sep), 7 Sep (8), 14 Sep (9),
    // 21 Sep (10), 28 Sep (11), 5 Oct (12) → the window ends Sun 4 Oct 2026.
    const plan = planWindow(cal, "2026-06-08", DEFAULT_WINDOW_SETTINGS);
    expect(plan.end).toBe("2026-10-04");
    expect(dues(plan)).toEqual({ action_plan: "2026-07-05", review: "2026-07-19", decision: "2026-10-04" });
  });

  it("a milestone whose last school week comes just before the summer is due after it", () => {
    // From Mon 29 Jun 2026: 6 Jul (1), 13 Jul (2), 20 Jul (3), [summer], 31 Aug (4) → the 4-week part (29 Jun,
    // 6, 13, 20 Jul) ends the day before 31 Aug: Sun 30 Aug 2026. 7 Sep (5), 14 Sep (6) → review due Sun 13 Sep.
    // 21 Sep (7), 28 Sep (8), 5 Oct (9), 12 Oct (10), 19 Oct (11), [26 Oct: half-term], 2 Nov (12) → Sun 1 Nov.
    const plan = planWindow(cal, "2026-06-29", DEFAULT_WINDOW_SETTINGS);
    expect(dues(plan)).toEqual({ action_plan: "2026-08-30", review: "2026-09-13", decision: "2026-11-01" });
  });

  it("a window whose 12th school week is the last before the summer ends when school restarts", () => {
    // From Mon 27 Apr 2026: 4 May (1), 11 May (2), 18 May (3), [25 May: half-term], 1 Jun (4), 8 Jun (5),
    // 15 Jun (6), 22 Jun (7), 29 Jun (8), 6 Jul (9), 13 Jul (10), 20 Jul (11), [summer], 31 Aug (12): the window
    // holds the 12 school weeks 27 Apr – 20 Jul and ends Sun 30 Aug 2026, after the holiday.
    const plan = planWindow(cal, "2026-04-27", DEFAULT_WINDOW_SETTINGS);
    expect(plan.end).toBe("2026-08-30");
    expect(schoolWeeksMeeting(plan.start, plan.end)).toBe(12);
    expect(cal.schoolDaysBetween(plan.start, plan.end).at(-1)).toBe("2026-07-22");
  });

  it("a start on an INSET day counts its week: the week has other school days", () => {
    // Mon 3 Nov 2025 is an INSET day in a school week. 10 Nov (1) … 1 Dec (4) → Sun 30 Nov; 8 Dec (5),
    // 15 Dec (6) → Sun 14 Dec; [Christmas], 5 Jan (7), 12 Jan (8), 19 Jan (9), 26 Jan (10), 2 Feb (11),
    // 9 Feb (12) → Sun 8 Feb 2026.
    const plan = planWindow(cal, "2025-11-03", DEFAULT_WINDOW_SETTINGS);
    expect(plan.countsFrom).toBe("2025-11-03");
    expect(plan.end).toBe("2026-02-08");
    expect(dues(plan)).toEqual({ action_plan: "2025-11-30", review: "2025-12-14", decision: "2026-02-08" });
  });
});

describe("a window started in a holiday counts from the next school week", () => {
  it.each([
    ["Monday", "2025-10-27"],
    ["Wednesday", "2025-10-29"],
    ["Saturday", "2025-11-01"],
  ])("a meeting on the half-term %s (%s) gets the same 12 school weeks as one on Monday 3 November", (_day, start) => {
    const plan = planWindow(cal, start, DEFAULT_WINDOW_SETTINGS);
    expect(plan.start).toBe(start);
    expect(plan.countsFrom).toBe("2025-11-03");
    expect(plan.end).toBe("2026-02-08");
    expect(dues(plan)).toEqual({ action_plan: "2025-11-30", review: "2025-12-14", decision: "2026-02-08" });
    expect(schoolWeeksMeeting(plan.start, plan.end)).toBe(12);
  });

  it("whereas the calendar's windowEnd on the holiday Monday itself would give only 11 school weeks", () => {
    // windowEnd counts the start's own week as week 1 even in a holiday: from Mon 27 Oct 2025 it ends Sun 1 Feb
    // 2026, holding the school weeks 3 Nov … 26 Jan: 11 of them.
    expect(cal.windowEnd("2025-10-27", 12)).toBe("2026-02-01");
    expect(schoolWeeksMeeting("2025-10-27", "2026-02-01")).toBe(11);
  });

  it("a meeting on Christmas Eve counts from Monday 5 January 2026", () => {
    // 5 Jan is week 1. After it: 12 Jan (1), 19 Jan (2), 26 Jan (3), 2 Feb (4) → Sun 1 Feb; 9 Feb (5),
    // [16 Feb: half-term], 23 Feb (6) → Sun 22 Feb (the half-term falls inside the review part); 2 Mar (7),
    // 9 Mar (8), 16 Mar (9), 23 Mar (10), [30 Mar, 6 Apr: Easter], 13 Apr (11), 20 Apr (12) → Sun 19 Apr 2026.
    const plan = planWindow(cal, "2025-12-24", DEFAULT_WINDOW_SETTINGS);
    expect(plan.countsFrom).toBe("2026-01-05");
    expect(plan.end).toBe("2026-04-19");
    expect(dues(plan)).toEqual({ action_plan: "2026-02-01", review: "2026-02-22", decision: "2026-04-19" });
  });

  it("a meeting in the summer holiday counts from the first week of the new school year", () => {
    // Mon 10 Aug 2026 → the week of Mon 31 Aug 2026 (school from Wed 2 Sep). After it: 7 Sep (1), 14 Sep (2),
    // 21 Sep (3), 28 Sep (4) → Sun 27 Sep; 5 Oct (5), 12 Oct (6) → Sun 11 Oct; 19 Oct (7), [26 Oct], 2 Nov (8),
    // 9 Nov (9), 16 Nov (10), 23 Nov (11), 30 Nov (12) → Sun 29 Nov 2026.
    const plan = planWindow(cal, "2026-08-10", DEFAULT_WINDOW_SETTINGS);
    expect(plan.countsFrom).toBe("2026-08-31");
    expect(plan.end).toBe("2026-11-29");
    expect(dues(plan)).toEqual({ action_plan: "2026-09-27", review: "2026-10-11", decision: "2026-11-29" });
  });
});

describe("planWindow with an authority's own settings", () => {
  it("an 8-week window with the action plan at week 2 and a review at week 4", () => {
    // From Mon 13 Oct 2025: 20 Oct (1), [27 Oct: half-term], 3 Nov (2) → Sun 2 Nov (half-term inside); 10 Nov (3),
    // 17 Nov (4) → Sun 16 Nov; 24 Nov (5), 1 Dec (6), 8 Dec (7), 15 Dec (8) → Sun 14 Dec 2025.
    const settings: WindowSettings = {
      lengthWeeks: 8,
      milestones: [
        { key: "decision", label: "Case review and decision", week: 8 },
        { key: "review", label: "Review", week: 4 },
        { key: "action_plan", label: "Action plan", week: 2 },
      ],
    };
    const plan = planWindow(cal, "2025-10-13", settings);
    expect(plan.end).toBe("2025-12-14");
    expect(plan.milestones).toEqual([
      { key: "action_plan", label: "Action plan", week: 2, due: "2025-11-02" },
      { key: "review", label: "Review", week: 4, due: "2025-11-16" },
      { key: "decision", label: "Case review and decision", week: 8, due: "2025-12-14" },
    ]);
  });

  it("puts the decision last when another milestone is due the same week", () => {
    const plan = planWindow(cal, "2025-09-08", {
      lengthWeeks: 2,
      milestones: [
        { key: "decision", label: "Decision", week: 2 },
        { key: "review", label: "Review", week: 2 },
      ],
    });
    expect(plan.milestones.map((m) => [m.key, m.due])).toEqual([
      ["review", "2025-09-21"],
      ["decision", "2025-09-21"],
    ]);
  });

  it("a decision-only, 1-week window", () => {
    const plan = planWindow(cal, "2025-09-08", {
      lengthWeeks: 1,
      milestones: [{ key: "decision", label: "D", week: 1 }],
    });
    expect(plan).toEqual({
      start: "2025-09-08",
      countsFrom: "2025-09-08",
      end: "2025-09-14",
      milestones: [{ key: "decision", label: "D", week: 1, due: "2025-09-14" }],
    });
  });

  it("throws InvalidWindowSettingsError, with the problems, for settings that do not validate", () => {
    const bad = { ...DEFAULT_WINDOW_SETTINGS, lengthWeeks: 0 };
    expect(() => planWindow(cal, "2025-09-08", bad)).toThrow(InvalidWindowSettingsError);
    try {
      planWindow(cal, "2025-09-08", bad);
    } catch (error) {
      expect((error as InvalidWindowSettingsError).problems).toEqual(validateWindowSettings(bad));
    }
  });
});

describe("planWindow when the calendar runs out", () => {
  it("passes the calendar's CalendarGapError through unchanged", () => {
    // From Mon 7 Jun 2027 the school weeks run out after w/c 19 Jul; the walk reaches the week of Mon 30 Aug 2027,
    // whose Wednesday 1 September is in 2027/28, which has no terms.
    expect(() => planWindow(cal, "2027-06-07", DEFAULT_WINDOW_SETTINGS)).toThrow(CalendarGapError);
    expect(() => planWindow(cal, "2027-06-07", DEFAULT_WINDOW_SETTINGS)).toThrow(
      "The term calendar has no terms for the 2027/28 academic year (needed for 1 September 2027)",
    );
  });

  it("also when only finding the first school week after a holiday start needs the missing year", () => {
    expect(() => planWindow(cal, "2027-08-02", DEFAULT_WINDOW_SETTINGS)).toThrow(CalendarGapError);
  });

  it("also when the start itself is in a year without terms", () => {
    expect(() => planWindow(cal, "2025-08-26", DEFAULT_WINDOW_SETTINGS)).toThrow(CalendarGapError);
  });

  it("a short window that fits before the gap is planned", () => {
    // From Mon 7 Jun 2027: 14 Jun (1), 21 Jun (2), 28 Jun (3), 5 Jul (4) → Sun 4 Jul 2027.
    const plan = planWindow(cal, "2027-06-07", {
      lengthWeeks: 4,
      milestones: [{ key: "decision", label: "D", week: 4 }],
    });
    expect(plan.end).toBe("2027-07-04");
  });

  it("refuses a start that is not an ISO date", () => {
    expect(() => planWindow(cal, "08/09/2025", DEFAULT_WINDOW_SETTINGS)).toThrow(RangeError);
  });
});

describe("planWindow properties", () => {
  // Starts from which a window of up to 12 school weeks fits inside the demo calendar.
  const start = dateIn("2025-09-01", "2027-03-31");
  const settings = fc.integer({ min: 1, max: 12 }).chain((lengthWeeks) =>
    fc.record({
      lengthWeeks: fc.constant(lengthWeeks),
      milestones: fc
        .tuple(
          fc.option(fc.integer({ min: 1, max: lengthWeeks }), { nil: undefined }),
          fc.option(fc.integer({ min: 1, max: lengthWeeks }), { nil: undefined }),
        )
        .map(([actionPlan, review]) => {
          const list: WindowMilestoneSetting[] = [{ key: "decision", label: "Decision", week: lengthWeeks }];
          if (review !== undefined) list.push({ key: "review", label: "Review", week: review });
          if (actionPlan !== undefined) list.push({ key: "action_plan", label: "Action plan", week: actionPlan });
          return list;
        }),
    }),
  );

  it("milestones are in order, within [start, end], and the decision is due on the last day", () => {
    fc.assert(
      fc.property(start, settings, (s, st) => {
        const plan = planWindow(cal, s, st);
        expect(plan.milestones).toHaveLength(st.milestones.length);
        plan.milestones.forEach((m, i) => {
          expect(m.due >= plan.start && m.due <= plan.end).toBe(true);
          const next = plan.milestones[i + 1];
          if (next) {
            expect(m.week <= next.week).toBe(true);
            expect(m.due <= next.due).toBe(true);
          }
        });
        expect(plan.milestones.at(-1)).toMatchObject({ key: "decision", due: plan.end });
      }),
      { numRuns: 300 },
    );
  });

  it("is counted from the start in a school week, else from the Monday of the next school week", () => {
    fc.assert(
      fc.property(start, settings, (s, st) => {
        const plan = planWindow(cal, s, st);
        if (isSchoolWeekRef(s)) {
          expect(plan.countsFrom).toBe(s);
        } else {
          expect(weekday(plan.countsFrom)).toBe(1);
          expect(isSchoolWeekRef(plan.countsFrom)).toBe(true);
          expect(plan.countsFrom > s).toBe(true);
          expect(schoolWeeksMeeting(s, addDays(plan.countsFrom, -1))).toBe(0);
        }
        expect(plan.end).toBe(cal.windowEnd(plan.countsFrom, st.lengthWeeks));
        for (const m of plan.milestones) expect(m.due).toBe(cal.windowEnd(plan.countsFrom, m.week));
      }),
      { numRuns: 300 },
    );
  });

  it("holds exactly N school weeks when counted from a Monday (every holiday start), N + 1 part-weeks otherwise", () => {
    fc.assert(
      fc.property(start, settings, (s, st) => {
        const plan = planWindow(cal, s, st);
        const fromMonday = weekday(plan.countsFrom) === 1;
        expect(schoolWeeksMeeting(plan.start, plan.end)).toBe(st.lengthWeeks + (fromMonday ? 0 : 1));
        if (fromMonday) expect(weekday(plan.end)).toBe(7);
      }),
      { numRuns: 300 },
    );
  });
});

describe("validateWindowSettings", () => {
  const withMilestones = (lengthWeeks: number, ...milestones: WindowMilestoneSetting[]): WindowSettings => ({
    lengthWeeks,
    milestones,
  });
  const decision = (week: number): WindowMilestoneSetting => ({ key: "decision", label: "Decision", week });

  it.each([0, 53, 12.5, -1, Number.NaN])("refuses a window length of %s", (lengthWeeks) => {
    expect(validateWindowSettings({ ...DEFAULT_WINDOW_SETTINGS, lengthWeeks })).toContainEqual({
      field: "lengthWeeks",
      message: "Window length must be a whole number of school weeks from 1 to 52",
    });
  });

  it.each([1, 52])("accepts a window length of %i", (lengthWeeks) => {
    expect(validateWindowSettings(withMilestones(lengthWeeks, decision(lengthWeeks)))).toEqual([]);
  });

  it.each([0, 13, 2.5])("refuses a review at week %s of a 12-week window", (week) => {
    expect(validateWindowSettings(withMilestones(12, { key: "review", label: "Review", week }, decision(12)))).toEqual([
      { field: "milestones.0.week", message: "Review week must be a whole number from 1 to 12, the window length" },
    ]);
  });

  it("names the action plan week", () => {
    expect(
      validateWindowSettings(withMilestones(12, decision(12), { key: "action_plan", label: "AP", week: 20 })),
    ).toEqual([
      {
        field: "milestones.1.week",
        message: "Action plan week must be a whole number from 1 to 12, the window length",
      },
    ]);
  });

  it("requires the decision at the end of the window", () => {
    expect(validateWindowSettings(withMilestones(12, decision(10)))).toEqual([
      {
        field: "milestones.0.week",
        message: "Decision week must be 12, the end of the window: the decision is taken when the window ends",
      },
    ]);
    expect(validateWindowSettings(withMilestones(12, decision(13)))).toHaveLength(1);
  });

  it("requires a decision milestone", () => {
    expect(validateWindowSettings(withMilestones(12, { key: "review", label: "Review", week: 6 }))).toEqual([
      { field: "milestones", message: "Add a decision milestone at the end of the window (week 12)" },
    ]);
  });

  it("allows each kind of milestone once", () => {
    expect(
      validateWindowSettings(
        withMilestones(
          12,
          { key: "review", label: "Review", week: 4 },
          { key: "review", label: "Second review", week: 8 },
          decision(12),
        ),
      ),
    ).toEqual([
      {
        field: "milestones.1.key",
        message: "There is more than one review milestone; each kind of milestone can appear once",
      },
    ]);
  });

  it("requires a label", () => {
    expect(validateWindowSettings(withMilestones(12, { key: "review", label: "  ", week: 6 }, decision(12)))).toEqual([
      { field: "milestones.0.label", message: "Enter a label for the review milestone" },
    ]);
  });

  it("refuses a kind of milestone it does not know", () => {
    const unknown = { key: "summons", label: "Summons", week: 8 } as unknown as WindowMilestoneSetting;
    expect(validateWindowSettings(withMilestones(12, unknown, decision(12)))).toEqual([
      { field: "milestones.0.key", message: "Milestone 1 must be an action plan, review or decision milestone" },
    ]);
  });

  it("reports every problem at once, and judges milestone weeks without an upper bound when the length is bad", () => {
    expect(
      validateWindowSettings(
        withMilestones(
          60,
          { key: "action_plan", label: "", week: 0 },
          { key: "review", label: "Review", week: 40 },
          decision(60),
        ),
      ),
    ).toEqual([
      { field: "lengthWeeks", message: "Window length must be a whole number of school weeks from 1 to 52" },
      { field: "milestones.0.label", message: "Enter a label for the action plan milestone" },
      { field: "milestones.0.week", message: "Action plan week must be a whole number, 1 or more" },
    ]);
    expect(validateWindowSettings(withMilestones(0))).toEqual([
      { field: "lengthWeeks", message: "Window length must be a whole number of school weeks from 1 to 52" },
      { field: "milestones", message: "Add a decision milestone at the end of the window" },
    ]);
  });
});

describe("canStartWindow", () => {
  const base = {
    caseOpenedOn: "2025-11-03",
    startDate: "2025-11-10",
    windowAlreadyStarted: false,
    today: "2025-11-12",
  };

  it("allows a start between the case's opening and today, both included", () => {
    expect(canStartWindow(base)).toEqual({ ok: true });
    expect(canStartWindow({ ...base, startDate: "2025-11-03" })).toEqual({ ok: true });
    expect(canStartWindow({ ...base, startDate: "2025-11-12" })).toEqual({ ok: true });
  });

  it("allows a back-dated case and window, and a start in a holiday", () => {
    expect(canStartWindow({ ...base, caseOpenedOn: "2025-10-01", startDate: "2025-10-29" })).toEqual({ ok: true });
  });

  it("refuses a second window", () => {
    expect(canStartWindow({ ...base, windowAlreadyStarted: true })).toEqual({
      ok: false,
      message: "A window has already been started on this case",
    });
    expect(canStartWindow({ ...base, windowAlreadyStarted: true, startDate: "2030-01-01" })).toEqual({
      ok: false,
      message: "A window has already been started on this case",
    });
  });

  it("refuses a start before the case was opened", () => {
    expect(canStartWindow({ ...base, startDate: "2025-11-02" })).toEqual({
      ok: false,
      message: "The window cannot start before the case was opened on 3 November 2025",
    });
  });

  it("refuses a start after today", () => {
    expect(canStartWindow({ ...base, startDate: "2025-11-13" })).toEqual({
      ok: false,
      message:
        "The window cannot " +
        "start in the future: enter the date of the meeting or warning letter, on or before today (12 November 2025)",
    });
  });

  it("refuses a start date that is not a real date", () => {
    expect(canStartWindow({ ...base, startDate: "2025-02-30" })).toEqual({
      ok: false,
      message: "Enter the window start date as a real date, for example 2026-03-02",
    });
  });

  it("throws when the opening date or today is not a date (they do not come from the user)", () => {
    expect(() => canStartWindow({ ...base, today: "12/11/2025" })).toThrow(RangeError);
    expect(() => canStartWindow({ ...base, caseOpenedOn: "" })).toThrow(RangeError);
  });
});

describe("windowHasEnded", () => {
  it("is false up to and on the last day, true from the day after", () => {
    const plan = planWindow(cal, "2025-09-08", DEFAULT_WINDOW_SETTINGS);
    expect(windowHasEnded(plan, "2025-09-08")).toBe(false);
    expect(windowHasEnded(plan, "2025-12-07")).toBe(false);
    expect(windowHasEnded(plan, "2025-12-08")).toBe(true);
  });
});
