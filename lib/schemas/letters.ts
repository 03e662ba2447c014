// Inputs for letter templates and letter production, shared by the forms, the server actions and lib/server.
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { LETTER_KINDS, validateTemplate } from "@/lib/domain/letters";

const kind = z.enum(LETTER_KINDS, {
  error: "Choose the kind of letter: an invitation to a meeting, a warning letter, a review letter or a final warning",
});
const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);
const blankToUndefined = (v: unknown) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v);
const optionalDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().refine(isIsoDate, `Enter ${label} as a real date, for example 2026-11-27`).optional(),
  );
const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional());

/** A template's text; every merge-field rule is validateTemplate's, reported on the subject or body field. */
export const letterTemplateSchema = z
  .object({
    kind,
    subject: z.preprocess((v) => v ?? "", z.string()),
    body: z.preprocess((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : ""), z.string()),
  })
  .superRefine((template, ctx) => {
    for (const problem of validateTemplate(template))
      ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  })
  .transform((t) => ({ ...t, subject: t.subject.trim(), body: t.body.replace(/\s+$/, "") }));
export type LetterTemplateInput = z.input<typeof letterTemplateSchema>;

/** The parents chosen: an array, or (from a form) one comma-separated string. Absent means every party. */
const parentIds = z.preprocess(
  // (react-hook-form gives false for no box ticked, true for a lone box without a value)
  (v) =>
    v === false
      ? []
      : v === true
        ? undefined
        : typeof v === "string"
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "")
          : v,
  z.array(id("a parent or carer")).min(1, "Select at least one parent or carer to write to").optional(),
);

export const produceLettersSchema = z.object({
  caseId: id("the case"),
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1, "Reload the page and try again"),
  kind,
  parentIds,
  /** Defaults to today; not in the future nor before the case opened (checked on the server). */
  sentOn: optionalDate("the date the letter is sent"),
  /** Only for templates that use {{meeting.…}}; the server says which are needed. */
  meetingDate: optionalDate("the meeting date"),
  meetingTime: optionalText("The meeting time", 50),
  meetingPlace: optionalText("The meeting place", 200),
});
export type ProduceLettersInput = z.input<typeof produceLettersSchema>;
