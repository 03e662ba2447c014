"use client";
import { DateInput, dateHint, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { recordSweepSchema } from "@/lib/schemas/sweeps";
import { recordSweepAction } from "../actions";

const FIELDS = [
  "date",
  "startTime",
  "endTime",
  "area",
  "policeOfficers",
  "policeHours",
  "staff",
  "staffHours",
  "notes",
];

export function RecordSweepForm({ today }: { today: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    recordSweepSchema,
    recordSweepAction,
    FIELDS,
  );
  const text = (
    id: (typeof FIELDS)[number],
    label: string,
    options: { hint?: string; width?: string; inputMode?: "numeric" | "decimal"; defaultValue?: string } = {},
  ) => (
    <TextInput
      id={id}
      label={label}
      labelClass="govuk-label--s"
      hint={options.hint}
      className={options.width ?? ""}
      inputMode={options.inputMode}
      defaultValue={value(id) ?? options.defaultValue}
      error={fieldError(id)}
      {...form.register(id as never)}
    />
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Record a truancy sweep</h1>
      <p className="govuk-body">Record the sweep first. You then add each child stopped on the sweep&apos;s page.</p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <DateInput
          id="date"
          legend="Date of the sweep"
          hint={dateHint(today)}
          defaultValue={typedParts(value, "date") ? undefined : today}
          defaultParts={typedParts(value, "date")}
          error={fieldError("date")}
          register={(name) => form.register(name as never)}
        />
        {text("startTime", "Start time (optional)", {
          hint: "24-hour clock, for example 09:30",
          width: "govuk-input--width-5",
        })}
        {text("endTime", "End time (optional)", {
          hint: "24-hour clock, for example 12:00",
          width: "govuk-input--width-5",
        })}
        {text("area", "Area or route", {
          hint: "For example, the town centre, the retail park and the railway station",
        })}
        {text("policeOfficers", "Police officers", { width: "govuk-input--width-3", inputMode: "numeric" })}
        {text("policeHours", "Police hours", {
          hint: "All the police officers' hours together, to the quarter hour: for example 4, 4.25, 4.5 or 4.75",
          width: "govuk-input--width-5",
          inputMode: "decimal",
        })}
        {text("staff", "Authority staff (optional)", { width: "govuk-input--width-3", inputMode: "numeric" })}
        {text("staffHours", "Authority staff hours (optional)", {
          hint: "All the staff's hours together, to the quarter hour",
          width: "govuk-input--width-5",
          inputMode: "decimal",
        })}
        <Textarea
          id="notes"
          label="Notes (optional)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("notes")}
          error={fieldError("notes")}
          {...form.register("notes")}
        />
        <Button disabled={pending}>Record the sweep</Button>
      </form>
    </>
  );
}
