"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { CLOSE_OUTCOMES, CLOSE_OUTCOME_LABELS } from "@/lib/domain/case-state";
import { closeCaseSchema } from "@/lib/schemas/case";
import { closeCaseAction } from "./actions";

export function CloseCaseForm({ caseId, version }: { caseId: string; version: number }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    closeCaseSchema,
    closeCaseAction,
    ["outcome", "reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Close the case</h1>
      <p className="govuk-body">A closed case is read-only. It can be reopened later, with a reason.</p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Radios
          id="outcome"
          legend="Outcome"
          defaultValue={value("outcome")}
          error={fieldError("outcome")}
          options={CLOSE_OUTCOMES.map((o) => ({ value: o, text: CLOSE_OUTCOME_LABELS[o] }))}
          input={form.register("outcome")}
        />
        <Textarea
          id="reason"
          label="Reason for closing the case"
          labelClass="govuk-label--s"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button warning disabled={pending}>
          Close the case
        </Button>
      </form>
    </>
  );
}
