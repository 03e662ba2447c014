import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { CALENDAR_ENTRY_KINDS } from "@/lib/domain/school-calendar";
import { requiredText } from "./common";
import { dateField, withDateInputs } from "./date-input";

/** A date typed as YYYY-MM-DD (the calendar's own format), checked to be a real date. */
export const isoDateField = (label: string, example: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, { error: `Enter the ${label}`, abort: true })
    .refine(isIsoDate, `Enter the ${label} as a real date in the form YYYY-MM-DD, for example ${example}`);

/** One term or closure added to the authority's calendar: its dates in the GOV.UK date input (or typed whole,
 * "2/9/2026" or 2026-09-02). Checks against the rest of the calendar (overlaps, closures outside terms) are the
 * server's. */
export const calendarEntrySchema = withDateInputs(
  ["start", "end"],
  z
    .object({
      kind: z.enum(CALENDAR_ENTRY_KINDS, { error: "Select whether this is a term or a closure" }),
      start: dateField("the start date"),
      end: dateField("the end date"),
      name: requiredText("a name, for example Autumn 1 or INSET day", 100),
    })
    .refine((v) => v.end >= v.start, {
      path: ["end"],
      message: "The end date must be the same as or after the start date",
    }),
);
export type CalendarEntryInput = z.output<typeof calendarEntrySchema>;

export const calendarEntryIdSchema = z.object({ entryId: z.uuid("Choose a calendar entry") });
