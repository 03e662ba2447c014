// Recording an Education Supervision Order on a case: shared by the form, the action and lib/server/cases.
import { z } from "zod";
import { ESO_RELATIONS, MAX_ESO_MONTHS } from "@/lib/domain/education-supervision-orders";
import { dateField, withDateInputs } from "./date-input";

export const recordEsoSchema = withDateInputs(
  ["madeOn"],
  z.object({
    caseId: z
      .string()
      .trim()
      .regex(/^[0-9a-f-]{36}$/i, "Select the case"),
    version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1),
    /** The GOV.UK date input's three boxes, "20/11/2026", or an ISO date. */
    madeOn: dateField("the date the order was made"),
    relation: z.enum(ESO_RELATIONS, { error: "Select whether the order is instead of or as well as prosecution" }),
    months: z.coerce
      .number({ error: `Enter the length of the order in months, from 1 to ${MAX_ESO_MONTHS}` })
      .int(`Enter the length of the order in whole months, from 1 to ${MAX_ESO_MONTHS}`)
      .min(1, `Enter the length of the order in months, from 1 to ${MAX_ESO_MONTHS}`)
      .max(MAX_ESO_MONTHS, `An Education Supervision Order lasts at most ${MAX_ESO_MONTHS} months (3 years)`),
  }),
);
export type RecordEsoInput = z.input<typeof recordEsoSchema>;
