import { describe, expect, it } from "vitest";
import { onTrack } from "./on-track";

const counts = (possible: number, attended: number, unauthorised = 0) => ({
  possible,
  present: attended,
  approvedActivity: 0,
  authorised: possible - attended - unauthorised,
  unauthorised,
});
const target = { minAttendancePct: 90, maxUnauthorisedSessions: null };

describe("onTrack", () => {
  it("says a running window can still be met while attending every session left would reach the target", () => {
    // 40 of 50 so far, 70 left: 120 possible need 108, 68 more of 70.
    expect(onTrack(target, counts(50, 40), { ended: false, sessionsRemaining: 70 })).toEqual({
      attendancePct: 80,
      unauthorised: 0,
      target,
      verdict: "can_still_be_met",
    });
  });

  it("says it can no longer be met once even perfect attendance falls short, or the unauthorised limit is passed", () => {
    expect(onTrack(target, counts(100, 80), { ended: false, sessionsRemaining: 20 }).verdict).toBe("cannot_be_met");
    const limit = { minAttendancePct: null, maxUnauthorisedSessions: 4 };
    expect(onTrack(limit, counts(20, 15, 5), { ended: false, sessionsRemaining: 100 }).verdict).toBe("cannot_be_met");
    expect(onTrack(limit, counts(20, 16, 4), { ended: false, sessionsRemaining: 100 }).verdict).toBe(
      "can_still_be_met",
    );
  });

  it("judges an ended window by its whole counts", () => {
    expect(onTrack(target, counts(120, 108), { ended: true, sessionsRemaining: null }).verdict).toBe("met");
    expect(onTrack(target, counts(120, 107), { ended: true, sessionsRemaining: null }).verdict).toBe("not_met");
  });

  it("does not guess without the sessions left or any possible session", () => {
    expect(onTrack(target, counts(50, 40), { ended: false, sessionsRemaining: null }).verdict).toBe("not_known");
    expect(onTrack(target, counts(0, 0), { ended: true, sessionsRemaining: null })).toMatchObject({
      attendancePct: null,
      verdict: "not_known",
    });
  });
});
