"use client";
import type { ReactNode } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { startWindowSchema } from "@/lib/schemas/case";
import { startWindowAction } from "./actions";

/** The start-window form; `children` (the heading and the planned dates) go between the error summary and it. */
export function StartWindowForm({
  caseId,
  version,
  startDate,
  caseOpenedOn,
  today,
  defaultMinAttendancePct,
  todayText,
  openedText,
  children,
}: {
  children: ReactNode;
  caseId: string;
  version: number;
  startDate: string;
  /** ISO dates the form checks the start against before submitting (the server checks again with its own). */
  caseOpenedOn: string;
  today: string;
  defaultMinAttendancePct: string;
  todayText: string;
  openedText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    startWindowSchema,
    startWindowAction,
    ["startDate", "minAttendancePct", "maxUnauthorisedSessions"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      {children}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <input type="hidden" defaultValue={caseOpenedOn} {...form.register("caseOpenedOn")} />
        <input type="hidden" defaultValue={today} {...form.register("today")} />
        <DateInput
          id="startDate"
          legend="Date of the parents' meeting or warning letter"
          hint={`On or after the case opened (${openedText}) and no later than today (${todayText}). For example, 16 11 2026 (or type 16/11/2026). The end date is worked out from the term calendar.`}
          defaultValue={startDate}
          defaultParts={typedParts(value, "startDate")}
          error={fieldError("startDate")}
          register={(name) => form.register(name as never)}
        />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Target</legend>
          <div className="govuk-hint">
            Set a minimum attendance, a maximum number of unauthorised sessions, or both. Both parts must hold for the
            target to be met.
          </div>
          <TextInput
            id="minAttendancePct"
            label="Minimum attendance over the window (%)"
            hint="For example 90 or 92.5. Leave blank for no attendance part."
            inputMode="decimal"
            className="govuk-input--width-4"
            spellCheck={false}
            autoComplete="off"
            defaultValue={value("minAttendancePct") ?? defaultMinAttendancePct}
            error={fieldError("minAttendancePct")}
            {...form.register("minAttendancePct")}
          />
          <TextInput
            id="maxUnauthorisedSessions"
            label="Maximum unauthorised sessions in the window"
            hint="A whole number, 0 or more. Leave blank for no limit."
            inputMode="numeric"
            className="govuk-input--width-4"
            spellCheck={false}
            autoComplete="off"
            defaultValue={value("maxUnauthorisedSessions")}
            error={fieldError("maxUnauthorisedSessions")}
            {...form.register("maxUnauthorisedSessions")}
          />
        </fieldset>
        <Button disabled={pending}>Start the window</Button>
      </form>
    </>
  );
}
