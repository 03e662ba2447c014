// The retention schedule and legal holds (lib/domain/retention.ts, ADR 039): one schema each for the form and the
// server (server actions and the command line), with the domain's rules and messages that name the field.
import { z } from "zod";
import { checkUpn } from "@/lib/domain/upn";
import { HOLD_REASON_MAX, keepMonthsProblem, RETENTION_RULES, type RetentionRecordType } from "@/lib/domain/retention";

const keepMonths = (type: RetentionRecordType) => {
  const what = RETENTION_RULES[type].label.toLowerCase();
  return z
    .string({ error: `Enter how many months to keep ${what}` })
    .trim()
    .min(1, { error: `Enter how many months to keep ${what}`, abort: true })
    .regex(/^\d{1,5}$/, { error: `Enter the period for ${what} as a whole number of months`, abort: true })
    .transform(Number)
    .superRefine((months, ctx) => {
      const problem = keepMonthsProblem(type, months);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
};

/** The schedule form: one period in months per record type, fields named `keep-<type>`. */
export const retentionScheduleSchema = z
  .object({
    "keep-closed_case": keepMonths("closed_case"),
    "keep-school_flag": keepMonths("school_flag"),
    "keep-register_marks": keepMonths("register_marks"),
    "keep-audit_log": keepMonths("audit_log"),
    "keep-failed_sign_in": keepMonths("failed_sign_in"),
  })
  .transform((form): Record<RetentionRecordType, number> => ({
    closed_case: form["keep-closed_case"],
    school_flag: form["keep-school_flag"],
    register_marks: form["keep-register_marks"],
    audit_log: form["keep-audit_log"],
    failed_sign_in: form["keep-failed_sign_in"],
  }));

const reason = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(HOLD_REASON_MAX, `The reason must be ${HOLD_REASON_MAX} characters or fewer`);

/** Placing a hold: on a case (its reference), a pupil (their UPN) or a parent or carer (their reference). */
export const placeLegalHoldSchema = z
  .object({
    subject: z.enum(["case", "pupil", "parent"], {
      error: "Choose whether the hold is on a case, a pupil, or a parent or carer",
    }),
    caseId: z.string().trim().optional(),
    upn: z.string().trim().optional(),
    parentId: z.string().trim().optional(),
    reason: reason("why the records must be kept, for example the proceedings or complaint"),
  })
  .superRefine((v, ctx) => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (v.subject === "case" && !uuid.test(v.caseId ?? "")) {
      ctx.addIssue({
        code: "custom",
        path: ["caseId"],
        message: "Enter the case reference as it appears in the case's address: 36 letters, digits and dashes",
      });
    }
    if (v.subject === "pupil") {
      const check = checkUpn(v.upn ?? "");
      if (!check.ok) ctx.addIssue({ code: "custom", path: ["upn"], message: check.message });
    }
    if (v.subject === "parent" && !uuid.test(v.parentId ?? "")) {
      ctx.addIssue({
        code: "custom",
        path: ["parentId"],
        message: "Enter the parent or carer's reference as it appears in their address: 36 letters, digits and dashes",
      });
    }
  })
  .transform((v) => ({
    subject: v.subject,
    caseId: v.subject === "case" ? v.caseId!.toLowerCase() : undefined,
    upn: v.subject === "pupil" ? v.upn!.toUpperCase() : undefined,
    parentId: v.subject === "parent" ? v.parentId!.toLowerCase() : undefined,
    reason: v.reason,
  }));
export type PlaceLegalHold = z.output<typeof placeLegalHoldSchema>;

export const releaseLegalHoldSchema = z.object({
  holdId: z.uuid("Choose the hold to release"),
  reason: reason("why the hold is released"),
});
