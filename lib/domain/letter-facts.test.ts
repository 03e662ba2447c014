import { describe, expect, it } from "vitest";
import {
  DEFAULT_FIGURES_WEEKS,
  describeSessionDates,
  FIGURES_BASIS,
  fieldInWords,
  KIND_FIELDS,
  kindFieldProblems,
  letterPeriods,
  warningCaution,
} from "./letter-facts";
import { DEFAULT_TEMPLATES, LETTER_KINDS, mergeFieldsIn } from "./letters";
import { DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "./school-calendar";

const entries = DEMO_CALENDAR_ENTRIES_2025_27;
const calendar = schoolCalendar(entries);
const periods = (kind: (typeof LETTER_KINDS)[number], sentOn: string, extra: Record<string, unknown> = {}) =>
  letterPeriods({ kind, sentOn, calendar, entries, window: null, ...extra });

describe("letterPeriods: the facts a letter quotes", () => {
  it("quotes the last 6 school weeks and this term to date, both ending the day before an invitation or warning", () => {
    expect(DEFAULT_FIGURES_WEEKS).toBe(6);
    for (const kind of ["warning", "meeting_invitation"] as const) {
      const p = periods(kind, "2026-12-07");
      expect(p.ok).toBe(true);
      if (!p.ok) continue;
      expect(p.main.to).toBe("2026-12-06");
      expect(p.main).toEqual(calendar.lastSchoolWeeks("2026-12-06", 6));
      expect(p.term?.to).toBe("2026-12-06");
      // The autumn term's first day in the demo calendar.
      const autumn = entries.find((e) => e.kind === "term" && e.start <= "2026-12-06" && e.end >= "2026-12-06")!;
      expect(p.term?.from).toBe(autumn.start);
    }
  });

  it("in a holiday, quotes the term just ended", () => {
    const p = periods("warning", "2026-10-28");
    expect(p).toMatchObject({ ok: true, term: { from: "2026-09-02", to: "2026-10-23" } });
  });

  it("never includes the letter's own day, and follows the template's number of weeks", () => {
    const p = periods("warning", "2026-11-20", { weeks: 2 });
    expect(p).toMatchObject({ ok: true, main: calendar.lastSchoolWeeks("2026-11-19", 2) });
    if (p.ok) expect(p.main.to).toBe("2026-11-19");
    expect(() => periods("warning", "2026-11-20", { weeks: 0 })).toThrow(RangeError);
    expect(() => periods("warning", "2026-11-20", { weeks: 40 })).toThrow(RangeError);
    expect(() => periods("warning", "2026-11-20", { weeks: 2.5 })).toThrow(RangeError);
  });

  it("quotes the window so far for a review or final warning, up to the day before the letter or the window's end", () => {
    const window = { start: "2026-11-02", end: "2027-02-19" };
    expect(FIGURES_BASIS.review).toBe("window_so_far");
    expect(periods("review", "2026-11-20", { window })).toEqual({
      ok: true,
      main: { from: "2026-11-02", to: "2026-11-19" },
      term: null,
    });
    expect(periods("final_warning", "2027-03-01", { window })).toEqual({
      ok: true,
      main: { from: "2026-11-02", to: "2027-02-19" },
      term: null,
    });
    expect(periods("review", "2026-11-20")).toEqual({ ok: false, reason: "no_window" });
    expect(periods("review", "2026-11-02", { window })).toEqual({ ok: false, reason: "window_not_begun" });
  });
});

describe("describeSessionDates", () => {
  it("lists each day once, in order, with the sessions missed", () => {
    expect(
      describeSessionDates([
        { date: "2026-11-06", session: "PM" },
        { date: "2026-11-02", session: "PM" },
        { date: "2026-11-02", session: "AM" },
        { date: "2026-11-03", session: "AM" },
      ]),
    ).toBe(
      "Monday 2 November 2026 (morning and afternoon), Tuesday 3 November 2026 (morning), Friday 6 November 2026 (afternoon)",
    );
    expect(describeSessionDates([])).toBe("none");
  });
});

describe("merge fields each kind of letter can know", () => {
  it("accepts every built-in template for its own kind", () => {
    for (const kind of LETTER_KINDS) expect(kindFieldProblems(kind, DEFAULT_TEMPLATES[kind]), kind).toEqual([]);
  });

  it("refuses window fields in an invitation, meeting fields outside one, and term figures in a review", () => {
    expect(kindFieldProblems("meeting_invitation", { subject: "x", body: "Hello\nFrom {{case.windowStart}}" })).toEqual(
      [
        {
          field: "body",
          message:
            "{{case.windowStart}} on line 2 cannot be used in this kind of letter: an invitation is sent before the Fast Track window starts, so it has no window dates or target",
        },
      ],
    );
    expect(kindFieldProblems("warning", { subject: "On {{meeting.date}}", body: "x" })[0]).toMatchObject({
      field: "subject",
    });
    expect(kindFieldProblems("review", { subject: "x", body: "{{figures.termPeriod}}" })[0]?.message).toMatch(
      /a review quotes the window so far, not the term/,
    );
    // Unknown fields are validateTemplate's to name, not this check's.
    expect(kindFieldProblems("review", { subject: "x", body: "{{pupil.shoeSize}}" })).toEqual([]);
  });

  it("uses each built-in template's fields only where the kind can know them", () => {
    for (const kind of LETTER_KINDS) {
      const used = [...mergeFieldsIn(DEFAULT_TEMPLATES[kind].subject), ...mergeFieldsIn(DEFAULT_TEMPLATES[kind].body)];
      for (const use of used) expect(KIND_FIELDS[kind], `${kind}: ${use.key}`).toContain(use.key);
    }
  });

  it("names a field in words, never as a token", () => {
    expect(fieldInWords("case.target")).toBe("the attendance target for the window, in words");
    expect(fieldInWords("case.target")).not.toContain("{{");
  });
});

describe("warningCaution: a warning must state the absence that justifies it", () => {
  const period = { from: "2026-10-05", to: "2026-11-19" };
  const args = { kind: "warning" as const, pupil: "Amelia Bell", period, unauthorised: 0, termUnauthorised: 0 };

  it("cautions when neither the period nor the term so far shows unauthorised absence, naming both", () => {
    expect(warningCaution(args)).toBe(
      "The register shows no unauthorised absence for Amelia Bell from 5 October 2026 to 19 November 2026 or this " +
        "term so far, so this formal warning states no absence that justifies it: check the register is up to " +
        "date, or choose another letter",
    );
    expect(warningCaution({ ...args, termUnauthorised: null })).toMatch(/to 19 November 2026, so this formal/);
  });

  it("says nothing when the period or the term shows unauthorised absence, or for another kind of letter", () => {
    expect(warningCaution({ ...args, unauthorised: 1 })).toBeNull();
    expect(warningCaution({ ...args, termUnauthorised: 2 })).toBeNull();
    for (const kind of LETTER_KINDS.filter((k) => k !== "warning"))
      expect(warningCaution({ ...args, kind })).toBeNull();
  });
});
