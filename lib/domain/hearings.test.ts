import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hearingDateProblem,
  hearingDayProblem,
  hearingStage,
  hearingTimeProblem,
  isoWeekday,
  outcomeDateProblem,
} from "./hearings";

describe("hearingDateProblem", () => {
  it("accepts a hearing on the day of approval or later", () => {
    expect(hearingDateProblem("2026-11-20", "2026-11-20")).toBeNull();
    expect(hearingDateProblem("2027-01-04", "2026-11-20")).toBeNull();
  });

  it("refuses a hearing before the approval, naming the approval day", () => {
    expect(hearingDateProblem("2026-11-19", "2026-11-20")).toBe(
      "The hearing date must be on or after 20 November 2026, the day the prosecution was approved",
    );
  });
});

describe("hearingDayProblem: weekdays, a Saturday once confirmed, never a Sunday", () => {
  it("accepts any weekday", () => {
    for (const day of ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]) {
      expect(hearingDayProblem(day, false)).toBeNull();
    }
  });

  it("refuses a Sunday, whatever is confirmed", () => {
    expect(hearingDayProblem("2026-12-06", false)).toEqual({
      field: "hearingDate",
      message: "6 December 2026 is a Sunday: magistrates' courts do not sit on Sundays. Enter the date of the hearing",
    });
    expect(hearingDayProblem("2026-12-06", true)?.field).toBe("hearingDate");
  });

  it("asks for confirmation of a Saturday sitting, and accepts it once confirmed", () => {
    expect(hearingDayProblem("2026-12-05", false)).toEqual({
      field: "saturdayConfirmed",
      message: "5 December 2026 is a Saturday: confirm that the court is sitting that Saturday, or enter a weekday",
    });
    expect(hearingDayProblem("2026-12-05", true)).toBeNull();
  });

  it("refuses a Saturday confirmation for another day", () => {
    expect(hearingDayProblem("2026-12-04", true)?.field).toBe("saturdayConfirmed");
  });

  it("agrees with the calendar on the day of the week (property)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const weekday = d.getUTCDay(); // 0 Sunday … 6 Saturday
        expect(isoWeekday(iso)).toBe(weekday === 0 ? 7 : weekday);
        expect(hearingDayProblem(iso, false) === null).toBe(weekday >= 1 && weekday <= 5);
      }),
    );
  });
});

describe("hearingTimeProblem", () => {
  it("accepts court hours and refuses the night", () => {
    expect(hearingTimeProblem("08:00")).toBeNull();
    expect(hearingTimeProblem("10:00")).toBeNull();
    expect(hearingTimeProblem("18:00")).toBeNull();
    expect(hearingTimeProblem("07:59")).toBe("Enter a time when courts sit, between 8am and 6pm");
    expect(hearingTimeProblem("18:01")).not.toBeNull();
  });
});

describe("outcomeDateProblem: an outcome belongs to a hearing and is dated on or after it", () => {
  const base = { hearingDate: "2026-11-18", adjourned: false, decidedOn: "2026-11-18", today: "2026-11-20" };
  it("accepts the hearing's day or a later one up to today", () => {
    expect(outcomeDateProblem(base)).toBeNull();
    expect(outcomeDateProblem({ ...base, decidedOn: "2026-11-20" })).toBeNull();
  });

  it("refuses an outcome for a hearing still to come (the review finding: 6 December for a hearing on 18 December)", () => {
    expect(
      outcomeDateProblem({ hearingDate: "2026-12-18", adjourned: false, decidedOn: "2026-12-06", today: "2026-12-06" }),
    ).toEqual({
      field: "hearingId",
      message: "The hearing on 18 December 2026 has not taken place yet: record the outcome once it has",
    });
  });

  it("refuses a date before the hearing, a future date and an adjourned hearing", () => {
    expect(outcomeDateProblem({ ...base, decidedOn: "2026-11-17" })).toEqual({
      field: "decidedOn",
      message: "The outcome must be dated on or after the hearing on 18 November 2026",
    });
    expect(outcomeDateProblem({ ...base, decidedOn: "2026-11-21" })?.field).toBe("decidedOn");
    expect(outcomeDateProblem({ ...base, adjourned: true })?.message).toMatch(/was adjourned/);
  });
});

describe("hearingStage: upcoming and awaiting outcome", () => {
  const h = (id: string, date: string) => ({ id, date, createdAt: `${date}T09:00:00Z` });
  const today = "2026-11-20";
  it("lists hearings from today on as upcoming while there is no outcome", () => {
    const referral = { hasOutcome: false, hearings: [h("a", "2026-11-20"), h("b", "2026-12-01")] };
    expect(hearingStage(h("a", "2026-11-20"), referral, today)).toBe("upcoming");
    expect(hearingStage(h("b", "2026-12-01"), referral, today)).toBe("upcoming");
  });

  it("lists the latest past hearing as awaiting its outcome, and no earlier one", () => {
    const referral = { hasOutcome: false, hearings: [h("a", "2026-11-02"), h("b", "2026-11-16")] };
    expect(hearingStage(h("b", "2026-11-16"), referral, today)).toBe("awaiting_outcome");
    expect(hearingStage(h("a", "2026-11-02"), referral, today)).toBe("none");
  });

  it("lists nothing once the outcome is recorded, and a past hearing is not awaiting while a later one is listed", () => {
    expect(hearingStage(h("a", "2026-11-16"), { hasOutcome: true, hearings: [h("a", "2026-11-16")] }, today)).toBe(
      "none",
    );
    const listed = { hasOutcome: false, hearings: [h("a", "2026-11-16"), h("b", "2026-11-30")] };
    expect(hearingStage(h("a", "2026-11-16"), listed, today)).toBe("none");
  });

  it("picks one latest hearing whatever order the hearings come in, when two share their day and recording time", () => {
    for (const hearings of [
      [h("a", "2026-11-16"), h("b", "2026-11-16")],
      [h("b", "2026-11-16"), h("a", "2026-11-16")],
    ]) {
      const referral = { hasOutcome: false, hearings };
      expect(hearingStage(h("b", "2026-11-16"), referral, today)).toBe("awaiting_outcome");
      expect(hearingStage(h("a", "2026-11-16"), referral, today)).toBe("none");
    }
  });
});
