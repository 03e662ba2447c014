"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { placeLegalHoldSchema } from "@/lib/schemas/retention";
import { placeLegalHoldAction } from "./actions";

export function PlaceHoldForm() {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    placeLegalHoldSchema,
    placeLegalHoldAction,
    ["subject", "caseId", "upn", "parentId", "reason"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Legal hold placed. Nothing it covers will be erased.</p>
          </div>
        </div>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <Radios
          id="subject"
          legend="What is the hold on?"
          error={fieldError("subject")}
          defaultValue={value("subject")}
          options={[
            { value: "case", text: "A case" },
            { value: "pupil", text: "A pupil, and every case they are in" },
            { value: "parent", text: "A parent or carer, and every case they are party to" },
          ]}
          input={form.register("subject")}
        />
        <TextInput
          id="caseId"
          label="Case reference (for a hold on a case)"
          hint="As in the case's address, for example 3f2b…-…"
          className="govuk-input--width-30"
          spellCheck={false}
          defaultValue={value("caseId")}
          error={fieldError("caseId")}
          {...form.register("caseId")}
        />
        <TextInput
          id="upn"
          label="Pupil's UPN (for a hold on a pupil)"
          className="govuk-input--width-20"
          spellCheck={false}
          defaultValue={value("upn")}
          error={fieldError("upn")}
          {...form.register("upn")}
        />
        <TextInput
          id="parentId"
          label="Parent or carer's reference (for a hold on a parent or carer)"
          className="govuk-input--width-30"
          spellCheck={false}
          defaultValue={value("parentId")}
          error={fieldError("parentId")}
          {...form.register("parentId")}
        />
        <Textarea
          id="reason"
          label="Why must the records be kept?"
          hint="For example the proceedings, complaint or inquiry, with its reference"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Button disabled={pending}>Place the hold</Button>
      </form>
    </>
  );
}
