"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { TextInput } from "@/components/govuk/fields";
import type { ActionState } from "@/lib/schemas/action-state";
import { resetPasswordAction, resetSecondFactorAction } from "../actions";
import { SecretPanel } from "../secret-panel";

/** Reset password (shows the one-time password once) and reset the authenticator; each after the administrator
 * confirms it is them. */
export function UserSecrets({ userId, withCode, enrolled }: { userId: string; withCode: boolean; enrolled: boolean }) {
  const [reset, resetAction, resetting] = useActionState(resetPasswordAction, null);
  const [factor, factorAction, resettingFactor] = useActionState(resetSecondFactorAction, null);
  const errors = [reset, factor].flatMap((s) =>
    s && !s.ok
      ? [...(s.formError ? [s.formError] : []), ...Object.values(s.fieldErrors).flat()].map((message) => ({ message }))
      : [],
  );
  return (
    <>
      <ErrorSummary errors={errors} />
      {reset?.ok && (
        <SecretPanel
          title="Password reset"
          secret={reset.data.secret}
          note="Their sessions have ended. Give them this one-time password securely; they must change it when they sign in."
        />
      )}
      {factor?.ok && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              Authenticator reset: they will set up a new one when they next sign in.
            </p>
          </div>
        </div>
      )}
      <h2 className="govuk-heading-m">Password</h2>
      <form action={resetAction}>
        <input type="hidden" name="userId" value={userId} />
        <ConfirmFields prefix="reset" withCode={withCode} state={reset} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={resetting}>
          Reset password
        </button>
      </form>
      <h2 className="govuk-heading-m">Authenticator app</h2>
      <p className="govuk-body">
        {enrolled ? "Set up." : "Not set up yet: they will set it up when they next sign in."}
      </p>
      {enrolled && (
        <form action={factorAction}>
          <input type="hidden" name="userId" value={userId} />
          <ConfirmFields prefix="factor" withCode={withCode} state={factor} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={resettingFactor}>
            Reset authenticator
          </button>
        </form>
      )}
    </>
  );
}

function ConfirmFields({
  prefix,
  withCode,
  state,
}: {
  prefix: string;
  withCode: boolean;
  state: ActionState<unknown>;
}) {
  const error = (field: string) => (state && !state.ok ? state.fieldErrors[field]?.[0] : undefined);
  return (
    <>
      <TextInput
        id={`${prefix}-yourPassword`}
        name="yourPassword"
        label="Your password (to confirm it is you)"
        type="password"
        autoComplete="current-password"
        className="govuk-!-width-one-half"
        error={error("yourPassword")}
      />
      {withCode && (
        <TextInput
          id={`${prefix}-yourCode`}
          name="yourCode"
          label="Code from your authenticator app"
          autoComplete="one-time-code"
          className="govuk-input--width-10"
          error={error("yourCode")}
        />
      )}
    </>
  );
}
