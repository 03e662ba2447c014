import { describe, expect, it } from "vitest";
import { checkThreshold, PENALTY_NOTICE_CODES, PENALTY_NOTICE_THRESHOLD } from "./penalty-notice-threshold";

describe("checkThreshold", () => {
  it("uses the national threshold: 10 unauthorised sessions (G, N, O, U) in 10 school weeks", () => {
    expect(PENALTY_NOTICE_THRESHOLD).toEqual({ sessions: 10, schoolWeeks: 10 });
    expect([...PENALTY_NOTICE_CODES]).toEqual(["G", "N", "O", "U"]);
  });

  it("is reached at exactly 10 sessions within 10 school weeks", () => {
    expect(checkThreshold({ unauthorisedSessions: 10, schoolWeeks: 10 })).toEqual({
      reached: true,
      sessions: 10,
      schoolWeeks: 10,
    });
    expect(checkThreshold({ unauthorisedSessions: 14, schoolWeeks: 3 }).reached).toBe(true);
  });

  it("is not reached with 9 sessions, and says how many are needed", () => {
    const result = checkThreshold({ unauthorisedSessions: 9, schoolWeeks: 10 });
    expect(result).toMatchObject({ reached: false, sessions: 9 });
    expect(!result.reached && result.message).toBe(
      "The threshold for a penalty notice is not met: it needs 10 unauthorised sessions in 10 school weeks, and the offence period has 9",
    );
  });

  it("refuses a period longer than 10 school weeks, and one with no school weeks", () => {
    const long = checkThreshold({ unauthorisedSessions: 30, schoolWeeks: 11 });
    expect(!long.reached && long.message).toContain("spans 11 school weeks");
    expect(checkThreshold({ unauthorisedSessions: 30, schoolWeeks: 0 }).reached).toBe(false);
  });

  it("takes another threshold when given one", () => {
    expect(checkThreshold({ unauthorisedSessions: 5, schoolWeeks: 6 }, { sessions: 5, schoolWeeks: 6 }).reached).toBe(
      true,
    );
  });

  it("refuses counts that are not whole numbers", () => {
    expect(() => checkThreshold({ unauthorisedSessions: -1, schoolWeeks: 2 })).toThrow(RangeError);
    expect(() => checkThreshold({ unauthorisedSessions: 1.5, schoolWeeks: 2 })).toThrow(RangeError);
  });
});
