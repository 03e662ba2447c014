import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoToParts, readDateParts, readDateText, splitDateText } from "./date-input";

const label = "the date of the visit";

describe("readDateParts", () => {
  it("reads the three boxes", () => {
    expect(readDateParts({ day: "6", month: "12", year: "2026" }, label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateParts({ day: "06", month: "Dec", year: "2026" }, label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateParts({ day: " 6 ", month: "december", year: "2026" }, label)).toEqual({
      ok: true,
      iso: "2026-12-06",
    });
  });

  it('accepts the whole date typed into one box, day first ("6/12/2026" is 6 December)', () => {
    expect(readDateParts({ day: "6/12/2026", month: "", year: "" }, label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateParts({ day: "", month: "", year: "6-12-2026" }, label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateParts({ day: "6 December 2026", month: "", year: "" }, label)).toEqual({
      ok: true,
      iso: "2026-12-06",
    });
  });

  it("says what is missing, in GOV.UK's words", () => {
    expect(readDateParts({ day: "", month: "", year: "" }, label)).toEqual({
      ok: false,
      message: "Enter the date of the visit",
    });
    expect(readDateParts({ day: "6", month: "", year: "2026" }, label)).toEqual({
      ok: false,
      message: "The date of the visit must include a month",
    });
    expect(readDateParts({ day: "", month: "12", year: "" }, label)).toEqual({
      ok: false,
      message: "The date of the visit must include a day and year",
    });
  });

  it("refuses dates that do not exist and short years", () => {
    expect(readDateParts({ day: "30", month: "2", year: "2027" }, label)).toEqual({
      ok: false,
      message: "The date of the visit must be a real date",
    });
    expect(readDateParts({ day: "6", month: "13", year: "2026" }, label).ok).toBe(false);
    expect(readDateParts({ day: "6", month: "12", year: "26" }, label)).toEqual({
      ok: false,
      message: "Year must include 4 numbers",
    });
    expect(readDateParts({ day: "six", month: "12", year: "2026" }, label).ok).toBe(false);
  });
});

describe("readDateText", () => {
  it("reads the API's ISO dates and typed text", () => {
    expect(readDateText("2026-12-06", label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateText("6/12/2026", label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateText("6.12.2026", label)).toEqual({ ok: true, iso: "2026-12-06" });
    expect(readDateText("6th Dec 2026", label)).toEqual({ ok: true, iso: "2026-12-06" });
  });

  it("refuses what is not a date", () => {
    expect(readDateText("", label)).toEqual({ ok: false, message: "Enter the date of the visit" });
    expect(readDateText("next Tuesday", label).ok).toBe(false);
    expect(splitDateText("12/2026")).toBeNull();
  });

  it("reads back every real date it writes (property)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(readDateParts({ ...isoToParts(iso) }, label)).toEqual({ ok: true, iso });
        const [y, m, day] = iso.split("-").map(Number) as [number, number, number];
        expect(readDateText(`${day}/${m}/${y}`, label)).toEqual({ ok: true, iso });
      }),
    );
  });
});
