import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvSafe, spreadsheetCsvRow, splitCsvLine } from "./csv";

describe("splitCsvLine", () => {
  it("splits plain and quoted fields", () => {
    expect(splitCsvLine("a,b,,c")).toEqual({ ok: true, fields: ["a", "b", "", "c"] });
    expect(splitCsvLine('term,2025-09-03,2025-10-24,"Autumn 1, first half"')).toEqual({
      ok: true,
      fields: ["term", "2025-09-03", "2025-10-24", "Autumn 1, first half"],
    });
    expect(splitCsvLine('"say ""hi""",x')).toEqual({ ok: true, fields: ['say "hi"', "x"] });
    expect(splitCsvLine("R201100018042,2025-10-01,PM,\\")).toEqual({
      ok: true,
      fields: ["R201100018042", "2025-10-01", "PM", "\\"],
    });
  });
  it("reports unclosed quotes", () => {
    expect(splitCsvLine('"abc,d')).toEqual({ ok: false, message: "a quoted field is not closed" });
    expect(splitCsvLine('"abc"d')).toEqual({ ok: false, message: "a quoted field must be followed by a comma" });
  });
  it("round-trips any fields through csvField", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string().filter((s) => !/[\r\n]/.test(s)),
          { minLength: 1, maxLength: 6 },
        ),
        (fields) => {
          expect(splitCsvLine(fields.map(csvField).join(","))).toEqual({ ok: true, fields });
        },
      ),
    );
  });
});

describe("csvSafe", () => {
  it("defuses values a spreadsheet would run as a formula", () => {
    expect(csvSafe('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    for (const s of ["+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvSafe(s)).toBe(`'${s}`);
    expect(csvSafe("Smith, Ava")).toBe("Smith, Ava");
    expect(csvSafe(-3)).toBe(-3);
    expect(csvSafe(null)).toBe(null);
  });

  it("is applied to every cell of a spreadsheet row", () => {
    expect(spreadsheetCsvRow(["=1+1", "Ava", -2])).toBe("'=1+1,Ava,-2\r\n");
  });
});
