"use client";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { CaseOpeningFields } from "@/components/cases/case-opening-fields";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { openCaseSchema } from "@/lib/schemas/case";
import { openCaseAction } from "./actions";

export type ParentOption = { id: string; name: string; detail: string; parentalResponsibility: boolean };

export function OpenCaseForm({
  pupilId,
  parents,
  officers,
  defaultOfficerId,
  today,
  todayText,
}: {
  pupilId: string;
  parents: ParentOption[];
  officers: { id: string; name: string }[];
  defaultOfficerId: string;
  today: string;
  todayText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    openCaseSchema,
    openCaseAction,
    ["parentIds", "assignedOfficerId", "openedOn", "note"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Open a case</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={pupilId} {...form.register("pupilId")} />
        {parents.length === 0 ? (
          <p className="govuk-body" id="parentIds">
            No parents or carers are recorded for this pupil, so the case will name none.
          </p>
        ) : (
          <Checkboxes
            id="parentIds"
            legend="Parents and carers the case concerns"
            legendClass="govuk-fieldset__legend--s"
            hint="Each is a separate party, with their own letters and, later, their own penalty notices or referral"
            error={fieldError("parentIds")}
            options={parents.map((p) => ({
              value: p.id,
              text: p.name,
              hint: p.detail,
              defaultChecked: p.parentalResponsibility,
            }))}
            input={form.register("parentIds")}
          />
        )}
        <CaseOpeningFields
          officers={officers}
          defaultOfficerId={defaultOfficerId}
          today={today}
          todayText={todayText}
          value={value}
          fieldError={fieldError}
          register={{
            assignedOfficerId: form.register("assignedOfficerId"),
            date: (name) => form.register(name as never),
          }}
        />
        <Textarea
          id="note"
          label="Note (optional)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("note")}
          error={fieldError("note")}
          {...form.register("note")}
        />
        <Button disabled={pending}>Open the case</Button>
      </form>
    </>
  );
}
