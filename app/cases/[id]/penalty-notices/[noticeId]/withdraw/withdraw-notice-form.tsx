"use client";
import { DateInput, dateHint, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { withdrawPenaltyNoticeSchema } from "@/lib/schemas/penalty-notices";
import { withdrawPenaltyNoticeAction } from "./actions";

export function WithdrawNoticeForm({ noticeId, version, today }: { noticeId: string; version: number; today: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    withdrawPenaltyNoticeSchema,
    withdrawPenaltyNoticeAction,
    ["withdrawnOn", "reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Withdraw the penalty notice</h1>
      <p className="govuk-body">
        A withdrawn notice cannot be paid and does not count towards the limit of two notices in 3 years.
      </p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={noticeId} {...form.register("noticeId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <DateInput
          id="withdrawnOn"
          legend="Date withdrawn"
          hint={dateHint(today)}
          defaultParts={typedParts(value, "withdrawnOn")}
          error={fieldError("withdrawnOn")}
          register={(name) => form.register(name as never)}
        />
        <Textarea
          id="reason"
          label="Reason for withdrawing the notice"
          labelClass="govuk-label--s"
          hint="For example, issued in error, a material error on the notice, or issued outside the code of conduct"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button warning disabled={pending}>
          Withdraw the notice
        </Button>
      </form>
    </>
  );
}
