// The reason a manager gives before opening a case outside their caseload (lib/domain/access-reason.ts): the form's
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
