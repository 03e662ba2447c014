"use client";
import Link from "next/link";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { secondFactorCodeSchema } from "@/lib/schemas/auth";
import { enrolAuthenticatorAction } from "./actions";

/** Scan (or type) the secret, prove it with a code, then keep the ten recovery codes, shown this once. */
export function EnrolForm({ qrSvg, secret }: { qrSvg: string; secret: string }) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary } = useZodForm(
    secondFactorCodeSchema,
    enrolAuthenticatorAction,
    ["code"],
  );
  if (state?.ok) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h1 className="govuk-panel__title">Your authenticator app is set up</h1>
        </div>
        <h2 className="govuk-heading-m">Your recovery codes</h2>
        <p className="govuk-body">
          Keep these somewhere safe, away from your phone. Each one signs you in once if you cannot use your
          authenticator app. They will not be shown again.
        </p>
        <ul className="govuk-list app-recovery-codes" data-testid="recovery-codes">
          {state.data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Link className="govuk-button" href={state.data.next}>
          I have saved my recovery codes, continue
        </Link>
      </>
    );
  }
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
