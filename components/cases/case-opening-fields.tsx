"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Select, TextInput } from "@/components/govuk/fields";

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
  value: (field: "assignedOfficerId" | "openedOn") => string | undefined;
  fieldError: (field: "assignedOfficerId" | "openedOn") => string | undefined;
  register: { assignedOfficerId: UseFormRegisterReturn; openedOn: UseFormRegisterReturn };
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
      <TextInput
        id="openedOn"
        label="Date the case opened"
        labelClass="govuk-label--s"
        hint={`As YYYY-MM-DD. Today (${todayText}) unless the case is being brought over from another system: an earlier date back-dates it, and the timeline says so.`}
        className="govuk-input--width-10"
        spellCheck={false}
        autoComplete="off"
        defaultValue={value("openedOn") ?? today}
        error={fieldError("openedOn")}
        {...register.openedOn}
      />
    </>
  );
}
