"use client";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { completeTaskSchema } from "@/lib/schemas/tasks";
import { completeTaskAction } from "../actions";

export function CompleteTaskForm({
  taskId,
  version,
  caseOpenedOn,
  today,
  recordsAs,
}: {
  taskId: string;
  version: number;
  caseOpenedOn: string;
  today: string;
  recordsAs: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    completeTaskSchema,
    completeTaskAction,
    ["doneOn", "note"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={taskId} {...form.register("taskId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <input type="hidden" defaultValue={caseOpenedOn} {...form.register("caseOpenedOn")} />
        <input type="hidden" defaultValue={today} {...form.register("today")} />
        <p className="govuk-body">
          This records a <strong>{recordsAs.toLowerCase()}</strong> on the case&apos;s timeline on the date you give.
        </p>
        <DateInput
          id="doneOn"
          legend="When was it done?"
          defaultValue={value("doneOn-day") === undefined ? today : undefined}
          defaultParts={typedParts(value, "doneOn")}
          error={fieldError("doneOn")}
          register={(name) => form.register(name as never)}
        />
        <Textarea
          id="note"
          label="What happened"
          labelClass="govuk-label--s"
          hint="Who was there, what was said and agreed. Left blank, the task's description is recorded."
          defaultValue={value("note")}
          error={fieldError("note")}
          {...form.register("note")}
        />
        <Button disabled={pending}>Mark as done</Button>
      </form>
    </>
  );
}
