"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { accessReasonSchema } from "@/lib/schemas/access-reason";
import { giveAccessReasonAction } from "./actions";

export function AccessReasonForm({ caseId, next }: { caseId: string; next: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    accessReasonSchema,
    giveAccessReasonAction,
    ["reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" value={caseId} {...form.register("caseId")} />
        <input type="hidden" name="next" value={next} />
        <Textarea
          id="reason"
          label="Why do you need to open this case?"
          labelClass="govuk-label--s"
          hint="For example: supervision of the officer's caseload, covering their absence, a complaint from the family, a court date. It is recorded in the audit log with your name."
          rows={3}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button disabled={pending}>Continue to the case</Button>
      </form>
    </>
  );
}
