"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { cancelTaskSchema } from "@/lib/schemas/tasks";
import { cancelTaskAction } from "../actions";

export function CancelTaskForm({ taskId, version }: { taskId: string; version: number }) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    cancelTaskSchema,
    cancelTaskAction,
    ["reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={taskId} {...form.register("taskId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Textarea
          id="reason"
          label="Why is it cancelled?"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button warning disabled={pending}>
          Cancel the task
        </Button>
      </form>
    </>
  );
}
