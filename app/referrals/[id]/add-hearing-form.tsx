"use client";
import { useEffect } from "react";
import { CheckboxField } from "@/components/enforcement/checkbox-field";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { addHearingSchema, HEARING_TYPE_LABELS, HEARING_TYPES } from "@/lib/schemas/referrals";
import { addHearingAction } from "./actions";

export function AddHearingForm({ referralId }: { referralId: string }) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addHearingSchema,
    addHearingAction,
    ["hearingDate", "courtName", "hearingType", "adjourned", "adjournmentReason", "notes"],
  );
  useEffect(() => {
    if (state?.ok) form.reset();
  }, [state, form]);
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
        <TextInput
          id="hearingDate"
          label="Date of the hearing"
          labelClass="govuk-label--s"
          hint="For example, 2027-01-15"
          className="govuk-input--width-10"
          defaultValue={value("hearingDate")}
          error={fieldError("hearingDate")}
          {...form.register("hearingDate")}
        />
        <TextInput
          id="courtName"
          label="Court"
          labelClass="govuk-label--s"
          hint="For example, Teesside Magistrates' Court"
          defaultValue={value("courtName")}
          error={fieldError("courtName")}
          {...form.register("courtName")}
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
