"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { reopenCaseSchema } from "@/lib/schemas/case";
import { reopenCaseAction } from "./actions";

export function ReopenCaseForm({ caseId, version }: { caseId: string; version: number }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    reopenCaseSchema,
    reopenCaseAction,
    ["reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Reopen the case</h1>
      <p className="govuk-body">
        The case returns to open. A Fast Track window already started stays on record and cannot be started again.
      </p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Textarea
          id="reason"
          label="Reason for reopening the case"
          labelClass="govuk-label--s"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button disabled={pending}>Reopen the case</Button>
      </form>
    </>
  );
}
