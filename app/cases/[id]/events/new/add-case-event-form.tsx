"use client";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { INTERVIEW_OUTCOME_LABELS, INTERVIEW_OUTCOMES } from "@/lib/domain/referral-readiness";
import { addCaseEventSchema, CASE_EVENT_KIND_LABELS, RECORDABLE_EVENT_KINDS } from "@/lib/schemas/case";
import { addCaseEventAction } from "./actions";

export function AddCaseEventForm({
  caseId,
  version,
  todayText,
  parties,
}: {
  caseId: string;
  version: number;
  todayText: string;
  parties: { id: string; name: string }[];
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addCaseEventSchema,
    addCaseEventAction,
    ["kind", "occurredOn", "parentIds", "outcome", "note"],
  );
  const chosen = value("parentIds")?.split(",") ?? [];
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
        <Checkboxes
          id="parentIds"
          legend="Which parents or carers it concerns"
          hint="Required for an interview under caution: tick each parent or carer interviewed or invited."
          error={fieldError("parentIds")}
          options={parties.map((p) => ({ value: p.id, text: p.name, defaultChecked: chosen.includes(p.id) }))}
          input={form.register("parentIds")}
        />
        <Radios
          id="outcome"
          legend="Outcome of an interview under caution"
          hint="Only for an interview under caution (PACE Code C)."
          inline
          defaultValue={value("outcome")}
          error={fieldError("outcome")}
          options={INTERVIEW_OUTCOMES.map((o) => ({ value: o, text: INTERVIEW_OUTCOME_LABELS[o] }))}
          input={form.register("outcome")}
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
