"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { secondFactorCodeSchema } from "@/lib/schemas/auth";
import { verifyCodeAction } from "./actions";

export function CodeForm() {
  const { form, formAction, onSubmit, pending, fieldError, summary } = useZodForm(
    secondFactorCodeSchema,
    verifyCodeAction,
    ["code"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Enter your code</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="code"
          label="Code from your authenticator app"
          labelClass="govuk-label--s"
          hint="The 6-digit code your authenticator app shows for Fast Track. If you do not have your phone, enter one of your recovery codes instead."
          autoComplete="one-time-code"
          spellCheck={false}
          className="govuk-input--width-20"
          error={fieldError("code")}
          {...form.register("code")}
        />
        <Button disabled={pending}>Continue</Button>
      </form>
      <p className="govuk-body">
        If you have lost your phone and your recovery codes, ask your administrator to reset your authenticator.
      </p>
    </>
  );
}
