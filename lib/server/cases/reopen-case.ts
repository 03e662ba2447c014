import "server-only";
import { transition, type CaseState } from "@/lib/domain/case-state";
import { today } from "@/lib/env";
import { reopenCaseSchema, type ReopenCaseInput } from "@/lib/schemas/case";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { changeCase } from "./change-case";
import { parseInput } from "./parse-input";

/** Reopens a closed case with a reason (back to `open`; a window already started stays on record and cannot be
 * started again). The previous outcome and reason move to the timeline. Refused when the pupil has since had
 * another case opened. */
export async function reopenCase(actor: Actor, raw: ReopenCaseInput) {
  const input = parseInput(reopenCaseSchema, raw);
  return changeCase(actor, input, { action: "case.reopen", change: "reopen" }, async (kase) => {
    const next = transition(kase.status as CaseState, { type: "reopen", reason: input.reason });
    if (!next.ok) throw new ValidationError({}, next.message);
    return {
      data: { status: next.state, closeOutcome: null, closeReason: null },
      events: [
        {
          kind: "reopened",
          occurredOn: today(),
          note: input.reason,
          details: { previousOutcome: kase.closeOutcome, previousReason: kase.closeReason },
        },
      ],
    };
  });
}
