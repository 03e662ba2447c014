import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CASE_EVENTS,
  CASE_STATES,
  CLOSE_OUTCOMES,
  eventsAllowedIn,
  OPEN_CASE_STATES,
  transition,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
} from "./case-state";

// The expected table, written out in full so that any change to the state machine fails here first.
// A state name means the event is allowed and leads there; any other text is the refusal shown to the user.
const EXPECTED: Record<CaseState, Record<CaseEventType, CaseState | `refused: ${string}`>> = {
  open: {
    startWindow: "window_active",
    windowEnded: "refused: No window has been started on this case",
    decideImproved: "refused: There is no decision to make yet: no window has been started on this case",
    decideReferred: "refused: There is no decision to make yet: no window has been started on this case",
    decideNotReferred: "refused: There is no decision to make yet: no window has been started on this case",
    returnToCasework: "refused: Only a case referred for prosecution can be returned to casework",
    close: "closed",
    reopen: "refused: Only a closed case can be reopened",
  },
  window_active: {
    startWindow: "refused: A window has already been started on this case",
    windowEnded: "decision_due",
    decideImproved: "refused: The decision is due when the window ends, and it has not ended yet",
    decideReferred: "refused: The decision is due when the window ends, and it has not ended yet",
    decideNotReferred: "refused: The decision is due when the window ends, and it has not ended yet",
    returnToCasework: "refused: Only a case referred for prosecution can be returned to casework",
    close: "closed",
    reopen: "refused: Only a closed case can be reopened",
  },
  decision_due: {
    startWindow: "refused: A window has already been started on this case",
    windowEnded: "refused: The window on this case has already ended",
    decideImproved: "monitoring",
    decideReferred: "referred",
    decideNotReferred: "monitoring",
    returnToCasework: "refused: Only a case referred for prosecution can be returned to casework",
    close: "closed",
    reopen: "refused: Only a closed case can be reopened",
  },
  monitoring: {
    startWindow: "refused: A window has already been started on this case",
    windowEnded: "refused: The window on this case has already ended",
    decideImproved: "refused: The decision on this case has already been made",
    decideReferred: "refused: The decision on this case has already been made",
    decideNotReferred: "refused: The decision on this case has already been made",
    returnToCasework: "refused: Only a case referred for prosecution can be returned to casework",
    close: "closed",
    reopen: "refused: Only a closed case can be reopened",
  },
  referred: {
    startWindow: "refused: A window has already been started on this case",
    windowEnded: "refused: The window on this case has already ended",
    decideImproved: "refused: The decision on this case has already been made",
    decideReferred: "refused: The decision on this case has already been made",
    decideNotReferred: "refused: The decision on this case has already been made",
    returnToCasework: "monitoring",
    close: "closed",
    reopen: "refused: Only a closed case can be reopened",
  },
  closed: {
    startWindow: "refused: A closed case must be reopened before it can be changed",
    windowEnded: "refused: A closed case must be reopened before it can be changed",
    decideImproved: "refused: A closed case must be reopened before it can be changed",
    decideReferred: "refused: A closed case must be reopened before it can be changed",
    decideNotReferred: "refused: A closed case must be reopened before it can be changed",
    returnToCasework: "refused: A closed case must be reopened before it can be changed",
    close: "refused: A closed case must be reopened before it can be changed",
    reopen: "open",
  },
};

/** A well-formed event of each type. */
function eventOf(type: CaseEventType): CaseEvent {
  switch (type) {
    case "close":
      return { type, outcome: "moved_school", reason: "Family moved to Leeds; new school informed" };
    case "reopen":
      return { type, reason: "Closed in error" };
    default:
      return { type };
  }
}

describe("case state machine table", () => {
  for (const state of CASE_STATES) {
    for (const event of CASE_EVENTS) {
      const expected = EXPECTED[state][event];
      const refusal = expected.startsWith("refused: ") ? expected.slice("refused: ".length) : null;
      it(`${state} + ${event} → ${expected}`, () => {
        expect(transition(state, eventOf(event))).toEqual(
          refusal === null ? { ok: true, state: expected } : { ok: false, message: refusal },
        );
      });
    }
  }

  it("eventsAllowedIn lists exactly the allowed cells of each row", () => {
    for (const state of CASE_STATES) {
      const allowed = CASE_EVENTS.filter((e) => !EXPECTED[state][e].startsWith("refused: "));
      expect(eventsAllowedIn(state)).toEqual(allowed);
    }
  });

  it("treats every state but closed as open", () => {
    expect(OPEN_CASE_STATES).toEqual(["open", "window_active", "decision_due", "monitoring", "referred"]);
  });
});

describe("what close and reopen carry", () => {
  it.each(CLOSE_OUTCOMES)("closes with the outcome %s", (outcome) => {
    expect(transition("monitoring", { type: "close", outcome, reason: "Attendance 96% over monitoring" })).toEqual({
      ok: true,
      state: "closed",
    });
  });

  it("refuses an outcome that is not one of the list", () => {
    const event = { type: "close", outcome: "prosecuted", reason: "x" } as unknown as CaseEvent;
    expect(transition("open", event)).toEqual({
      ok: false,
      message:
        "Choose the outcome of the case: attendance " +
        "improved, moved school, left compulsory school age, referred elsewhere, or other",
    });
  });

  it.each(["", "   ", "\n\t"])("refuses a blank reason for closing (%j) or reopening", (reason) => {
    expect(transition("open", { type: "close", outcome: "other", reason })).toEqual({
      ok: false,
      message: "Give the reason for closing the case",
    });
    expect(transition("closed", { type: "reopen", reason })).toEqual({
      ok: false,
      message: "Give the reason for reopening the case",
    });
  });

  it("reports the state refusal before a problem with what the event carries", () => {
    expect(transition("closed", { type: "close", outcome: "other", reason: "" })).toEqual({
      ok: false,
      message: "A closed case must be reopened before it can be changed",
    });
    expect(transition("open", { type: "reopen", reason: "" })).toEqual({
      ok: false,
      message: "Only a closed case can be reopened",
    });
  });

  it("throws for a state or event that is not in the lists", () => {
    expect(() => transition("flagged" as CaseState, { type: "startWindow" })).toThrow(RangeError);
    expect(() => transition("open", { type: "summons" } as unknown as CaseEvent)).toThrow(RangeError);
  });
});

describe("case state machine properties", () => {
  const anyEvent = fc.constantFrom(...CASE_EVENTS).map(eventOf);

  it("from any state, any sequence of events keeps the case in a known state, and closed is left only by reopen", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATES), fc.array(anyEvent, { maxLength: 30 }), (start, events) => {
        let state = start;
        for (const event of events) {
          const result = transition(state, event);
          if (state === "closed" && result.ok) expect(event.type).toBe("reopen");
          if (result.ok) state = result.state;
          expect(CASE_STATES).toContain(state);
        }
      }),
    );
  });

  it("the happy paths: open → window → decision → monitoring or referral → closed → reopened", () => {
    const run = (events: CaseEventType[]) =>
      events.reduce<CaseState>((state, type) => {
        const result = transition(state, eventOf(type));
        if (!result.ok) throw new Error(`${state} + ${type}: ${result.message}`);
        return result.state;
      }, "open");
    expect(run(["startWindow", "windowEnded", "decideImproved", "close"])).toBe("closed");
    expect(run(["startWindow", "windowEnded", "decideReferred", "close", "reopen"])).toBe("open");
  });
});
