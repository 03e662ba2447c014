"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { describeMonths, RETENTION_RULES, type RetentionRecordType } from "@/lib/domain/retention";
import { retentionScheduleSchema } from "@/lib/schemas/retention";
import { setRetentionScheduleAction } from "./actions";
import { SuccessBanner } from "@/components/govuk/success-banner";

export function RetentionScheduleForm({ periods }: { periods: { type: RetentionRecordType; keepMonths: number }[] }) {
  const fields = periods.map((p) => `keep-${p.type}`);
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    retentionScheduleSchema,
    setRetentionScheduleAction,
    fields,
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <SuccessBanner id="schedule-saved-title">
          <p className="govuk-notification-banner__heading">
            {state.data.changed === 0
              ? "Nothing changed."
              : `Retention schedule saved: ${state.data.changed} period${state.data.changed === 1 ? "" : "s"} changed.`}
          </p>
        </SuccessBanner>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        {periods.map((p) => {
          const rule = RETENTION_RULES[p.type];
          const name = `keep-${p.type}` as const;
          return (
            <TextInput
              key={p.type}
              id={name}
              label={`${rule.label} (months)`}
              labelClass="govuk-label--s"
              hint={
                <>
                  Kept from {rule.from}. {rule.basis === "statutory" ? "Statutory" : "Local policy"}: {rule.source}.
                  Default {describeMonths(rule.defaultMonths)}
                  {rule.minMonths > 1 ? `; at least ${describeMonths(rule.minMonths)}` : ""}.
                </>
              }
              inputMode="numeric"
              className="govuk-input--width-4"
              defaultValue={value(name) ?? String(p.keepMonths)}
              error={fieldError(name)}
              {...form.register(name)}
            />
          );
        })}
        <Button disabled={pending}>Save the schedule</Button>
      </form>
    </>
  );
}
