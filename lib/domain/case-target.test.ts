import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCounts, roundedRates, type SessionCounts } from "./attendance-rates";
import { DEFAULT_TARGET, evaluateTarget, targetProgress, validateTarget, type Target } from "./case-target";

/** Counts with `attended` present sessions and the rest split as given; possible is their sum. */
function counts(present: number, authorised = 0, unauthorised = 0, approvedActivity = 0): SessionCounts {
  return {
    possible: present + authorised + unauthorised + approvedActivity,
    present,
    approvedActivity,
    authorised,
    unauthorised,
  };
}
const pct = (minAttendancePct: number): Target => ({ minAttendancePct, maxUnauthorisedSessions: null });
const maxUnauth = (maxUnauthorisedSessions: number): Target => ({ minAttendancePct: null, maxUnauthorisedSessions });

describe("DEFAULT_TARGET", () => {
  it("is attendance of at least 90% with no limit on unauthorised sessions", () => {
    expect(DEFAULT_TARGET).toEqual({ minAttendancePct: 90, maxUnauthorisedSessions: null });
    expect(Object.isFrozen(DEFAULT_TARGET)).toBe(true);
    expect(validateTarget(DEFAULT_TARGET)).toEqual([]);
  });
});

describe("validateTarget", () => {
  const pctMessage =
    "Minimum attendance must be a percentage from 0 to 100 with at most one decimal place, for " + "example 90 or 92.5";
  const maxMessage = "Maximum unauthorised sessions must be a whole number, 0 or more";

  it.each([0, 0.1, 90, 92.5, 99.9, 100])("accepts a minimum attendance of %s%%", (p) => {
    expect(validateTarget(pct(p))).toEqual([]);
  });

  it.each([-0.1, 100.1, 90.05, 33.333, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses a minimum attendance of %s",
    (p) => {
      expect(validateTarget(pct(p))).toEqual([{ field: "minAttendancePct", message: pctMessage }]);
    },
  );

  it.each([0, 1, 10, 380])("accepts at most %i unauthorised sessions", (n) => {
    expect(validateTarget(maxUnauth(n))).toEqual([]);
  });

  it.each([-1, 2.5, Number.NaN])("refuses %s as a maximum of unauthorised sessions", (n) => {
    expect(validateTarget(maxUnauth(n))).toEqual([{ field: "maxUnauthorisedSessions", message: maxMessage }]);
  });

  it("accepts both parts together", () => {
    expect(validateTarget({ minAttendancePct: 90, maxUnauthorisedSessions: 10 })).toEqual([]);
  });

  it("needs at least one part", () => {
    expect(validateTarget({ minAttendancePct: null, maxUnauthorisedSessions: null })).toEqual([
      {
        field: "minAttendancePct",
        message: "Set a minimum attendance, a maximum number of unauthorised sessions, or both",
      },
    ]);
  });

  it("reports both fields when both are wrong", () => {
    expect(validateTarget({ minAttendancePct: 101, maxUnauthorisedSessions: -2 })).toEqual([
      { field: "minAttendancePct", message: pctMessage },
      { field: "maxUnauthorisedSessions", message: maxMessage },
    ]);
  });

  it("accepts exactly the percentages that are whole tenths from 0 to 100", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (tenths) => {
        expect(validateTarget(pct(tenths / 10))).toEqual([]);
        if (tenths < 1000) expect(validateTarget(pct((tenths + 0.5) / 10))).toHaveLength(1);
      }),
    );
  });
});

describe("evaluateTarget: attendance at the boundary, compared exactly", () => {
  it("90% of 378 possible is 340.2 sessions: 340 attended is not met, 341 is", () => {
    expect(evaluateTarget(DEFAULT_TARGET, counts(340, 30, 8))).toEqual({
      met: false,
      attendancePct: 89.9,
      unauthorised: 8,
      reasons: ["Attendance was 89.9% (340 of 378 possible sessions); the target of at least 90% needs 341"],
    });
    expect(evaluateTarget(DEFAULT_TARGET, counts(341, 29, 8))).toEqual({
      met: true,
      attendancePct: 90.2,
      unauthorised: 8,
      reasons: [],
    });
  });

  it("exactly 90.0% is met, 89.9% is not", () => {
    expect(evaluateTarget(DEFAULT_TARGET, counts(900, 100)).met).toBe(true);
    expect(evaluateTarget(DEFAULT_TARGET, counts(899, 101))).toMatchObject({ met: false, attendancePct: 89.9 });
  });

  it("does not let rounding for display meet the target: 1799 of 2000 is 89.95%, shown as 90.0%", () => {
    expect(evaluateTarget(DEFAULT_TARGET, counts(1799, 201))).toEqual({
      met: false,
      attendancePct: 90,
      unauthorised: 0,
      reasons: ["Attendance was 90.0% (1799 of 2000 possible sessions); the target of at least 90% needs 1800"],
    });
  });

  it("a target with a decimal: 92.5% of 120 is exactly 111", () => {
    expect(evaluateTarget(pct(92.5), counts(111, 9)).met).toBe(true);
    expect(evaluateTarget(pct(92.5), counts(110, 10)).reasons).toEqual([
      "Attendance was 91.7% (110 of 120 possible sessions); the target of at least 92.5% needs 111",
    ]);
  });

  it("counts approved educational activity as attendance", () => {
    expect(evaluateTarget(DEFAULT_TARGET, counts(80, 10, 0, 10))).toMatchObject({ met: true, attendancePct: 90 });
  });

  it("0% is met by any possible sessions; 100% needs every one attended", () => {
    expect(evaluateTarget(pct(0), counts(0, 0, 10)).met).toBe(true);
    expect(evaluateTarget(pct(100), counts(119, 1)).met).toBe(false);
    expect(evaluateTarget(pct(100), counts(120)).met).toBe(true);
  });
});

describe("evaluateTarget: unauthorised sessions at the boundary", () => {
  it("exactly N is met, N + 1 is not", () => {
    expect(evaluateTarget(maxUnauth(10), counts(100, 0, 10))).toEqual({
      met: true,
      attendancePct: 90.9,
      unauthorised: 10,
      reasons: [],
    });
    expect(evaluateTarget(maxUnauth(10), counts(100, 0, 11))).toEqual({
      met: false,
      attendancePct: 90.1,
      unauthorised: 11,
      reasons: ["There were 11 unauthorised sessions; the target allows no more than 10"],
    });
  });

  it("a limit of 0 allows none", () => {
    expect(evaluateTarget(maxUnauth(0), counts(100, 5, 0)).met).toBe(true);
    expect(evaluateTarget(maxUnauth(0), counts(100, 5, 1)).reasons).toEqual([
      "There was 1 unauthorised session; the target allows no more than 0",
    ]);
  });

  it("with both parts, both must hold, and each miss is a reason", () => {
    const both: Target = { minAttendancePct: 90, maxUnauthorisedSessions: 10 };
    expect(evaluateTarget(both, counts(95, 0, 5)).met).toBe(true);
    expect(evaluateTarget(both, counts(190, 0, 11)).reasons).toEqual([
      "There were 11 unauthorised sessions; the target allows no more than 10",
    ]);
    expect(evaluateTarget(both, counts(80, 15, 5)).reasons).toEqual([
      "Attendance was 80.0% (80 of 100 possible sessions); the target of at least 90% needs 90",
    ]);
    expect(evaluateTarget(both, counts(80, 0, 20)).reasons).toHaveLength(2);
  });
});

describe("evaluateTarget: nothing to judge, and bad input", () => {
  it("is not met when there were no possible sessions, whatever the target", () => {
    const none = {
      met: false,
      attendancePct: null,
      unauthorised: 0,
      reasons: ["No possible sessions in the window, so the target cannot be judged"],
    };
    expect(evaluateTarget(DEFAULT_TARGET, counts(0))).toEqual(none);
    expect(evaluateTarget(maxUnauth(10), counts(0))).toEqual(none);
  });

  it("throws for an invalid target or counts", () => {
    expect(() => evaluateTarget({ minAttendancePct: null, maxUnauthorisedSessions: null }, counts(1))).toThrow(
      RangeError,
    );
    expect(() => evaluateTarget(DEFAULT_TARGET, { ...counts(10), possible: 11 })).toThrow(RangeError);
  });
});

describe("targetProgress", () => {
  it("the worked example: 200 of 230 attended so far", () => {
    // 148 sessions left: 378 possible need 341 attended, 141 more.
    expect(targetProgress(DEFAULT_TARGET, counts(200, 20, 10), 148)).toEqual({
      canStillBeMet: true,
      sessionsToAttend: 141,
      unauthorisedAllowance: null,
      reasons: [],
    });
    // 130 left: 360 possible need 324, 124 more.
    expect(targetProgress(DEFAULT_TARGET, counts(200, 20, 10), 130).sessionsToAttend).toBe(124);
    // 20 left: 250 possible need 225, 25 more than 20.
    expect(targetProgress(DEFAULT_TARGET, counts(200, 20, 10), 20)).toEqual({
      canStillBeMet: false,
      sessionsToAttend: 25,
      unauthorisedAllowance: null,
      reasons: [
        "Even attending all 20 remaining sessions, attendance would be 88.0% (220 of 250 possible sessions); " +
          "the target of at least 90% needs 225",
      ],
    });
  });

  it("at the boundary: needing exactly the sessions left can still be met, one more cannot", () => {
    // 30 of 40 so far, 60 left: 100 possible need 90, so 60 more: every remaining session.
    expect(targetProgress(DEFAULT_TARGET, counts(30, 10), 60)).toMatchObject({
      canStillBeMet: true,
      sessionsToAttend: 60,
    });
    // 29 of 40 so far: 61 more needed of 60.
    expect(targetProgress(DEFAULT_TARGET, counts(29, 11), 60)).toMatchObject({
      canStillBeMet: false,
      sessionsToAttend: 61,
    });
    // One session left.
    expect(targetProgress(DEFAULT_TARGET, counts(8, 2), 1).reasons).toEqual([
      "Even attending the 1 remaining " +
        "session, attendance would be 81.8% (9 of 11 possible sessions); the target of at least 90% needs 10",
    ]);
  });

  it("an attendance part already safe needs no more sessions", () => {
    expect(targetProgress(pct(50), counts(100), 20).sessionsToAttend).toBe(0);
  });

  it("the unauthorised limit: the allowance left, and out of reach once passed", () => {
    expect(targetProgress(maxUnauth(10), counts(50, 0, 7), 40)).toEqual({
      canStillBeMet: true,
      sessionsToAttend: null,
      unauthorisedAllowance: 3,
      reasons: [],
    });
    expect(targetProgress(maxUnauth(10), counts(50, 0, 10), 40)).toMatchObject({
      canStillBeMet: true,
      unauthorisedAllowance: 0,
    });
    expect(targetProgress(maxUnauth(0), counts(50, 0, 1), 40).reasons).toEqual([
      "There has already been 1 unauthorised session; the target allows no more than 0",
    ]);
    expect(targetProgress(maxUnauth(10), counts(50, 0, 11), 40)).toEqual({
      canStillBeMet: false,
      sessionsToAttend: null,
      unauthorisedAllowance: 0,
      reasons: ["There have already been 11 unauthorised sessions; the target allows no more than 10"],
    });
  });

  it("at the start of the window nothing has happened and everything is still possible", () => {
    expect(targetProgress(DEFAULT_TARGET, counts(0), 120)).toEqual({
      canStillBeMet: true,
      sessionsToAttend: 108,
      unauthorisedAllowance: null,
      reasons: [],
    });
  });

  it("with nothing so far and nothing left, it cannot be met", () => {
    expect(targetProgress(DEFAULT_TARGET, counts(0), 0)).toEqual({
      canStillBeMet: false,
      sessionsToAttend: 0,
      unauthorisedAllowance: null,
      reasons: ["No possible sessions in the window, so the target cannot be judged"],
    });
  });

  it.each([-1, 1.5, Number.NaN])("throws for %s sessions remaining", (n) => {
    expect(() => targetProgress(DEFAULT_TARGET, counts(10), n)).toThrow(RangeError);
  });
});

describe("target properties", () => {
  const countsArb = fc
    .record({
      present: fc.nat(400),
      approvedActivity: fc.nat(20),
      authorised: fc.nat(100),
      unauthorised: fc.nat(100),
    })
    .map((c): SessionCounts => ({ ...c, possible: c.present + c.approvedActivity + c.authorised + c.unauthorised }));
  const targetArb = fc
    .record({
      minAttendancePct: fc.option(
        fc.integer({ min: 0, max: 1000 }).map((t) => t / 10),
        { nil: null },
      ),
      maxUnauthorisedSessions: fc.option(fc.nat(120), { nil: null }),
    })
    .filter((t) => t.minAttendancePct !== null || t.maxUnauthorisedSessions !== null);
  const present = (n: number) => counts(n);

  it("agrees with a plain percentage comparison wherever the two are not within a hair of each other", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), countsArb, (tenths, c) => {
        fc.pre(c.possible > 0);
        const rate = ((c.present + c.approvedActivity) / c.possible) * 100;
        fc.pre(Math.abs(rate - tenths / 10) > 1e-9);
        expect(evaluateTarget(pct(tenths / 10), c).met).toBe(rate > tenths / 10);
      }),
      { numRuns: 1000 },
    );
  });

  it("met exactly when there are no reasons; the percentage is the display attendance rate", () => {
    fc.assert(
      fc.property(targetArb, countsArb, (t, c) => {
        const result = evaluateTarget(t, c);
        expect(result.met).toBe(result.reasons.length === 0);
        expect(result.attendancePct).toBe(roundedRates(c).attendanceRate);
        expect(result.unauthorised).toBe(c.unauthorised);
      }),
      { numRuns: 500 },
    );
  });

  it("one more session attended never loses a met target; one more unauthorised never gains one", () => {
    fc.assert(
      fc.property(targetArb, countsArb, (t, c) => {
        fc.pre(c.possible > 0);
        const met = evaluateTarget(t, c).met;
        if (met) expect(evaluateTarget(t, addCounts(c, present(1))).met).toBe(true);
        if (!met) expect(evaluateTarget(t, addCounts(c, counts(0, 0, 1))).met).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("can still be met exactly when attending every remaining session would meet it", () => {
    fc.assert(
      fc.property(targetArb, countsArb, fc.nat(200), (t, c, remaining) => {
        const progress = targetProgress(t, c, remaining);
        expect(progress.canStillBeMet).toBe(evaluateTarget(t, addCounts(c, present(remaining))).met);
        expect(progress.canStillBeMet).toBe(progress.reasons.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it("sessionsToAttend is the fewest: attending that many (the rest authorised absence) meets the part, one fewer does not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        countsArb,
        fc.integer({ min: 1, max: 200 }),
        (tenths, c, remaining) => {
          const target = pct(tenths / 10);
          const { sessionsToAttend: need, canStillBeMet } = targetProgress(target, c, remaining);
          if (need === null) throw new Error("an attendance target always has sessionsToAttend");
          fc.pre(canStillBeMet);
          expect(evaluateTarget(target, addCounts(c, counts(need, remaining - need))).met).toBe(true);
          if (need > 0)
            expect(evaluateTarget(target, addCounts(c, counts(need - 1, remaining - need + 1))).met).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
