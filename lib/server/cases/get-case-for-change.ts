import "server-only";
import { canChangeCase } from "@/lib/domain/case-rules";
import type { Actor } from "../actor";
import { getCase } from "./get-case";

/**
 * A case for one of its change forms (getCase: scoped, audited, NotFoundError when out of scope), with the reason
 * the actor may not make the change, or null when they may. The change itself re-checks everything (changeCase).
 */
export async function getCaseForChange(actor: Actor, caseId: string, change: "edit" | "reopen" = "edit") {
  const kase = await getCase(actor, caseId, "page");
  const check = canChangeCase(
    { id: actor.id, role: actor.role },
    { assignedOfficerId: kase.assignedOfficer.id, status: kase.status },
    change,
  );
  const refused = !check.ok
    ? check.message
    : change === "reopen" && kase.status !== "closed"
      ? "This case is open, so there is nothing to reopen."
      : null;
  return { kase, refused, pupilName: `${kase.pupil.firstName} ${kase.pupil.lastName}` };
}
