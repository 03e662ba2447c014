// Corrections of what was recorded (issue 15: "Recorded outcomes and timeline entries can be corrected with a
// reason; the original stays in the audit and the timeline shows 'corrected'"). Outcomes are corrected through
// correctOutcomeFormSchema in referrals.ts; timeline entries through this schema.
import { z } from "zod";
import { RECORDABLE_EVENT_KINDS, type CaseEventKind } from "./case";
import { requiredText } from "./common";
import { dateField, withDateInputs } from "./date-input";

/** The timeline entries people correct: the work they recorded. Letters are records of what was sent (the letter
 * itself never changes), and the service's own entries (decisions, hearings, outcomes) follow their records. */
export const CORRECTABLE_EVENT_KINDS: readonly CaseEventKind[] = RECORDABLE_EVENT_KINDS.filter((k) => k !== "letter");

export function isCorrectable(kind: string): boolean {
  return (CORRECTABLE_EVENT_KINDS as readonly string[]).includes(kind);
}

export const correctCaseEventSchema = withDateInputs(
  ["occurredOn"],
  z.object({
    caseId: z.string().regex(/^[0-9a-f-]{36}$/i, "Select the case"),
    eventId: z.string().regex(/^[0-9a-f-]{36}$/i, "Select the entry to correct"),
    version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1, "Reload the page and try again"),
    occurredOn: dateField("the date it happened"),
    note: z.preprocess((v) => v ?? "", z.string().trim().max(5000, "The note must be 5000 characters or fewer")),
    reason: requiredText("the reason for the correction", 2000),
  }),
);
export type CorrectCaseEventInput = z.input<typeof correctCaseEventSchema>;
