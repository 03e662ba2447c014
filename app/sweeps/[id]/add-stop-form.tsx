"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { useZodForm } from "@/components/forms/use-zod-form";
import { STOP_OUTCOMES, STOP_OUTCOME_LABELS, VALID_REASONS, VALID_REASON_LABELS } from "@/lib/domain/sweeps";
import { addSweepStopSchema } from "@/lib/schemas/sweeps";
import { addSweepStopAction } from "../actions";

const FIELDS = ["upn", "name", "schoolUrn", "schoolName", "withParent", "validReason", "reason", "outcome"];

/** One child stopped: found by UPN in the authority, or recorded by name and school as given. */
export function AddStopForm({ sweepId, authorityName }: { sweepId: string; authorityName: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addSweepStopSchema,
    addSweepStopAction,
    FIELDS,
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={sweepId} {...form.register("sweepId")} />
        <TextInput
          id="upn"
          label="UPN (if the child is known)"
          labelClass="govuk-label--s"
          hint={`Looked up among ${authorityName}'s pupils`}
          className="govuk-input--width-20"
          spellCheck={false}
          defaultValue={value("upn")}
          error={fieldError("upn")}
          {...form.register("upn")}
        />
        <TextInput
          id="name"
          label="Name as given (needed without a UPN)"
          labelClass="govuk-label--s"
          defaultValue={value("name")}
          error={fieldError("name")}
          {...form.register("name")}
        />
        <TextInput
          id="schoolUrn"
          label="School URN as given (optional)"
          labelClass="govuk-label--s"
          className="govuk-input--width-10"
          inputMode="numeric"
          defaultValue={value("schoolUrn")}
          error={fieldError("schoolUrn")}
          {...form.register("schoolUrn")}
        />
        <TextInput
          id="schoolName"
          label="School name as given (optional)"
          labelClass="govuk-label--s"
          defaultValue={value("schoolName")}
          error={fieldError("schoolName")}
          {...form.register("schoolName")}
        />
        <Radios
          id="withParent"
          legend="Was the child with a parent or carer?"
          inline
          defaultValue={value("withParent")}
          error={fieldError("withParent")}
          options={[
            { value: "yes", text: "Yes" },
            { value: "no", text: "No" },
          ]}
          input={form.register("withParent")}
        />
        <TextInput
          id="reason"
          label="Reason given"
          labelClass="govuk-label--s"
          hint="Write 'none given' if the child gave no reason"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Radios
          id="validReason"
          legend="Was the reason valid?"
          defaultValue={value("validReason")}
          error={fieldError("validReason")}
          options={VALID_REASONS.map((v) => ({ value: v, text: VALID_REASON_LABELS[v] }))}
          input={form.register("validReason")}
        />
        <Radios
          id="outcome"
          legend="What happened?"
          defaultValue={value("outcome")}
          error={fieldError("outcome")}
          options={STOP_OUTCOMES.map((o) => ({ value: o, text: STOP_OUTCOME_LABELS[o] }))}
          input={form.register("outcome")}
        />
        <Button disabled={pending}>Add the child</Button>
      </form>
    </>
  );
}
