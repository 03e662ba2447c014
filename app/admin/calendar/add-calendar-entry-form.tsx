"use client";
import { useEffect } from "react";
import { Radios } from "@/components/govuk/radios";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { calendarEntrySchema } from "@/lib/schemas/calendar";
import { addCalendarEntryAction } from "./actions";
import { SuccessBanner } from "@/components/govuk/success-banner";

export function AddCalendarEntryForm() {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    calendarEntrySchema,
    addCalendarEntryAction,
    ["kind", "start", "end", "name"],
  );
  useEffect(() => {
    if (state?.ok) form.reset();
  }, [state, form]);
  // Problems with the calendar as a whole (an overlap, a closure outside every term) are not one field's.
  const calendarProblems =
    state && !state.ok ? (state.fieldErrors.calendar ?? []).map((m) => ({ message: m.replace(/^Row \d+: /, "") })) : [];
  return (
    <>
      <ErrorSummary errors={[...summary, ...calendarProblems]} />
      {state?.ok && (
        <SuccessBanner id="entry-added-title" role="alert">
          <p className="govuk-notification-banner__heading">&ldquo;{state.data.name}&rdquo; added to the calendar</p>
        </SuccessBanner>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h2 className="govuk-heading-m">Add a term or closure</h2>
        <Radios
          id="kind"
          legend="Kind"
          defaultValue={value("kind")}
          error={fieldError("kind")}
          hint="A closure (an INSET day or a bank holiday) must fall inside a term"
          options={[
            { value: "term", text: "Term" },
            { value: "closure", text: "Closure" },
          ]}
          input={form.register("kind")}
        />
        <DateInput
          id="start"
          legend="Start date"
          hint="For example, 2 9 2026 (or type 2/9/2026)"
          defaultParts={typedParts(value, "start")}
          error={fieldError("start")}
          register={(name) => form.register(name as never)}
        />
        <DateInput
          id="end"
          legend="End date"
          hint="The last day, for example 23 10 2026"
          defaultParts={typedParts(value, "end")}
          error={fieldError("end")}
          register={(name) => form.register(name as never)}
        />
        <TextInput
          id="name"
          label="Name"
          hint="For example, Autumn 1 2026 or INSET day"
          labelClass="govuk-label--s"
          defaultValue={value("name")}
          error={fieldError("name")}
          {...form.register("name")}
        />
        <Button disabled={pending}>Add to calendar</Button>
      </form>
    </>
  );
}
