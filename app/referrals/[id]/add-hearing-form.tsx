"use client";
import { useEffect } from "react";
import { CheckboxField } from "@/components/enforcement/checkbox-field";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { addHearingSchema, HEARING_TYPE_LABELS, HEARING_TYPES } from "@/lib/schemas/referrals";
import { addHearingAction } from "./actions";

/** A hearing: date (a weekday; a Saturday once confirmed), time, a court from the authority's list, type, and
 * whether it was adjourned and why. */
export function AddHearingForm({ referralId, courts }: { referralId: string; courts: { id: string; name: string }[] }) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addHearingSchema,
    addHearingAction,
    [
      "hearingDate",
      "saturdayConfirmed",
      "hearingTime",
      "courtId",
      "hearingType",
      "adjourned",
      "adjournmentReason",
      "notes",
    ],
  );
  useEffect(() => {
    if (state?.ok) form.reset();
  }, [state, form]);
  const saturdayAsked = fieldError("saturdayConfirmed") !== undefined || value("saturdayConfirmed") === "true";
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <div className="govuk-inset-text" role="status">
          Hearing added
        </div>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h3 className="govuk-heading-m">Add hearing</h3>
        <input type="hidden" defaultValue={referralId} {...form.register("referralId")} />
        <DateInput
          id="hearingDate"
          legend="Date of the hearing"
          hint="A weekday: magistrates' courts do not sit on Sundays, and sit on a Saturday only for a special sitting. For example, 15 1 2027"
          defaultParts={typedParts(value, "hearingDate")}
          error={fieldError("hearingDate")}
          register={(name) => form.register(name as never)}
        />
        <CheckboxField
          id="saturdayConfirmed"
          label="The court is sitting on that Saturday"
          hint={saturdayAsked ? undefined : "Only for a hearing on a Saturday"}
          defaultChecked={value("saturdayConfirmed") === "true"}
          error={fieldError("saturdayConfirmed")}
          input={form.register("saturdayConfirmed")}
        />
        <TextInput
          id="hearingTime"
          label="Time of the hearing"
          labelClass="govuk-label--s"
          hint="For example, 10am or 2:15pm"
          className="govuk-input--width-5"
          autoComplete="off"
          spellCheck={false}
          defaultValue={value("hearingTime")}
          error={fieldError("hearingTime")}
          {...form.register("hearingTime")}
        />
        <Select
          id="courtId"
          label="Court"
          labelClass="govuk-label--s"
          hint="The authority's magistrates' courts. An administrator keeps the list."
          defaultValue={value("courtId") ?? ""}
          error={fieldError("courtId")}
          options={[{ value: "", text: "Choose a court" }, ...courts.map((c) => ({ value: c.id, text: c.name }))]}
          {...form.register("courtId")}
        />
        <Radios
          id="hearingType"
          legend="Type of hearing"
          inline
          defaultValue={value("hearingType")}
          error={fieldError("hearingType")}
          options={HEARING_TYPES.map((t) => ({ value: t, text: HEARING_TYPE_LABELS[t] }))}
          input={form.register("hearingType")}
        />
        <CheckboxField
          id="adjourned"
          label="The hearing was adjourned"
          defaultChecked={value("adjourned") === "true"}
          error={fieldError("adjourned")}
          input={form.register("adjourned")}
        />
        <Textarea
          id="adjournmentReason"
          label="Reason for the adjournment (if adjourned)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("adjournmentReason")}
          error={fieldError("adjournmentReason")}
          {...form.register("adjournmentReason")}
        />
        <Textarea
          id="notes"
          label="Notes (optional)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("notes")}
          error={fieldError("notes")}
          {...form.register("notes")}
        />
        <Button disabled={pending}>Add hearing</Button>
      </form>
    </>
  );
}
