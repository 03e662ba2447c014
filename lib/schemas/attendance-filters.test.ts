import { describe, expect, it } from "vitest";
import { rangeFilters } from "./attendance-filters";

const TODAY = "2026-11-20";

describe("rangeFilters", () => {
  it("defaults to 1 September of the academic year to today", () => {
    expect(rangeFilters({}, TODAY)).toMatchObject({ from: "2026-09-01", to: TODAY, errors: [] });
  });
  it("reads the GOV.UK date input's boxes, a date typed whole, and ISO dates from links", () => {
    const boxes = rangeFilters(
      {
        "from-day": "2",
        "from-month": "10",
        "from-year": "2026",
        "to-day": "6/11/2026",
        "to-month": "",
        "to-year": "",
      },
      TODAY,
    );
    expect(boxes).toMatchObject({ from: "2026-10-02", to: "2026-11-06", errors: [] });
    expect(rangeFilters({ from: "2026-10-02", to: "2026-11-06" }, TODAY)).toMatchObject({
      from: "2026-10-02",
      to: "2026-11-06",
    });
    // All three boxes left empty: the default.
    expect(rangeFilters({ "from-day": "", "from-month": "", "from-year": "" }, TODAY).from).toBe("2026-09-01");
  });
  it("names the part that is wrong, keeps what was typed, and refuses a range the wrong way round", () => {
    const bad = rangeFilters({ "from-day": "31", "from-month": "", "from-year": "2026" }, TODAY);
    expect(bad.errors).toEqual([{ field: "from", message: "The from date must include a month" }]);
    expect(bad.typed("from")).toEqual({ day: "31", month: "", year: "2026" });
    expect(rangeFilters({ from: "2026-13-01" }, TODAY).errors).toEqual([
      { field: "from", message: "The from date must be a real date" },
    ]);
    expect(rangeFilters({ from: "2026-11-20", to: "2026-09-01" }, TODAY).errors).toEqual([
      { field: "to", message: "The to date must be the same as or after the from date" },
    ]);
  });
});
