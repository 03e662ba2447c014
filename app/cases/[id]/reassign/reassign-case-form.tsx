"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { reassignCaseSchema } from "@/lib/schemas/case";
import { reassignCaseAction } from "./actions";

export function ReassignCaseForm({
  caseId,
  version,
  officers,
  currentOfficer,
}: {
  caseId: string;
  version: number;
  officers: { id: string; name: string }[];
  currentOfficer: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    reassignCaseSchema,
    reassignCaseAction,
    ["officerId", "reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Reassign the case</h1>
      <p className="govuk-body">The case is assigned to {currentOfficer}. The timeline records the change.</p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Select
          id="officerId"
          label="Officer to assign the case to"
          labelClass="govuk-label--s"
          defaultValue={value("officerId") ?? ""}
          error={fieldError("officerId")}
          options={[{ value: "", text: "Select an officer" }, ...officers.map((o) => ({ value: o.id, text: o.name }))]}
          {...form.register("officerId")}
        />
        <Textarea
          id="reason"
          label="Reason (optional)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button disabled={pending}>Reassign</Button>
      </form>
    </>
  );
}
