"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { secondFactorCodeSchema } from "@/lib/schemas/auth";
import { enrolAuthenticatorAction } from "./actions";

/** Scan (or type) the secret and prove it with a code; the recovery codes follow on their own page. */
export function EnrolForm({ qrSvg, secret }: { qrSvg: string; secret: string }) {
  const { form, formAction, onSubmit, pending, fieldError, summary } = useZodForm(
    secondFactorCodeSchema,
    enrolAuthenticatorAction,
    ["code"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Set up your authenticator app</h1>
      <p className="govuk-body">
        Fast Track holds records about children, so signing in needs a code from an authenticator app on your phone as
        well as your password.
      </p>
      <ol className="govuk-list govuk-list--number">
        <li>Open an authenticator app (for example Microsoft Authenticator or Google Authenticator).</li>
        <li>Scan this QR code, or enter the key below.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="app-qr-code" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p className="govuk-body">
        Key: <code data-testid="totp-secret">{secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="code"
          label="Code from your authenticator app"
          labelClass="govuk-label--s"
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          className="govuk-input--width-10"
          error={fieldError("code")}
          {...form.register("code")}
        />
        <Button disabled={pending}>Continue</Button>
      </form>
    </>
  );
}
