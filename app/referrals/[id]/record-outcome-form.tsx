"use client";
import { CheckboxField } from "@/components/enforcement/checkbox-field";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { Button, TextInput } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { Radios } from "@/components/govuk/radios";
import { useZodForm } from "@/components/forms/use-zod-form";
import { formatPence } from "@/lib/domain/money";
import {
  allowedSentenceTypes,
  MAX_COMMUNITY_ORDER_MONTHS,
  MAX_CONDITIONAL_DISCHARGE_MONTHS,
  MAX_PARENTING_ORDER_MONTHS,
  OFFENCE_LABELS,
  OFFENCE_LIMITS,
  PLEA_LABELS,
  PLEAS,
  VERDICT_LABELS,
  VERDICTS,
  type Offence,
} from "@/lib/domain/sentencing";
import { correctOutcomeFormSchema, OUTCOME_FORM_FIELDS, outcomeFormSchema } from "@/lib/schemas/referrals";
import { correctOutcomeAction, recordOutcomeAction } from "./actions";

/** A hearing the outcome can belong to: one that has taken place and was not adjourned. */
export type OutcomeHearingOption = { id: string; label: string; date: string };

/**
 * The hearing that decided it and the date, then plea, verdict and the sentences the offence allows, with the caps
 * in the hints; money in pounds. With `correction` (the recorded outcome's form values), the same form corrects the
 * outcome and asks for the reason.
 */
export function RecordOutcomeForm({
  referralId,
  offence,
  hearings,
  correction,
}: {
  referralId: string;
  offence: Offence;
  hearings: OutcomeHearingOption[];
  correction?: Record<string, string>;
}) {
  const {
    form,
    state,
    formAction,
    onSubmit,
    pending,
    fieldError,
    summary,
    value: typed,
  } = useZodForm(
    (correction ? correctOutcomeFormSchema : outcomeFormSchema) as typeof outcomeFormSchema,
    correction ? correctOutcomeAction : recordOutcomeAction,
    [...OUTCOME_FORM_FIELDS, "reason"],
  );
  const value = (name: string) => typed(name) ?? correction?.[name];
  const defaultHearing = value("hearingId") ?? hearings[0]?.id;
  const hearingDate = hearings.find((h) => h.id === defaultHearing)?.date;
  const limits = OFFENCE_LIMITS[offence];
  const allowed = allowedSentenceTypes(offence);
  const on = (name: string) => value(name) === "true";
  if (state?.ok)
    return (
      <div className="govuk-inset-text" role="status">
        {correction ? "Outcome corrected." : "Outcome recorded."} Reload the page to see it.
      </div>
    );
  if (hearings.length === 0)
    return (
      <p className="govuk-body">
        Record the hearing that decided the outcome first: an outcome belongs to a hearing that has taken place and was
        not adjourned.
      </p>
    );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        {!correction && <h3 className="govuk-heading-m">Record the outcome</h3>}
        <p className="govuk-body">
          Offence: {OFFENCE_LABELS[offence]}. The court may fine up to {formatPence(limits.maxFinePence)}
          {limits.custodyAllowed
            ? `, and order custody of up to 3 months (${limits.maxCustodyDays} days)`
            : "; custody and community orders are not available"}
          .
        </p>
        <input type="hidden" defaultValue={referralId} {...form.register("referralId")} />
        <input type="hidden" defaultValue={offence} {...form.register("offence")} />
        <Radios
          id="hearingId"
          legend="The hearing that decided it"
          defaultValue={defaultHearing}
          error={fieldError("hearingId")}
          options={hearings.map((h) => ({ value: h.id, text: h.label }))}
          input={form.register("hearingId")}
        />
        <DateInput
          id="decidedOn"
          legend="Date of the outcome"
          hint="The day the court decided it: the hearing's day, or later. For example, 27 3 2027"
          defaultValue={typedParts(typed, "decidedOn") ? undefined : (correction?.decidedOn ?? hearingDate)}
          defaultParts={typedParts(typed, "decidedOn")}
          error={fieldError("decidedOn")}
          register={(name) => form.register(name as never)}
        />
        <Radios
          id="plea"
          legend="Plea"
          inline
          defaultValue={value("plea")}
          error={fieldError("plea")}
          options={PLEAS.map((p) => ({ value: p, text: PLEA_LABELS[p] }))}
          input={form.register("plea")}
        />
        <Radios
          id="verdict"
          legend="Verdict"
          inline
          defaultValue={value("verdict")}
          error={fieldError("verdict")}
          options={VERDICTS.map((v) => ({ value: v, text: VERDICT_LABELS[v] }))}
          input={form.register("verdict")}
        />
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" aria-describedby="sentences-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Sentence (on a guilty verdict)</legend>
          <div id="sentences-hint" className="govuk-hint">
            Select each part of the sentence
          </div>
          {fieldError("sentences") && (
            <p id="sentences" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {fieldError("sentences")}
            </p>
          )}
          <CheckboxField
            id="fine"
            label="Fine"
            defaultChecked={on("fine")}
            error={fieldError("fine")}
            input={form.register("fine")}
          />
          <TextInput
            id="fineAmount"
            label="Fine amount in pounds"
            hint={`Up to ${formatPence(limits.maxFinePence)}, for example 440.00`}
            className="govuk-input--width-10"
            inputMode="decimal"
            defaultValue={value("fineAmount")}
            error={fieldError("fineAmount")}
            {...form.register("fineAmount")}
          />
          {allowed.includes("custody") && (
            <>
              <CheckboxField
                id="custody"
                label="Custody"
                defaultChecked={on("custody")}
                error={fieldError("custody")}
                input={form.register("custody")}
              />
              <TextInput
                id="custodyDays"
                label="Custody in days"
                hint={`Up to ${limits.maxCustodyDays} days`}
                className="govuk-input--width-4"
                inputMode="numeric"
                defaultValue={value("custodyDays")}
                error={fieldError("custodyDays")}
                {...form.register("custodyDays")}
              />
              <CheckboxField
                id="custodySuspended"
                label="Suspended"
                defaultChecked={on("custodySuspended")}
                input={form.register("custodySuspended")}
              />
            </>
          )}
          <CheckboxField
            id="conditionalDischarge"
            label="Conditional discharge"
            defaultChecked={on("conditionalDischarge")}
            error={fieldError("conditionalDischarge")}
            input={form.register("conditionalDischarge")}
          />
          <TextInput
            id="conditionalDischargeMonths"
            label="Conditional discharge in months"
            hint={`Up to ${MAX_CONDITIONAL_DISCHARGE_MONTHS} months`}
            className="govuk-input--width-4"
            inputMode="numeric"
            defaultValue={value("conditionalDischargeMonths")}
            error={fieldError("conditionalDischargeMonths")}
            {...form.register("conditionalDischargeMonths")}
          />
          <CheckboxField
            id="absoluteDischarge"
            label="Absolute discharge"
            defaultChecked={on("absoluteDischarge")}
            error={fieldError("absoluteDischarge")}
            input={form.register("absoluteDischarge")}
          />
          <CheckboxField
            id="parentingOrder"
            label="Parenting order"
            defaultChecked={on("parentingOrder")}
            error={fieldError("parentingOrder")}
            input={form.register("parentingOrder")}
          />
          <TextInput
            id="parentingOrderMonths"
            label="Parenting order in months"
            hint={`Up to ${MAX_PARENTING_ORDER_MONTHS} months`}
            className="govuk-input--width-4"
            inputMode="numeric"
            defaultValue={value("parentingOrderMonths")}
            error={fieldError("parentingOrderMonths")}
            {...form.register("parentingOrderMonths")}
          />
          {allowed.includes("community_order") && (
            <>
              <CheckboxField
                id="communityOrder"
                label="Community order"
                defaultChecked={on("communityOrder")}
                error={fieldError("communityOrder")}
                input={form.register("communityOrder")}
              />
              <TextInput
                id="communityOrderMonths"
                label="Community order in months"
                hint={`Up to ${MAX_COMMUNITY_ORDER_MONTHS} months`}
                className="govuk-input--width-4"
                inputMode="numeric"
                defaultValue={value("communityOrderMonths")}
                error={fieldError("communityOrderMonths")}
                {...form.register("communityOrderMonths")}
              />
            </>
          )}
        </fieldset>
        <TextInput
          id="costs"
          label="Costs in pounds"
          labelClass="govuk-label--s"
          hint="Leave blank for none"
          className="govuk-input--width-10"
          inputMode="decimal"
          defaultValue={value("costs")}
          error={fieldError("costs")}
          {...form.register("costs")}
        />
        <TextInput
          id="victimSurcharge"
          label="Victim surcharge in pounds"
          labelClass="govuk-label--s"
          hint="Leave blank for none"
          className="govuk-input--width-10"
          inputMode="decimal"
          defaultValue={value("victimSurcharge")}
          error={fieldError("victimSurcharge")}
          {...form.register("victimSurcharge")}
        />
        {correction && (
          <Textarea
            id="reason"
            label="Why are you correcting it?"
            labelClass="govuk-label--s"
            hint="The original stays in the audit log, and the timeline shows the outcome as corrected."
            rows={3}
            defaultValue={typed("reason")}
            error={fieldError("reason")}
            {...form.register("reason" as never)}
          />
        )}
        <Button disabled={pending}>{correction ? "Correct the outcome" : "Record outcome"}</Button>
      </form>
    </>
  );
}
