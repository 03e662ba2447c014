"use client";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { SCHEDULABLE_TASK_KINDS, TASK_KIND_LABELS } from "@/lib/domain/tasks";
import { scheduleTaskSchema } from "@/lib/schemas/tasks";
import { scheduleTaskAction } from "./actions";

export function ScheduleTaskForm({
  caseId,
  caseOpenedOn,
  today,
  assignees,
  defaultAssignee,
}: {
  caseId: string;
  caseOpenedOn: string;
  today: string;
  assignees: { id: string; name: string }[];
  defaultAssignee: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    scheduleTaskSchema,
    scheduleTaskAction,
    ["kind", "title", "dueOn", "dueTime", "assignedTo", "notes"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Book a visit, meeting, call or reminder</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={caseOpenedOn} {...form.register("caseOpenedOn")} />
        <input type="hidden" defaultValue={today} {...form.register("today")} />
        <Radios
          id="kind"
          legend="What are you booking?"
          defaultValue={value("kind")}
          error={fieldError("kind")}
          options={SCHEDULABLE_TASK_KINDS.map((k) => ({ value: k, text: TASK_KIND_LABELS[k] }))}
          input={form.register("kind")}
        />
        <TextInput
          id="title"
          label="Description (optional)"
          labelClass="govuk-label--s"
          hint="For example, Meeting at school with the head of year"
          defaultValue={value("title")}
          error={fieldError("title")}
          {...form.register("title")}
        />
        <DateInput
          id="dueOn"
          legend="Date"
          hint="Today or later. For example, 27 3 2027 (or type 27/3/2027)"
          defaultParts={typedParts(value, "dueOn")}
          error={fieldError("dueOn")}
          register={(name) => form.register(name as never)}
        />
        <TextInput
          id="dueTime"
          label="Time (optional)"
          labelClass="govuk-label--s"
          hint="For example, 9:30am, 2pm or 14:05"
          className="govuk-input--width-5"
          autoComplete="off"
          spellCheck={false}
          defaultValue={value("dueTime")}
          error={fieldError("dueTime")}
          {...form.register("dueTime")}
        />
        <Select
          id="assignedTo"
          label="Who will do it?"
          labelClass="govuk-label--s"
          defaultValue={value("assignedTo") ?? defaultAssignee}
          error={fieldError("assignedTo")}
          options={assignees.map((a) => ({ value: a.id, text: a.name }))}
          {...form.register("assignedTo")}
        />
        <Textarea
          id="notes"
          label="Notes (optional)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("notes")}
          error={fieldError("notes")}
          {...form.register("notes")}
        />
        <Button disabled={pending}>Book it</Button>
      </form>
    </>
  );
}
