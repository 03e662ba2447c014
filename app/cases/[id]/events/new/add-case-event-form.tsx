"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { addCaseEventSchema, CASE_EVENT_KIND_LABELS, RECORDABLE_EVENT_KINDS } from "@/lib/schemas/case";
import { addCaseEventAction } from "./actions";

export function AddCaseEventForm({
  caseId,
  version,
  todayText,
}: {
  caseId: string;
  version: number;
  todayText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addCaseEventSchema,
    addCaseEventAction,
    ["kind", "occurredOn", "note"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Record work on the case</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Radios
          id="kind"
          legend="What happened?"
          defaultValue={value("kind")}
          error={fieldError("kind")}
          options={RECORDABLE_EVENT_KINDS.map((k) => ({ value: k, text: CASE_EVENT_KIND_LABELS[k] }))}
          input={form.register("kind")}
        />
        <TextInput
          id="occurredOn"
          label="Date it happened"
          labelClass="govuk-label--s"
          hint={`As YYYY-MM-DD, for example 2026-11-16. Today is ${todayText}.`}
          className="govuk-input--width-10"
          spellCheck={false}
          autoComplete="off"
          defaultValue={value("occurredOn")}
          error={fieldError("occurredOn")}
          {...form.register("occurredOn")}
        />
        <Textarea
          id="note"
          label="Notes"
          labelClass="govuk-label--s"
          hint="Who was there, what was said and agreed. Required for a note."
          defaultValue={value("note")}
          error={fieldError("note")}
          {...form.register("note")}
        />
        <Button disabled={pending}>Save to the timeline</Button>
      </form>
    </>
  );
}
