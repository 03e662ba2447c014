// The life of a case, as one table of state × event (shared/domain.md §4.2, §6.3, §10.7).
//
// A case is opened for one pupil and runs casework (support first) before any window. The officer then starts the
// Fast Track window on the date of the parents' meeting or the warning letter; when the window ends a decision is
// due, taken by the daily job or a person: attendance improved (monitoring) or a prosecution referral. A case can
// be closed from any state that is not closed, always with an outcome and a reason, and a closed case is read-only
// until it is reopened with a reason. Reopening returns the case to `open`; a window already started on the case
// stays on record, and canStartWindow (fast-track-window.ts) refuses a second one.
//
// Decisions are taken only once the window has ended (the decision point is at the window's end): an officer who
// needs to act earlier (the family moved, the pupil left compulsory school age) closes the case instead.
// Flags (at risk, penalty-notice threshold) are not states: they live beside the case.

export const CASE_STATES = ["open", "window_active", "decision_due", "monitoring", "referred", "closed"] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  open: "Open",
  window_active: "Window running",
  decision_due: "Decision due",
  monitoring: "Monitoring",
  referred: "Referred for prosecution",
  closed: "Closed",
};

/** Every state but closed: "a pupil has at most one open case" counts cases in these states. */
export const OPEN_CASE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => s !== "closed");

export const CLOSE_OUTCOMES = [
  "improved",
  "moved_school",
  "left_compulsory_age",
  "referred_elsewhere",
  "other",
] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export const CLOSE_OUTCOME_LABELS: Record<CloseOutcome, string> = {
  improved: "Attendance improved",
  moved_school: "Moved school",
  left_compulsory_age: "Left compulsory school age",
  referred_elsewhere: "Referred elsewhere",
  other: "Other",
};

export const CASE_EVENTS = [
  "startWindow",
  "windowEnded",
  "decideImproved",
  "decideReferred",
  "decideNotReferred",
  "returnToCasework",
  "close",
  "reopen",
] as const;
export type CaseEventType = (typeof CASE_EVENTS)[number];

/** What happened. Closing needs an outcome and a reason, reopening a reason; the others carry nothing. */
export type CaseEvent =
  | { type: "startWindow" }
  | { type: "windowEnded" }
  | { type: "decideImproved" }
  | { type: "decideReferred" }
  /** The window missed its target but the record gives no ground to refer (referral-grounds.ts): the case stays
   * open in monitoring, and the officer is asked to extend the casework, start a new window (a new case, ADR 008)
   * or close it. */
  | { type: "decideNotReferred" }
  /** A manager rejected every prosecution referral on the case and sent it back to the officer: the case is
   * monitored again (shared/domain.md §6.3: support continues where prosecution is not pursued). */
  | { type: "returnToCasework" }
  | { type: "close"; outcome: CloseOutcome; reason: string }
  | { type: "reopen"; reason: string };

export type TransitionResult = { ok: true; state: CaseState } | { ok: false; message: string };

/** Shared with canStartWindow and canChangeCase so that the same refusal reads the same everywhere. */
export const WINDOW_ALREADY_STARTED = "A window has already been started on this case";
export const CLOSED_CASE_READ_ONLY = "A closed case must be reopened before it can be changed";

const NO_WINDOW = "No window has been started on this case";
const NO_DECISION_YET = "There is no decision to make yet: no window has been started on this case";
const WINDOW_RUNNING = "The decision is due when the window ends, and it has not ended yet";
const WINDOW_ALREADY_ENDED = "The window on this case has already ended";
const ALREADY_DECIDED = "The decision on this case has already been made";
const NOT_CLOSED = "Only a closed case can be reopened";
const NOT_REFERRED = "Only a case referred for prosecution can be returned to casework";

type Step = { readonly to: CaseState } | { readonly refused: string };
const to = (state: CaseState): Step => ({ to: state });
const refused = (message: string): Step => ({ refused: message });

/** The whole state machine. Read a row as "in this state, this event …". */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, Readonly<Record<CaseEventType, Step>>>> = {
  open: {
    startWindow: to("window_active"),
    windowEnded: refused(NO_WINDOW),
    decideImproved: refused(NO_DECISION_YET),
    decideReferred: refused(NO_DECISION_YET),
    decideNotReferred: refused(NO_DECISION_YET),
    returnToCasework: refused(NOT_REFERRED),
    close: to("closed"),
    reopen: refused(NOT_CLOSED),
  },
  window_active: {
    startWindow: refused(WINDOW_ALREADY_STARTED),
    windowEnded: to("decision_due"),
    decideImproved: refused(WINDOW_RUNNING),
    decideReferred: refused(WINDOW_RUNNING),
    decideNotReferred: refused(WINDOW_RUNNING),
    returnToCasework: refused(NOT_REFERRED),
    close: to("closed"),
    reopen: refused(NOT_CLOSED),
  },
  decision_due: {
    startWindow: refused(WINDOW_ALREADY_STARTED),
    windowEnded: refused(WINDOW_ALREADY_ENDED),
    decideImproved: to("monitoring"),
    decideReferred: to("referred"),
    decideNotReferred: to("monitoring"),
    returnToCasework: refused(NOT_REFERRED),
    close: to("closed"),
    reopen: refused(NOT_CLOSED),
  },
  monitoring: {
    startWindow: refused(WINDOW_ALREADY_STARTED),
    windowEnded: refused(WINDOW_ALREADY_ENDED),
    decideImproved: refused(ALREADY_DECIDED),
    decideReferred: refused(ALREADY_DECIDED),
    decideNotReferred: refused(ALREADY_DECIDED),
    returnToCasework: refused(NOT_REFERRED),
    close: to("closed"),
    reopen: refused(NOT_CLOSED),
  },
  referred: {
    startWindow: refused(WINDOW_ALREADY_STARTED),
    windowEnded: refused(WINDOW_ALREADY_ENDED),
    decideImproved: refused(ALREADY_DECIDED),
    decideReferred: refused(ALREADY_DECIDED),
    decideNotReferred: refused(ALREADY_DECIDED),
    returnToCasework: to("monitoring"),
    close: to("closed"),
    reopen: refused(NOT_CLOSED),
  },
  closed: {
    startWindow: refused(CLOSED_CASE_READ_ONLY),
    windowEnded: refused(CLOSED_CASE_READ_ONLY),
    decideImproved: refused(CLOSED_CASE_READ_ONLY),
    decideReferred: refused(CLOSED_CASE_READ_ONLY),
    decideNotReferred: refused(CLOSED_CASE_READ_ONLY),
    returnToCasework: refused(CLOSED_CASE_READ_ONLY),
    close: refused(CLOSED_CASE_READ_ONLY),
    reopen: to("open"),
  },
};

/**
 * The state after `event`, or a plain message saying why it cannot happen. The table is checked first, then what
 * the event carries: a close needs one of CLOSE_OUTCOMES and a reason that is not blank, a reopen a reason.
 * Throws RangeError for a state or event type that is not in CASE_STATES / CASE_EVENTS (a programming error, not
 * something a user typed).
 */
export function transition(state: CaseState, event: CaseEvent): TransitionResult {
  const row = (CASE_TRANSITIONS as Partial<Record<string, Readonly<Record<CaseEventType, Step>>>>)[state];
  if (!row) throw new RangeError(`Unknown case state: ${JSON.stringify(state)}`);
  const step = (row as Partial<Record<string, Step>>)[event.type];
  if (!step) throw new RangeError(`Unknown case event: ${JSON.stringify(event.type)}`);
  if ("refused" in step) return { ok: false, message: step.refused };

  if (event.type === "close") {
    if (!(CLOSE_OUTCOMES as readonly string[]).includes(event.outcome)) {
      return {
        ok: false,
        message:
          "Choose the outcome of the case: attendance improved, moved school, left " +
          "compulsory school age, referred elsewhere, or other",
      };
    }
    if (isBlank(event.reason)) return { ok: false, message: "Give the reason for closing the case" };
  }
  if (event.type === "reopen" && isBlank(event.reason)) {
    return { ok: false, message: "Give the reason for reopening the case" };
  }
  return { ok: true, state: step.to };
}

/** The events the table allows in `state` (what the case page may offer), ignoring what the events carry. */
export function eventsAllowedIn(state: CaseState): CaseEventType[] {
  return CASE_EVENTS.filter((e) => "to" in CASE_TRANSITIONS[state][e]);
}

function isBlank(text: string): boolean {
  return typeof text !== "string" || text.trim() === "";
}
