import { describe, expect, it } from "vitest";
import { checkEsoDate, MAX_ESO_MONTHS } from "./education-supervision-orders";

describe("recording an Education Supervision Order", () => {
  it("takes a date from the case's opening to today", () => {
    expect(checkEsoDate("2026-10-01", "2026-10-01", "2026-11-20")).toEqual({ ok: true });
    expect(checkEsoDate("2026-11-20", "2026-10-01", "2026-11-20")).toEqual({ ok: true });
  });
  it("refuses a date in the future, before the case, or not a date", () => {
    expect(checkEsoDate("2026-11-21", "2026-10-01", "2026-11-20")).toEqual({
      ok: false,
      message: "The date the order was made cannot be in the future",
    });
    expect(checkEsoDate("2026-09-30", "2026-10-01", "2026-11-20")).toEqual({
      ok: false,
      message: "The order cannot be dated before the case was opened on 1 October 2026",
    });
    expect(checkEsoDate("2026-02-30", "2026-01-01", "2026-11-20").ok).toBe(false);
  });
  it("lasts at most 3 years", () => {
    expect(MAX_ESO_MONTHS).toBe(36);
  });
});
