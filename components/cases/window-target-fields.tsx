"use client";
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextInput } from "@/components/govuk/fields";

type TargetField = "minAttendancePct" | "maxUnauthorisedSessions";

/**
 * The target of the Fast Track window a warning letter starts (a minimum attendance, a maximum number of
 * unauthorised sessions, or both), asked the same way by one case's letters form and the letters sent across cases.
 * The form owns the registration, errors and values; this only lays the fields out.
 */
export function WindowTargetFields({
  legend,
  hint,
  value,
  fieldError,
  register,
}: {
  legend: string;
  hint: ReactNode;
  value: (field: TargetField) => string | undefined;
  fieldError: (field: TargetField) => string | undefined;
  register: Record<TargetField, UseFormRegisterReturn>;
}) {
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
      <div className="govuk-hint">{hint}</div>
      <TextInput
        id="minAttendancePct"
        label="Minimum attendance over the window (%)"
        className="govuk-input--width-4"
        inputMode="decimal"
        defaultValue={value("minAttendancePct")}
        error={fieldError("minAttendancePct")}
        {...register.minAttendancePct}
      />
      <TextInput
        id="maxUnauthorisedSessions"
        label="Maximum unauthorised sessions in the window"
        className="govuk-input--width-4"
        inputMode="numeric"
        defaultValue={value("maxUnauthorisedSessions")}
        error={fieldError("maxUnauthorisedSessions")}
        {...register.maxUnauthorisedSessions}
      />
    </fieldset>
  );
}
