"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { Select } from "@/components/govuk/fields";

/**
 * The two questions every way of opening a case asks (opening a case from the pupil, accepting a school's flag):
 * the officer to assign and the opening date (today unless back-dated). The form owns the registration, errors
 * and values; this only lays the fields out the same way in both.
 */
export function CaseOpeningFields({
  officers,
  defaultOfficerId,
  today,
  todayText,
  value,
  fieldError,
  register,
}: {
  officers: { id: string; name: string }[];
  defaultOfficerId: string;
  today: string;
  todayText: string;
  /** What the form sent back (a field, or a date's box such as openedOn-day). */
  value: (field: string) => string | undefined;
  fieldError: (field: "assignedOfficerId" | "openedOn") => string | undefined;
  /** The officer's select, and each box of the opening date (openedOn-day, -month, -year). */
  register: { assignedOfficerId: UseFormRegisterReturn; date: (name: string) => UseFormRegisterReturn };
}) {
  return (
    <>
      <Select
        id="assignedOfficerId"
        label="Officer to assign the case to"
        labelClass="govuk-label--s"
        defaultValue={value("assignedOfficerId") ?? defaultOfficerId}
        error={fieldError("assignedOfficerId")}
        options={[{ value: "", text: "Select an officer" }, ...officers.map((o) => ({ value: o.id, text: o.name }))]}
        {...register.assignedOfficerId}
      />
      <DateInput
        id="openedOn"
        legend="Date the case opened"
        hint={`Today (${todayText}) unless the case is being brought over from another system: an earlier date back-dates it, and the timeline says so. For example, 2 9 2026 (or type 2/9/2026).`}
        defaultValue={today}
        defaultParts={typedParts(value, "openedOn")}
        error={fieldError("openedOn")}
        register={register.date}
      />
    </>
  );
}
