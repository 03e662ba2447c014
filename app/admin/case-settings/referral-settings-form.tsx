"use client";
import { CheckboxField } from "@/components/enforcement/checkbox-field";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import type { ReferralSettings } from "@/lib/domain/referral-grounds";
import { referralSettingsSchema } from "@/lib/schemas/case";
import { setReferralSettingsAction } from "./actions";

/** The authority's referral rules: the minimum of unauthorised sessions (local policy) and the interview item. */
export function ReferralSettingsForm({ settings }: { settings: ReferralSettings }) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    referralSettingsSchema,
    setReferralSettingsAction,
    ["referralMinimum", "interviewUnderCautionRequired"],
  );
  const interview = value("interviewUnderCautionRequired");
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <div className="govuk-inset-text" role="status">
          Referral rules saved. Windows decided from now on use them.
        </div>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="referralMinimum"
          label="Referral minimum (unauthorised sessions in the window)"
          labelClass="govuk-label--s"
          hint={
            "A window that misses its target is referred for prosecution only with at least this many unauthorised " +
            "sessions (G, N, O, U) on days the pupil was of compulsory school age. This is your authority's policy, " +
            "not the law: no statute sets a minimum. The default, 10, is the national threshold for considering a " +
            "penalty notice. A whole number from 1 to 380."
          }
          inputMode="numeric"
          className="govuk-input--width-3"
          defaultValue={value("referralMinimum") ?? String(settings.referralMinimum)}
          error={fieldError("referralMinimum")}
          {...form.register("referralMinimum")}
        />
        <CheckboxField
          id="interviewUnderCautionRequired"
          label="Approval needs an interview under caution with each parent (held, refused, or invited with no response)"
          hint="No statute requires one before a prosecution under section 444; PACE Code C governs questioning when it happens."
          defaultChecked={
            interview === undefined
              ? settings.interviewUnderCautionRequired
              : interview === "true" || interview === "on"
          }
          error={fieldError("interviewUnderCautionRequired")}
          input={form.register("interviewUnderCautionRequired")}
        />
        <Button disabled={pending}>Save referral rules</Button>
      </form>
    </>
  );
}
