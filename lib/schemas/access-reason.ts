// The reason a manager or officer gives before opening a case outside their caseload (lib/domain/access-reason.ts): the form's
// schema and the server's.
import { z } from "zod";
import { accessReasonProblem } from "@/lib/domain/access-reason";

export const accessReasonSchema = z.object({
  caseId: z.uuid("Open the case from its link again"),
  reason: z
    .string({ error: "Enter why you need to open this case" })
    .superRefine((value, ctx) => {
      const problem = accessReasonProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => v.trim()),
});
export type AccessReasonInput = z.input<typeof accessReasonSchema>;

/** The same for a pupil's record (lib/domain/access-reason.ts, needsPupilAccessReason). */
export const pupilAccessReasonSchema = z.object({
  pupilId: z.uuid("Open the pupil from their link again"),
  reason: z
    .string({ error: "Enter why you need to open this pupil's record" })
    .superRefine((value, ctx) => {
      const problem = accessReasonProblem(value, "this pupil's record");
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => v.trim()),
});
export type PupilAccessReasonInput = z.input<typeof pupilAccessReasonSchema>;
