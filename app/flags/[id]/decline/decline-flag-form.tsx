"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { declineFlagSchema } from "@/lib/schemas/case";
import { declineFlagAction } from "../actions";

export function DeclineFlagForm({ flagId }: { flagId: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    declineFlagSchema,
    declineFlagAction,
    ["reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={flagId} {...form.register("flagId")} />
        <Textarea
          id="reason"
          label="Why are you declining this flag?"
          labelClass="govuk-label--s"
          hint="The school will see this reason beside its flag"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button warning disabled={pending}>
          Decline the flag
        </Button>
      </form>
    </>
  );
}
