"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { mergeFlagSchema } from "@/lib/schemas/case";
import { mergeFlagAction } from "./actions";

/** One button: add the flag to the pupil's open case (the timeline records it). */
export function MergeFlagForm({ flagId }: { flagId: string }) {
  const { form, formAction, onSubmit, pending, summary } = useZodForm(mergeFlagSchema, mergeFlagAction, []);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <input type="hidden" defaultValue={flagId} {...form.register("flagId")} />
      <Button secondary disabled={pending}>
        Add to the open case
      </Button>
    </form>
  );
}
