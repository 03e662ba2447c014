// Inputs for bulk work in the case queues (issue 15 §5), shared by the forms, the server actions and lib/server.
import { z } from "zod";
import { checkSelection, NONE_SELECTED } from "@/lib/domain/bulk-cases";
import { LETTER_KINDS } from "@/lib/domain/letters";

const CASE_REF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([1-9][0-9]{0,8})$/i;

/**
 * The cases selected, each with the version the page showed (so a case changed since is refused, not overwritten):
 * "<case id>:<version>" values, as repeated fields or one comma-separated value (or the `{ caseId, version }` this
 * field reads them into, so that reading twice gives the same); checkSelection's rule on the count.
 */
export const caseRefsField = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "")
      : Array.isArray(v)
        ? // Already read once (a server action's parsed input handed to lib/server, which reads it again).
          v.map((r: unknown) =>
            typeof r === "object" && r !== null && "caseId" in r && "version" in r
              ? `${String(r.caseId)}:${String(r.version)}`
              : r,
          )
        : v,
  z
    .array(z.string({ error: NONE_SELECTED }).regex(CASE_REF, "Go back to the queue and select the cases again"), {
      error: NONE_SELECTED,
    })
    .transform((refs) =>
      refs.map((r) => {
        const [, caseId, version] = CASE_REF.exec(r)!;
        return { caseId: caseId!.toLowerCase(), version: Number(version) };
      }),
    )
    .superRefine((refs, ctx) => {
      const check = checkSelection(refs.map((r) => r.caseId));
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
    }),
);

const officerId = z
  .string({ error: "Select the officer to assign the cases to" })
  .trim()
  .regex(/^[0-9a-f-]{36}$/i, "Select the officer to assign the cases to");

export const bulkReassignSchema = z.object({
  cases: caseRefsField,
  officerId,
  reason: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(2000, "The reason must be 2000 characters or fewer").optional(),
  ),
});
export type BulkReassignInput = z.input<typeof bulkReassignSchema>;

const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);

/** The same letter kind to every parent or carer of each case, dated today. A warning letter on a case without a
 * window starts it with the target given here (the server checks it as startWindow does). */
export const bulkLettersSchema = z.object({
  cases: caseRefsField,
  kind: z.enum(LETTER_KINDS, {
    error:
      "Choose the kind of letter: an invitation to a meeting, a warning letter, a review letter or a final warning",
  }),
  minAttendancePct: z.preprocess(
    blankToNull,
    z.coerce.number({ error: "Minimum attendance must be a number" }).nullable().default(null),
  ),
  maxUnauthorisedSessions: z.preprocess(
    blankToNull,
    z.coerce.number({ error: "Maximum unauthorised sessions must be a number" }).nullable().default(null),
  ),
});
export type BulkLettersInput = z.input<typeof bulkLettersSchema>;
