import { describe, expect, it } from "vitest";
import { codeById } from "./attendance-codes";
import { parseMarkHeader, parseMarkRow, type ColumnIndex } from "./register-csv";
import { epochDay } from "./register-tally";

const header = parseMarkHeader(["upn", "date", "session", "code"]);
if (!header.ok) throw new Error("header");
const parse = (line: string, index: ColumnIndex = header.index, width = header.width) =>
  parseMarkRow(line.split(","), index, width);

describe("register CSV", () => {
  it("accepts the header in any order with an optional school_urn", () => {
    const h = parseMarkHeader(["school_urn", "CODE", "session", "date", "upn"]);
    expect(h.ok && h.index).toEqual({ school_urn: 0, code: 1, session: 2, date: 3, upn: 4 });
    expect(parseMarkHeader(["upn", "date", "session"])).toEqual({
      ok: false,
      message: expect.stringContaining("Missing column code"),
    });
    expect(parseMarkHeader(["upn", "date", "session", "code", "mood"])).toEqual({
      ok: false,
      message: expect.stringContaining('Unknown column "mood"'),
    });
  });

  it("parses a good row, deciding the category by the date's code set", () => {
    const good = parse("R201100018042,2025-10-01,PM,J1");
    expect(good).toEqual({
      ok: true,
      row: {
        upn: "R201100018042",
        date: "2025-10-01",
        day: epochDay("2025-10-01"),
        year: 2025,
        session: 1,
        codeId: expect.any(Number),
        schoolUrn: null,
      },
    });
    expect(good.ok && codeById(good.row.codeId)).toMatchObject({ code: "J1", codeSet: "2024", category: "authorised" });
    const older = parse("R201100018042,2024-06-03,am,j");
    expect(older).toMatchObject({ ok: true, row: { session: 0, year: 2023 } });
    expect(older.ok && codeById(older.row.codeId)).toMatchObject({
      code: "J",
      codeSet: "2006",
      category: "approved_activity",
    });
  });

  it("names what is wrong on each kind of bad row", () => {
    expect(parse("B207000016049,2025-10-01,AM,/")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/check letter.*should be P/),
    });
    expect(parse("R201100018042,01/10/2025,AM,/")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Invalid date.*YYYY-MM-DD/),
    });
    expect(parse("R201100018042,2025-02-30,AM,/")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Invalid date/),
    });
    expect(parse("R201100018042,2025-10-01,EVE,/")).toMatchObject({
      ok: false,
      message: 'Invalid session "EVE": use AM or PM',
    });
    expect(parse("R201100018042,2025-10-01,AM,J")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Code "J" is not valid on 1 October 2025.*2024 code set/),
    });
    expect(parse("R201100018042,2024-06-03,AM,K")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/2006 code set/),
    });
    expect(parse("R201100018042,2025-10-01,AM")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expected 4 columns.*found 3/),
    });
  });
});
