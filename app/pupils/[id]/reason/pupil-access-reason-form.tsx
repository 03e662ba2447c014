"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { pupilAccessReasonSchema } from "@/lib/schemas/access-reason";
import { givePupilAccessReasonAction } from "./actions";

export function PupilAccessReasonForm({ pupilId, next }: { pupilId: string; next: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    pupilAccessReasonSchema,
    givePupilAccessReasonAction,
    ["reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" value={pupilId} {...form.register("pupilId")} />
        <input type="hidden" name="next" value={next} />
        <Textarea
          id="reason"
          label="Why do you need to open this pupil's record?"
          labelClass="govuk-label--s"
          hint="For example: covering a colleague's absence, a call from the family or the school, a court date. It is recorded in the audit log with your name."
          rows={3}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button disabled={pending}>Continue to the pupil</Button>
      </form>
    </>
  );
}
