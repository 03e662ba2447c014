// Bulk work in the case queues (issue 15 §5): several cases selected in a queue, then reassigned to one officer or
// sent the same kind of letter. All or nothing: a selection with any case that cannot take the change changes no
// case, and the refusal names each case and why, so the officer can untick it and try again.
import type { RuleCheck } from "./problems";

/** At most one queue page (50 rows) at a time: a larger change is a decision to make in smaller steps. */
export const MAX_BULK_CASES = 50;

export const BULK_CASE_ACTIONS = ["reassign", "letters"] as const;
export type BulkCaseAction = (typeof BULK_CASE_ACTIONS)[number];

export const BULK_ACTION_LABELS: Record<BulkCaseAction, string> = {
  reassign: "Reassign the selected cases",
  letters: "Send the same letter to the selected cases",
};

export const NONE_SELECTED = "Select at least one case: tick the box beside each case you want to change";
export const TOO_MANY_SELECTED = `Select ${MAX_BULK_CASES} cases or fewer at a time`;
export const NOTHING_CHANGED = "Nothing was changed.";

/** The size of a selection: at least one case, at most MAX_BULK_CASES, each case once. */
export function checkSelection(caseIds: readonly string[]): RuleCheck {
  if (caseIds.length === 0) return { ok: false, message: NONE_SELECTED };
  if (new Set(caseIds).size !== caseIds.length) return { ok: false, message: "Select each case once" };
  if (caseIds.length > MAX_BULK_CASES) return { ok: false, message: TOO_MANY_SELECTED };
  return { ok: true };
}

/**
 * Cases selected that the user cannot see (another authority's, closed and gone, or never there): said without
 * telling which exist, since a case outside the user's scope is never hinted at.
 */
export function unseenCasesMessage(unseen: number, selected: number): string {
  const which = unseen === 1 ? "1 of the cases selected was" : `${unseen} of the ${selected} cases selected were`;
  return `${which} not found in your cases. Go back to the queue and select again. ${NOTHING_CHANGED}`;
}

/** The form's message when some selected cases refuse the change; each case's own reason is listed with it. */
export function refusedCasesMessage(refused: number, selected: number, what: string): string {
  const which =
    refused === 1 && selected === 1
      ? "The case selected"
      : refused === 1
        ? `1 of the ${selected} cases selected`
        : `${refused} of the ${selected} cases selected`;
  return `${which} cannot ${what}: untick ${refused === 1 ? "it" : "them"} or deal with each first. ${NOTHING_CHANGED}`;
}

/** One case's reason, as listed under the form's message: the pupil first, so the officer finds the row. */
export function caseRefusal(pupil: string, message: string): string {
  return `${pupil}: ${message.replace(/\s+$/, "")}`;
}

/** "3 cases reassigned to Sam Patel (1 was already theirs)". */
export function reassignedSummary(moved: number, unchanged: number, officer: string): string {
  const head = `${moved} ${moved === 1 ? "case" : "cases"} reassigned to ${officer}`;
  if (unchanged === 0) return head;
  return `${head} (${unchanged} ${unchanged === 1 ? "was" : "were"} already theirs)`;
}

/** "7 letters sent for 4 cases". */
export function lettersSummary(letters: number, cases: number): string {
  return `${letters} ${letters === 1 ? "letter" : "letters"} recorded as sent for ${cases} ${cases === 1 ? "case" : "cases"}`;
}
