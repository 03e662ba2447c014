// Who may change a case, and the check that stops two people overwriting each other's edits.
// Row scope (which authority's cases an actor sees at all) is caseScope's job in lib/server; these rules apply to
// a case already in scope.
import { CLOSED_CASE_READ_ONLY, type CaseState } from "./case-state";
import type { RuleCheck } from "./problems";
import type { Role } from "./roles";

export const NOT_YOUR_CASE = "Only the officer assigned to this case, or a manager, can change it";
export const STALE_VERSION =
  "This case was changed by someone else after you opened it. Reload the page to see " +
  "their changes; nothing you entered has been saved.";

/**
 * Whether `actor` may change `kase`. Managers may change any case in scope and the assigned officer their own;
 * nobody else (other officers, school staff, administrators) may. A closed case is read-only to everyone: the
 * only change allowed on it is `reopen`, by those same people. Whether the change is otherwise possible in the
 * case's state (a reopen of a case that is not closed, say) is transition()'s answer, not this one's.
 */
/** An ordinary change, or reopening a closed case (the one change a closed case allows). */
export type CaseChangeKind = "edit" | "reopen";

export function canChangeCase(
  actor: { id: string; role: Role },
  kase: { assignedOfficerId: string | null; status: CaseState },
  change: CaseChangeKind = "edit",
): RuleCheck {
  const mayChange =
    actor.role === "manager" ||
    (actor.role === "officer" && kase.assignedOfficerId !== null && kase.assignedOfficerId === actor.id);
  if (!mayChange) return { ok: false, message: NOT_YOUR_CASE };
  if (kase.status === "closed" && change !== "reopen") return { ok: false, message: CLOSED_CASE_READ_ONLY };
  return { ok: true };
}

/**
 * Optimistic locking: `expected` is the version the user's form was built from, `actual` the version stored now.
 * Any difference means someone else saved in between, so the change must not be applied.
 */
export function checkVersion(expected: number, actual: number): RuleCheck {
  return expected === actual ? { ok: true } : { ok: false, message: STALE_VERSION };
}
