import "server-only";
import { canChangeCase, NOT_YOUR_CASE, type CaseChangeKind } from "@/lib/domain/case-rules";
import type { CaseState } from "@/lib/domain/case-state";
import type { Actor } from "../actor";
import { ForbiddenError, ValidationError } from "../errors";

/**
 * canChangeCase, as the server's refusal: not the assigned officer or a manager is ForbiddenError (403 in the API);
 * a closed case is a ValidationError carrying the rule's message. Used by every path that changes a case or
 * something on it (timeline, letters, penalty notices, sibling links).
 */
export function assertMayChangeCase(
  actor: Actor,
  kase: { assignedOfficerId: string; status: string },
  change?: CaseChangeKind,
): void {
  const allowed = canChangeCase(
    actor,
    { assignedOfficerId: kase.assignedOfficerId, status: kase.status as CaseState },
    change,
  );
  if (allowed.ok) return;
  throw allowed.message === NOT_YOUR_CASE
    ? new ForbiddenError(allowed.message)
    : new ValidationError({}, allowed.message);
}
