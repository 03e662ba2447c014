import { describe, expect, it } from "vitest";
import { hearingDateProblem } from "./hearings";

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
