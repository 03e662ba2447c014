import "server-only";
import { now, today } from "@/lib/env";
import { reassignCaseSchema, type ReassignCaseInput } from "@/lib/schemas/case";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { ValidationError } from "../errors";
import { changeCase, type CaseChange } from "./change-case";
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
    return moveCase(tx, kase, input.officerId, input.reason);
  });
}

/**
 * The change that gives a case to another officer, for one case or many (bulk reassign): the outgoing officer's open
 * tasks on the case go with it (tasks given to someone else, a colleague covering a visit say, stay with them), and
 * the timeline and the audit row record who it moved from and to.
 */
export async function moveCase(
  tx: Tx,
  kase: Pick<AttendanceCase, "id" | "authorityId" | "assignedOfficerId">,
  officerId: string,
  reason: string | undefined,
): Promise<CaseChange> {
  await tx.caseTask.updateMany({
    where: { authorityId: kase.authorityId, caseId: kase.id, status: "open", assignedTo: kase.assignedOfficerId },
    data: { assignedTo: officerId, version: { increment: 1 }, updatedAt: now() },
  });
  return {
    data: { assignedOfficerId: officerId },
    events: [
      {
        kind: "reassigned",
        occurredOn: today(),
        note: reason ?? "",
        details: { from: kase.assignedOfficerId, to: officerId },
      },
    ],
    auditDetail: { from: kase.assignedOfficerId, to: officerId },
  };
}
