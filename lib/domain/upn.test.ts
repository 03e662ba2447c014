import { describe, expect, it } from "vitest";
import { checkLetterFor, checkUpn } from "./upn";

// Vectors from shared/ctf-upn.md §2.4.
describe("checkUpn", () => {
  it.each([
    ["R201100018042", false],
    ["T20110001804V", true],
    ["P207000016049", false],
    ["X00180001701A", true],
    ["B801200005001", false],
  ])("accepts %s (temporary: %s)", (upn, temporary) => {
    expect(checkUpn(upn)).toEqual({ ok: true, upn, temporary });
  });

  it.each([
    ["B207000016049", "1510", "should be P"],
    ["A801200005001", "1510", "should be B"],
    ["R201100018024", "1510", "should be U"],
    ["X80120000A001", "1540", "digits"],
    ["T20110001804S", "1550", "other than I, O or S"],
    ["R20110001804", "length", "13 characters (this one has 12)"],
    ["", "1500", "Enter a UPN"],
  ])("rejects %s under rule %s", (upn, rule, message) => {
    const result = checkUpn(upn);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rule).toBe(rule);
      expect(result.message).toContain(message);
    }
  });

  it("normalises case and spaces", () => {
    expect(checkUpn("  r201100018042 ")).toEqual({ ok: true, upn: "R201100018042", temporary: false });
  });

  it("computes the worked check letters", () => {
    expect(checkLetterFor("201100018042")).toBe("R");
    expect(checkLetterFor("20110001804V")).toBe("T");
    expect(checkLetterFor("00180001701A")).toBe("X");
  });
});
