"use client";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { correctCaseEventSchema } from "@/lib/schemas/corrections";
import { correctCaseEventAction } from "./actions";

export function CorrectEventForm({
  caseId,
  eventId,
  version,
  occurredOn,
  note,
  todayText,
}: {
  caseId: string;
  eventId: string;
  version: number;
  occurredOn: string;
  note: string;
  todayText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    correctCaseEventSchema,
    correctCaseEventAction,
    ["occurredOn", "note", "reason"],
  );
  const typed = typedParts(value, "occurredOn");
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={eventId} {...form.register("eventId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <DateInput
          id="occurredOn"
          legend="Date it happened"
          hint={`For example, 27 3 2026. Today is ${todayText}.`}
          defaultValue={typed ? undefined : occurredOn}
          defaultParts={typed}
          error={fieldError("occurredOn")}
          register={(name) => form.register(name as never)}
        />
        <Textarea
          id="note"
          label="Notes"
          labelClass="govuk-label--s"
          defaultValue={value("note") ?? note}
          error={fieldError("note")}
          {...form.register("note")}
        />
        <Textarea
          id="reason"
          label="Why are you correcting it?"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button disabled={pending}>Save the correction</Button>
      </form>
    </>
  );
}
