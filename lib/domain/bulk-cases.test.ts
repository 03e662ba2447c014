import { describe, expect, it } from "vitest";
import {
  caseRefusal,
  checkSelection,
  lettersSummary,
  MAX_BULK_CASES,
  NONE_SELECTED,
  reassignedSummary,
  refusedCasesMessage,
  TOO_MANY_SELECTED,
  unseenCasesMessage,
} from "./bulk-cases";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `case-${i}`);

describe("checkSelection", () => {
  it("refuses an empty selection with a message saying what to do", () => {
    expect(checkSelection([])).toEqual({ ok: false, message: NONE_SELECTED });
  });
  it("accepts one case and up to the maximum", () => {
    expect(checkSelection(ids(1))).toEqual({ ok: true });
    expect(checkSelection(ids(MAX_BULK_CASES))).toEqual({ ok: true });
  });
  it("refuses one more than the maximum", () => {
    expect(checkSelection(ids(MAX_BULK_CASES + 1))).toEqual({ ok: false, message: TOO_MANY_SELECTED });
  });
  it("refuses a case selected twice", () => {
    expect(checkSelection(["a", "b", "a"])).toEqual({ ok: false, message: "Select each case once" });
  });
});

describe("messages", () => {
  it("never says which unseen case exists, and says nothing changed", () => {
    expect(unseenCasesMessage(1, 3)).toBe(
      "1 of the cases selected was not found in your cases. Go back to the queue and select again. Nothing was changed.",
    );
    expect(unseenCasesMessage(2, 3)).toMatch(/^2 of the 3 cases selected were not found/);
  });
  it("counts the refused cases and says nothing changed", () => {
    expect(refusedCasesMessage(1, 1, "be reassigned")).toBe(
      "The case selected cannot be reassigned: untick it or deal with each first. Nothing was changed.",
    );
    expect(refusedCasesMessage(2, 5, "get this letter")).toBe(
      "2 of the 5 cases selected cannot get this letter: untick them or deal with each first. Nothing was changed.",
    );
  });
  it("names the pupil before the reason", () => {
    expect(caseRefusal("Ruby Elliott", "The case is closed ")).toBe("Ruby Elliott: The case is closed");
  });
  it("summarises what was done", () => {
    expect(reassignedSummary(3, 0, "Sam Patel")).toBe("3 cases reassigned to Sam Patel");
    expect(reassignedSummary(1, 1, "Sam Patel")).toBe("1 case reassigned to Sam Patel (1 was already theirs)");
    expect(lettersSummary(7, 4)).toBe("7 letters recorded as sent for 4 cases");
    expect(lettersSummary(1, 1)).toBe("1 letter recorded as sent for 1 case");
  });
});
