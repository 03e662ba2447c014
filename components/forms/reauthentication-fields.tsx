"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextInput } from "@/components/govuk/fields";

/**
 * "Confirm it is you": the password (and, once enrolled, the authenticator code) asked for again before a
 * sensitive action. The server checks them (confirmIdentity); a wrong password counts towards the sign-in lock.
 */
export function ReauthenticationFields({
  register,
  fieldError,
  withCode,
}: {
  register: (name: "yourPassword" | "yourCode") => UseFormRegisterReturn;
  fieldError: (name: string) => string | undefined;
  withCode: boolean;
}) {
  return (
    <fieldset className="govuk-fieldset govuk-!-margin-bottom-6">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Confirm it is you</legend>
      <TextInput
        id="yourPassword"
        label="Your password"
        type="password"
        autoComplete="current-password"
        className="govuk-!-width-one-half"
        error={fieldError("yourPassword")}
        {...register("yourPassword")}
      />
      {withCode && (
        <TextInput
          id="yourCode"
          label="Code from your authenticator app"
          hint="The 6-digit code, or one of your recovery codes"
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          className="govuk-input--width-10"
          error={fieldError("yourCode")}
          {...register("yourCode")}
        />
      )}
    </fieldset>
  );
}
