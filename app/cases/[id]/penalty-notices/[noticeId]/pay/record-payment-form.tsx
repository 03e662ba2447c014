"use client";
import { DateInput, dateHint, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { recordPenaltyPaymentSchema } from "@/lib/schemas/penalty-notices";
import { recordPenaltyPaymentAction } from "./actions";

export function RecordPaymentForm({
  noticeId,
  version,
  amounts,
  today,
}: {
  noticeId: string;
  version: number;
  amounts: string;
  today: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    recordPenaltyPaymentSchema,
    recordPenaltyPaymentAction,
    ["paidOn", "amount"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Record a payment</h1>
      <p className="govuk-body">Amount due: {amounts}.</p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={noticeId} {...form.register("noticeId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <DateInput
          id="paidOn"
          legend="Date paid"
          hint={dateHint(today)}
          defaultParts={typedParts(value, "paidOn")}
          error={fieldError("paidOn")}
          register={(name) => form.register(name as never)}
        />
        <TextInput
          id="amount"
          label="Amount paid, in pounds"
          labelClass="govuk-label--s"
          hint="For example, 80.00"
          className="govuk-input--width-10"
          defaultValue={value("amount")}
          error={fieldError("amount")}
          {...form.register("amount")}
        />
        <Button disabled={pending}>Record the payment</Button>
      </form>
    </>
  );
}
