"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { reassignTaskSchema } from "@/lib/schemas/tasks";
import { reassignTaskAction } from "../actions";

export function ReassignTaskForm({
  taskId,
  version,
  assignees,
}: {
  taskId: string;
  version: number;
  assignees: { id: string; name: string }[];
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    reassignTaskSchema,
    reassignTaskAction,
    ["assignedTo"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={taskId} {...form.register("taskId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Select
          id="assignedTo"
          label="Who should do it?"
          labelClass="govuk-label--s"
          defaultValue={value("assignedTo") ?? ""}
          error={fieldError("assignedTo")}
          options={[
            { value: "", text: "Choose an officer or manager" },
            ...assignees.map((a) => ({ value: a.id, text: a.name })),
          ]}
          {...form.register("assignedTo")}
        />
        <Button disabled={pending}>Reassign</Button>
      </form>
    </>
  );
}
