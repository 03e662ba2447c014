"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { releaseLegalHoldSchema } from "@/lib/schemas/retention";
import { releaseLegalHoldAction } from "./actions";

export function ReleaseHoldForm({ holdId }: { holdId: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    releaseLegalHoldSchema,
    releaseLegalHoldAction,
    ["reason"],
  );
  const id = `release-${holdId}`;
  return (
    <>
      <ErrorSummary errors={summary.map((e) => ({ ...e, field: e.field ? id : undefined }))} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" value={holdId} {...form.register("holdId")} />
        <Textarea
          id={id}
          label="Why is the hold released?"
          rows={2}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button secondary disabled={pending}>
          Release the hold
        </Button>
      </form>
    </>
  );
}
