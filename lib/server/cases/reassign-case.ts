import "server-only";
import { now, today } from "@/lib/env";
import { reassignCaseSchema, type ReassignCaseInput } from "@/lib/schemas/case";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { changeCase } from "./change-case";
import { checkAssignee } from "./check-assignee";
import { parseInput } from "./parse-input";

/** Gives the case to another officer of the authority (by its assigned officer or a manager); the timeline
 * records who it moved from and to. */
export async function reassignCase(actor: Actor, raw: ReassignCaseInput) {
  const input = parseInput(reassignCaseSchema, raw);
  return changeCase(actor, input, { action: "case.reassign" }, async (kase, tx) => {
    if (input.officerId === kase.assignedOfficerId) {
      throw new ValidationError({ officerId: ["The case is already assigned to this officer"] });
    }
    await checkAssignee(tx, kase.authorityId, input.officerId, "officerId");
    // The caseload moves: the outgoing officer's open tasks on this case go to the new officer (tasks given to
    // someone else, a colleague covering a visit say, stay with them).
    await tx.caseTask.updateMany({
      where: { authorityId: kase.authorityId, caseId: kase.id, status: "open", assignedTo: kase.assignedOfficerId },
      data: { assignedTo: input.officerId, version: { increment: 1 }, updatedAt: now() },
    });
    return {
      data: { assignedOfficerId: input.officerId },
      events: [
        {
          kind: "reassigned",
          occurredOn: today(),
          note: input.reason ?? "",
          details: { from: kase.assignedOfficerId, to: input.officerId },
        },
      ],
      auditDetail: { from: kase.assignedOfficerId, to: input.officerId },
    };
  });
}
