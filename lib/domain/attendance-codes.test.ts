import { describe, expect, it } from "vitest";
import {
  categoryOf,
  codeById,
  codeIdOn,
  codeSetOn,
  CODE_SETS,
  countsTowardsPenaltyNotice,
  lookupCode,
  NUMBERED_CODES,
} from "./attendance-codes";

describe("attendance codes by date", () => {
  it("switches sets on 19 August 2024", () => {
    expect(codeSetOn("2024-08-18")).toBe("2006");
    expect(codeSetOn("2024-08-19")).toBe("2024");
  });

  it("moved J (approved activity) to J1 (authorised absence)", () => {
    expect(categoryOf("J", "2024-08-18")).toBe("approved_activity");
    expect(categoryOf("J", "2024-08-19")).toBeUndefined();
    expect(categoryOf("J1", "2024-08-18")).toBeUndefined();
    expect(categoryOf("J1", "2024-08-19")).toBe("authorised");
  });

  it("retired H and Y, and added K, Q, C1, C2 and Y1–Y7", () => {
    for (const retired of ["H", "Y"]) {
      expect(lookupCode(retired, "2024-08-18")).toBeDefined();
      expect(lookupCode(retired, "2024-09-02")).toBeUndefined();
    }
    for (const added of ["K", "Q", "C1", "C2", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7"]) {
      expect(lookupCode(added, "2024-08-18")).toBeUndefined();
      expect(lookupCode(added, "2024-09-02")).toBeDefined();
    }
  });

  it("classifies the statistical categories", () => {
    const on = "2025-10-01";
    expect(categoryOf("/", on)).toBe("present");
    expect(categoryOf("L", on)).toBe("present");
    expect(categoryOf("U", on)).toBe("unauthorised");
    expect(categoryOf("K", on)).toBe("approved_activity");
    expect(categoryOf("I", on)).toBe("authorised");
    expect(categoryOf("D", on)).toBe("not_possible");
    expect(categoryOf("#", on)).toBe("not_possible");
    expect(categoryOf("Q", on)).toBe("not_possible");
  });

  it("has unique codes within each set", () => {
    for (const set of Object.values(CODE_SETS)) {
      expect(new Set(set.map((c) => c.code)).size).toBe(set.length);
    }
  });

  it("counts only G, N, O and U towards a penalty notice", () => {
    expect(["G", "N", "O", "U", "I", "C", "/"].filter(countsTowardsPenaltyNotice)).toEqual(["G", "N", "O", "U"]);
  });
});

describe("store numbers", () => {
  it("number both sets 1 to 60, the 2006 set first, each number standing for one code of one set", () => {
    expect(NUMBERED_CODES.map((c) => c.id)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(NUMBERED_CODES.filter((c) => c.codeSet === "2006").map((c) => c.id)).toEqual(
      Array.from({ length: 26 }, (_, i) => i + 1),
    );
    for (const c of NUMBERED_CODES) expect(codeById(c.id)).toBe(c);
    expect(codeById(0)).toBeUndefined();
    expect(codeById(61)).toBeUndefined();
  });

  it("find a code's number on its date, and none for a code not in force then", () => {
    expect(codeById(codeIdOn("N", "2024-08-18")!)).toMatchObject({ code: "N", codeSet: "2006" });
    expect(codeById(codeIdOn("N", "2024-08-19")!)).toMatchObject({ code: "N", codeSet: "2024" });
    expect(codeIdOn("J1", "2024-08-18")).toBeUndefined();
    expect(codeIdOn("J", "2024-08-19")).toBeUndefined();
    for (const date of ["2023-01-05", "2025-01-05"]) {
      for (const c of NUMBERED_CODES.filter((n) => n.codeSet === codeSetOn(date))) {
        expect(codeIdOn(c.code, date)).toBe(c.id);
        expect(codeById(c.id)!.category).toBe(categoryOf(c.code, date));
      }
    }
  });
});
