import "server-only";
import { transition, type CaseState } from "@/lib/domain/case-state";
import { now, today } from "@/lib/env";
import { closeCaseSchema, type CloseCaseInput } from "@/lib/schemas/case";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { changeCase } from "./change-case";
import { parseInput } from "./parse-input";

/** Closes the case with an outcome and a reason; it is then read-only until reopened. */
export async function closeCase(actor: Actor, raw: CloseCaseInput) {
  const input = parseInput(closeCaseSchema, raw);
  return changeCase(actor, input, { action: "case.close" }, async (kase, tx) => {
    const next = transition(kase.status as CaseState, { type: "close", outcome: input.outcome, reason: input.reason });
    if (!next.ok) throw new ValidationError({}, next.message);
    // A closed case is read-only: its open tasks are cancelled, saying why.
    await tx.caseTask.updateMany({
      where: { authorityId: kase.authorityId, caseId: kase.id, status: "open" },
      data: { status: "cancelled", cancelReason: "The case was closed", version: { increment: 1 }, updatedAt: now() },
    });
    return {
      data: { status: next.state, closeOutcome: input.outcome, closeReason: input.reason },
      events: [
        {
          kind: "closed",
          occurredOn: today(),
          note: input.reason,
          details: { outcome: input.outcome, from: kase.status },
        },
      ],
      auditDetail: { outcome: input.outcome },
    };
  });
}
