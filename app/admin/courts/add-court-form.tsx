"use client";
import { useEffect } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { addCourtSchema } from "@/lib/schemas/courts";
import { addCourtAction } from "./actions";

export function AddCourtForm() {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    addCourtSchema,
    addCourtAction,
    ["name", "address"],
  );
  useEffect(() => {
    if (state?.ok) form.reset();
  }, [state, form]);
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <div className="govuk-inset-text" role="status">
          {state.data.name} added to the list
        </div>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h2 className="govuk-heading-m">Add a court</h2>
        <TextInput
          id="name"
          label="Name"
          labelClass="govuk-label--s"
          hint="For example, Teesside Magistrates' Court"
          defaultValue={value("name")}
          error={fieldError("name")}
          {...form.register("name")}
        />
        <Textarea
          id="address"
          label="Address (optional)"
          labelClass="govuk-label--s"
          rows={3}
          defaultValue={value("address")}
          error={fieldError("address")}
          {...form.register("address")}
        />
        <Button disabled={pending}>Add the court</Button>
      </form>
    </>
  );
}
