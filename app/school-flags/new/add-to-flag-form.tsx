"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { addToFlagSchema } from "@/lib/schemas/case";
import { addToFlagAction } from "../actions";

/** Adds what the school knows to a flag still waiting for the attendance service. */
export function AddToFlagForm({ flagId }: { flagId: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addToFlagSchema,
    addToFlagAction,
    ["note"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={flagId} {...form.register("flagId")} />
        <Textarea
          id="note"
          label="Add to the flag"
          labelClass="govuk-label--m"
          hint="What has happened since, or what the attendance service should know. It goes with the flag."
          defaultValue={value("note")}
          error={fieldError("note")}
          {...form.register("note")}
        />
        <Button disabled={pending}>Add to the flag</Button>
      </form>
    </>
  );
}
