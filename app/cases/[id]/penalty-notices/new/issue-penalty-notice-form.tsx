"use client";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { useZodForm } from "@/components/forms/use-zod-form";
import { issuePenaltyNoticeSchema } from "@/lib/schemas/penalty-notices";
import { issuePenaltyNoticeAction } from "./actions";

export function IssuePenaltyNoticeForm({
  caseId,
  parents,
  notOffered,
  defaults,
}: {
  caseId: string;
  /** The parents/carers who may be given a notice today. */
  parents: { id: string; name: string }[];
  /** Why the other parents/carers on the case are not offered, one sentence each. */
  notOffered: string[];
  defaults: { issueDate: string; periodStart: string; periodEnd: string };
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    issuePenaltyNoticeSchema,
    issuePenaltyNoticeAction,
    ["parentId", "issueDate", "periodStart", "periodEnd"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Issue a penalty notice</h1>
      <p className="govuk-body">
        A notice is for one parent or carer and this pupil. It can be issued only when the offence period has at least
        10 unauthorised sessions (codes G, N, O, U) in no more than 10 school weeks, and not as a third notice within 3
        years. The amounts and payment dates follow the rules in force on the issue date.
      </p>
      {notOffered.length > 0 && (
        <div className="govuk-inset-text">
          {notOffered.map((m) => (
            <p className="govuk-body" key={m}>
              {m}
            </p>
          ))}
        </div>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <Radios
          id="parentId"
          legend="Who is the notice for?"
          defaultValue={value("parentId")}
          error={fieldError("parentId")}
          options={parents.map((p) => ({ value: p.id, text: p.name }))}
          input={form.register("parentId")}
        />
        <DateInput
          id="issueDate"
          legend="Date issued"
          hint="For example, 20 11 2026 (or type 20/11/2026)"
          defaultValue={typedParts(value, "issueDate") ? undefined : defaults.issueDate}
          defaultParts={typedParts(value, "issueDate")}
          error={fieldError("issueDate")}
          register={(name) => form.register(name as never)}
        />
        <DateInput
          id="periodStart"
          legend="First day of the offence period"
          hint="For example, 20 11 2026 (or type 20/11/2026)"
          defaultValue={typedParts(value, "periodStart") ? undefined : defaults.periodStart}
          defaultParts={typedParts(value, "periodStart")}
          error={fieldError("periodStart")}
          register={(name) => form.register(name as never)}
        />
        <DateInput
          id="periodEnd"
          legend="Last day of the offence period"
          hint="For example, 20 11 2026 (or type 20/11/2026)"
          defaultValue={typedParts(value, "periodEnd") ? undefined : defaults.periodEnd}
          defaultParts={typedParts(value, "periodEnd")}
          error={fieldError("periodEnd")}
          register={(name) => form.register(name as never)}
        />
        <Button disabled={pending}>Issue the notice</Button>
      </form>
    </>
  );
}
