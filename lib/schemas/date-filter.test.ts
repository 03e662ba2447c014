import { describe, expect, it } from "vitest";
import { readDateFilter } from "./date-filter";

const boxes = (day: string, month: string, year: string) => ({
  "start-day": day,
  "start-month": month,
  "start-year": year,
});

describe("readDateFilter: one date in a GET form's URL", () => {
  it("reads the GOV.UK date input's three boxes", () => {
    expect(readDateFilter(boxes("6", "12", "2026"), "start", "the start date")).toEqual({
      iso: "2026-12-06",
      error: undefined,
      typed: { day: "6", month: "12", year: "2026" },
    });
  });

  it('reads "6/12/2026" typed whole into the day box, day first', () => {
    expect(readDateFilter(boxes("6/12/2026", "", ""), "start", "the start date").iso).toBe("2026-12-06");
  });

  it("reads the ISO date the page's own links carry, and nothing as nothing", () => {
    expect(readDateFilter({ start: "2026-03-02" }, "start", "the start date")).toEqual({
      iso: "2026-03-02",
      error: undefined,
      typed: undefined,
    });
    expect(readDateFilter({}, "start", "the start date")).toEqual({
      iso: undefined,
      error: undefined,
      typed: undefined,
    });
    expect(readDateFilter(boxes("", "", ""), "start", "the start date").iso).toBeUndefined();
    expect(readDateFilter(boxes("", "", ""), "start", "the start date").error).toBeUndefined();
  });

  it("names the part that is missing or wrong, one message per part, and keeps what was typed", () => {
    const message = (day: string, month: string, year: string) =>
      readDateFilter(boxes(day, month, year), "start", "the start date").error;
    expect(message("", "12", "2026")).toBe("The start date must include a day");
    expect(message("6", "", "2026")).toBe("The start date must include a month");
    expect(message("6", "12", "")).toBe("The start date must include a year");
    expect(message("6", "", "")).toBe("The start date must include a month and year");
    expect(message("31", "11", "2026")).toBe("The start date must be a real date");
    expect(message("6", "13", "2026")).toBe("The start date must be a real date");
    expect(message("6", "12", "26")).toBe("Year must include 4 numbers");
    const wrong = readDateFilter(boxes("31", "11", "2026"), "start", "the start date");
    expect(wrong.iso).toBeUndefined();
    expect(wrong.typed).toEqual({ day: "31", month: "11", year: "2026" });
    expect(readDateFilter({ start: "31/2/2026" }, "start", "the start date").error).toBe(
      "The start date must be a real date",
    );
  });

  it("reads only its own name's values", () => {
    expect(
      readDateFilter({ "from-day": "1", "from-month": "12", "from-year": "2026", start: "2026-12-02" }, "from", "x"),
    ).toMatchObject({ iso: "2026-12-01" });
  });
});
