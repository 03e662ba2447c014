import { describe, expect, it } from "vitest";
import { currentSenProvision, fsmEligibleOn, fsmGroup, senGroup } from "./pupil-characteristics";

describe("SEN provision from the CTF's SEN history", () => {
  it("takes the latest period", () => {
    expect(
      currentSenProvision([
        { startDate: "2022-09-01", provision: "K" },
        { startDate: "2025-01-10", provision: "E" },
        { startDate: null, provision: "N" },
      ]),
    ).toEqual({ provision: "E", since: "2025-01-10" });
  });
  it("ignores codes it does not know, and says nothing without a usable period", () => {
    expect(currentSenProvision([{ startDate: "2025-01-10", provision: "X" }])).toBeNull();
    expect(currentSenProvision([])).toBeNull();
  });
  it("groups the older codes with their successors", () => {
    expect(["E", "S", "K", "A", "P", "N", null, "Q"].map(senGroup)).toEqual([
      "ehc_plan",
      "ehc_plan",
      "sen_support",
      "sen_support",
      "sen_support",
      "none",
      "not_recorded",
      "not_recorded",
    ]);
  });
});

describe("free-school-meals eligibility on a day", () => {
  const day = "2026-11-20";
  it("is eligible when a period covers the day, open-ended or not", () => {
    expect(fsmEligibleOn([{ startDate: "2024-09-01", endDate: null }], day)).toEqual({
      eligible: true,
      since: "2024-09-01",
    });
    expect(fsmEligibleOn([{ startDate: "2026-11-20", endDate: "2026-11-20" }], day)).toEqual({
      eligible: true,
      since: "2026-11-20",
    });
  });
  it("is not eligible when the history covers other days only, and not recorded with no history", () => {
    expect(fsmEligibleOn([{ startDate: "2023-09-01", endDate: "2026-11-19" }], day)).toEqual({
      eligible: false,
      since: null,
    });
    expect(fsmEligibleOn([], day)).toEqual({ eligible: false, since: null });
    expect(fsmEligibleOn(null, day)).toBeNull();
    expect([true, false, null].map(fsmGroup)).toEqual(["eligible", "not_eligible", "not_recorded"]);
  });
});
