"use client";
import { DateInput, dateHint, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { useZodForm } from "@/components/forms/use-zod-form";
import { DEFAULT_ESO_MONTHS, ESO_RELATIONS, ESO_RELATION_LABELS } from "@/lib/domain/education-supervision-orders";
import { recordEsoSchema } from "@/lib/schemas/education-supervision-orders";
import { recordEsoAction } from "./actions";

export function RecordEsoForm({ caseId, version, today }: { caseId: string; version: number; today: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    recordEsoSchema,
    recordEsoAction,
    ["madeOn", "relation", "months"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Record an Education Supervision Order</h1>
      <p className="govuk-body">
        An order the family court made (Children Act 1989 section 36). The authority must consider one before
        prosecuting, and may seek one instead of, or as well as, a prosecution (Education Act 1996 section 447).
      </p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <DateInput
          id="madeOn"
          legend="Date the order was made"
          hint={dateHint(today)}
          defaultValue={typedParts(value, "madeOn") ? undefined : today}
          defaultParts={typedParts(value, "madeOn")}
          error={fieldError("madeOn")}
          register={(name) => form.register(name as never)}
        />
        <Radios
          id="relation"
          legend="Is the order instead of, or as well as, a prosecution?"
          defaultValue={value("relation")}
          error={fieldError("relation")}
          options={ESO_RELATIONS.map((r) => ({ value: r, text: ESO_RELATION_LABELS[r] }))}
          input={form.register("relation")}
        />
        <TextInput
          id="months"
          label="Length of the order, in months"
          labelClass="govuk-label--s"
          hint="Usually 12; at most 36"
          className="govuk-input--width-3"
          inputMode="numeric"
          defaultValue={value("months") ?? String(DEFAULT_ESO_MONTHS)}
          error={fieldError("months")}
          {...form.register("months")}
        />
        <Button disabled={pending}>Record the order</Button>
      </form>
    </>
  );
}
