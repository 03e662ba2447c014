"use client";
import { useEffect } from "react";
import { Radios } from "@/components/govuk/radios";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { COMPARISON_KIND_LABELS, COMPARISON_KINDS, comparisonFigureSchema } from "@/lib/schemas/comparison";
import { addComparisonFigureAction } from "./actions";
import { SuccessBanner } from "@/components/govuk/success-banner";

export function AddComparisonForm() {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    comparisonFigureSchema,
    addComparisonFigureAction,
    ["academicYear", "kind", "label", "unauthorisedRate", "source"],
  );
  useEffect(() => {
    if (state?.ok) form.reset();
  }, [state, form]);
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <SuccessBanner id="figure-added-title" role="alert">
          <p className="govuk-notification-banner__heading">Figure &ldquo;{state.data.label}&rdquo; added</p>
        </SuccessBanner>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h2 className="govuk-heading-m">Add a figure</h2>
        <TextInput
          id="academicYear"
          label="Academic year"
          hint="The year it starts: 2025 for 2025/26"
          inputMode="numeric"
          className="govuk-input--width-4"
          labelClass="govuk-label--s"
          defaultValue={value("academicYear")}
          error={fieldError("academicYear")}
          {...form.register("academicYear")}
        />
        <Radios
          id="kind"
          legend="Kind of figure"
          inline
          defaultValue={value("kind")}
          error={fieldError("kind")}
          options={COMPARISON_KINDS.map((k) => ({ value: k, text: COMPARISON_KIND_LABELS[k] }))}
          input={form.register("kind")}
        />
        <TextInput
          id="label"
          label="Label"
          hint="What the figure is for, for example England or Middlesbrough"
          labelClass="govuk-label--s"
          defaultValue={value("label")}
          error={fieldError("label")}
          {...form.register("label")}
        />
        <TextInput
          id="unauthorisedRate"
          label="Unauthorised absence rate (%)"
          hint="A percentage from 0 to 100, up to 2 decimal places, for example 1.02"
          inputMode="decimal"
          className="govuk-input--width-5"
          labelClass="govuk-label--s"
          spellCheck={false}
          defaultValue={value("unauthorisedRate")}
          error={fieldError("unauthorisedRate")}
          {...form.register("unauthorisedRate")}
        />
        <TextInput
          id="source"
          label="Source (optional)"
          hint="Where the figure was published"
          labelClass="govuk-label--s"
          defaultValue={value("source")}
          error={fieldError("source")}
          {...form.register("source")}
        />
        <Button disabled={pending}>Add figure</Button>
      </form>
    </>
  );
}
