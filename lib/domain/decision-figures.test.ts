import { describe, expect, it } from "vitest";
import { describeFigures, type DecisionFigures } from "./decision-figures";

const figures = (over: Partial<DecisionFigures>): DecisionFigures => ({
  possibleSessions: 120,
  attendedSessions: 105,
  presentSessions: 100,
  approvedActivitySessions: 5,
  authorisedSessions: 6,
  unauthorisedSessions: 9,
  attendancePct: 87.5,
  attendanceTenths: 875,
  target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
  met: false,
  reasons: [],
  ...over,
});

describe("describeFigures", () => {
  it("states attendance as attended of possible, and the unauthorised sessions", () => {
    expect(describeFigures(figures({}))).toBe(
      "attendance 87.5% (105 of 120 possible sessions), 9 unauthorised sessions",
    );
  });

  it("says so when there were no possible sessions, and uses the singular for one session", () => {
    expect(describeFigures(figures({ attendancePct: null, unauthorisedSessions: 1 }))).toBe(
      "no possible sessions, 1 unauthorised session",
    );
  });
});
