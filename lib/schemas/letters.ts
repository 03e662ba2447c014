// Inputs for letter templates and letter production, shared by the forms, the server actions and lib/server.
import { z } from "zod";
import { DEFAULT_FIGURES_WEEKS, kindFieldProblems, MAX_FIGURES_WEEKS } from "@/lib/domain/letter-facts";
import { LETTER_KINDS, validateTemplate } from "@/lib/domain/letters";
import { optionalDateField, withDateInputs } from "./date-input";

const kind = z.enum(LETTER_KINDS, {
  error: "Choose the kind of letter: an invitation to a meeting, a warning letter, a review letter or a final warning",
});
const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);
const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
const blankToUndefined = (v: unknown) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v);
/** A date as people type it (the GOV.UK date input's boxes, "6/12/2026", or an ISO date from the API); blank is none. */
const optionalDate = (label: string) => optionalDateField(label);
const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional());

const figuresWeeksMessage = `Enter the school weeks the figures cover as a whole number from 1 to ${MAX_FIGURES_WEEKS}`;

/** A template's text; every merge-field rule is validateTemplate's, then kindFieldProblems' (a field this kind of
 * letter cannot know), reported on the subject or body field. */
export const letterTemplateSchema = z
  .object({
    kind,
    subject: z.preprocess((v) => v ?? "", z.string()),
    body: z.preprocess((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : ""), z.string()),
    figuresWeeks: z.preprocess(
      (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? DEFAULT_FIGURES_WEEKS : v),
      z.coerce
        .number({ error: figuresWeeksMessage })
        .int(figuresWeeksMessage)
        .min(1, figuresWeeksMessage)
        .max(MAX_FIGURES_WEEKS, figuresWeeksMessage),
    ),
  })
  .superRefine((template, ctx) => {
    const problems = validateTemplate(template);
    for (const problem of problems.length > 0 ? problems : kindFieldProblems(template.kind, template))
      ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  })
  .transform((t) => ({ ...t, subject: t.subject.trim(), body: t.body.replace(/\s+$/, "") }));
export type LetterTemplateInput = Omit<z.input<typeof letterTemplateSchema>, "figuresWeeks"> & {
  /** Blank or absent: DEFAULT_FIGURES_WEEKS. */
  figuresWeeks?: unknown;
};

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

export const produceLettersSchema = withDateInputs(
  ["sentOn", "meetingDate"],
  z.object({
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
    /** The target, when a warning letter starts the window (on a case without one); the server checks it
     * (validateTarget) as startWindow does. */
    minAttendancePct: z.preprocess(
      blankToNull,
      z.coerce.number({ error: "Minimum attendance must be a number" }).nullable().default(null),
    ),
    maxUnauthorisedSessions: z.preprocess(
      blankToNull,
      z.coerce.number({ error: "Maximum unauthorised sessions must be a number" }).nullable().default(null),
    ),
  }),
);
export type ProduceLettersInput = z.input<typeof produceLettersSchema>;
