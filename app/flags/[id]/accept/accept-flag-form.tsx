"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { acceptFlagSchema } from "@/lib/schemas/case";
import { acceptFlagAction } from "../actions";

export function AcceptFlagForm({ flagId, officers, defaultOfficerId, today, todayText }: {
  flagId: string;
  officers: { id: string; name: string }[];
  defaultOfficerId: string;
  today: string;
  todayText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(acceptFlagSchema, acceptFlagAction, [
    "assignedOfficerId", "openedOn",
  ]);
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={flagId} {...form.register("flagId")} />
        <Select id="assignedOfficerId" label="Officer to assign the case to" labelClass="govuk-label--s"
          defaultValue={value("assignedOfficerId") ?? defaultOfficerId} error={fieldError("assignedOfficerId")}
          options={[{ value: "", text: "Select an officer" }, ...officers.map((o) => ({ value: o.id, text: o.name }))]}
          {...form.register("assignedOfficerId")} />
        <TextInput id="openedOn" label="Date the case opened" labelClass="govuk-label--s"
          hint={`As YYYY-MM-DD. Today (${todayText}) unless the case is being brought over from another system: an earlier date back-dates it, and the timeline says so.`}
          className="govuk-input--width-10" spellCheck={false} autoComplete="off"
          defaultValue={value("openedOn") ?? today} error={fieldError("openedOn")} {...form.register("openedOn")} />
        <p className="govuk-body">The case names the pupil&apos;s parents and carers with parental responsibility.</p>
        <Button disabled={pending}>Accept and open a case</Button>
      </form>
    </>
  );
}
