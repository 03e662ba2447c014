import "server-only";
import { checkEsoDate, ESO_RELATION_LABELS } from "@/lib/domain/education-supervision-orders";
import { toIsoDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { recordEsoSchema, type RecordEsoInput } from "@/lib/schemas/education-supervision-orders";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { changeCase } from "./change-case";
import { parseInput } from "./parse-input";

/**
 * Records an Education Supervision Order the family court made on the case's pupil: the assigned officer or a
 * manager, on a case that is not closed (changeCase), dated from the case's opening to today. The order goes on the
 * timeline and in the parental responsibility return.
 */
export async function recordEso(actor: Actor, raw: RecordEsoInput) {
  const input = parseInput(recordEsoSchema, raw);
  return changeCase(actor, input, { action: "case.record_eso" }, async (kase, tx) => {
    const date = checkEsoDate(input.madeOn, toIsoDate(kase.openedOn), today());
    if (!date.ok) throw new ValidationError({ madeOn: [date.message] });
    const order = await tx.educationSupervisionOrder.create({
      data: {
        authorityId: kase.authorityId,
        caseId: kase.id,
        madeOn: new Date(`${input.madeOn}T00:00:00Z`),
        relation: input.relation,
        months: input.months,
        recordedBy: actor.id,
      },
    });
    return {
      data: {},
      events: [
        {
          kind: "eso_made",
          occurredOn: input.madeOn,
          note: `${ESO_RELATION_LABELS[input.relation]}, for ${input.months} months`,
          details: { esoId: order.id, relation: input.relation, months: input.months },
        },
      ],
      auditDetail: { esoId: order.id, relation: input.relation },
    };
  });
}
