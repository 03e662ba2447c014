"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { CaseOpeningFields } from "@/components/cases/case-opening-fields";
import { Button } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { acceptFlagSchema } from "@/lib/schemas/case";
import { acceptFlagAction } from "../actions";

export function AcceptFlagForm({
  flagId,
  officers,
  defaultOfficerId,
  today,
  todayText,
}: {
  flagId: string;
  officers: { id: string; name: string }[];
  defaultOfficerId: string;
  today: string;
  todayText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    acceptFlagSchema,
    acceptFlagAction,
    ["assignedOfficerId", "openedOn"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={flagId} {...form.register("flagId")} />
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
        <p className="govuk-body">The case names the pupil&apos;s parents and carers with parental responsibility.</p>
        <Button disabled={pending}>Accept and open a case</Button>
      </form>
    </>
  );
}
