import { describe, expect, it } from "vitest";
import { academicYearLabel, comparisonFigureSchema } from "./comparison";

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("comparisonFigureSchema", () => {
  const base = { academicYear: "2025", kind: "national", label: "England", source: "" };

  it("takes rates from 0 to 100 with up to 2 decimal places", () => {
    for (const [rate, value] of [
      ["0", 0],
      ["1.02", 1.02],
      ["0.8", 0.8],
      ["100", 100],
    ] as const) {
      expect(comparisonFigureSchema.parse({ ...base, unauthorisedRate: rate }).unauthorisedRate).toBe(value);
    }
    for (const rate of ["", "1.025", "-1", "100.01", "101", "abc", "1,5"]) {
      expect(
        messages(comparisonFigureSchema.safeParse({ ...base, unauthorisedRate: rate })).unauthorisedRate,
        rate,
      ).toMatch(/0 to 100/);
    }
  });

  it("checks the year and kind", () => {
    expect(
      messages(comparisonFigureSchema.safeParse({ ...base, academicYear: "25/26", unauthorisedRate: "1" }))
        .academicYear,
    ).toMatch(/like 2025/);
    expect(
      messages(comparisonFigureSchema.safeParse({ ...base, academicYear: "1989", unauthorisedRate: "1" })).academicYear,
    ).toMatch(/1990/);
    expect(
      messages(comparisonFigureSchema.safeParse({ ...base, kind: "regional", unauthorisedRate: "1" })).kind,
    ).toMatch(/national figure, another authority.s figure or your own target/);
    expect(academicYearLabel(2025)).toBe("2025/26");
    expect(academicYearLabel(1999)).toBe("1999/00");
  });
});
