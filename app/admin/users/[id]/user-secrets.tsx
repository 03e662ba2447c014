"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { createApiTokenAction, resetPasswordAction } from "../actions";
import { SecretPanel } from "../secret-panel";

/** Reset password and create API token: each shows its secret once. */
export function UserSecrets({ userId }: { userId: string }) {
  const [reset, resetAction, resetting] = useActionState(resetPasswordAction, null);
  const [token, tokenAction, creating] = useActionState(createApiTokenAction, null);
  const errors = [reset, token].flatMap((s) =>
    s && !s.ok
      ? Object.values(s.fieldErrors)
          .flat()
          .map((message) => ({ message }))
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
      {token?.ok && (
        <SecretPanel
          title="API token created"
          secret={token.data.secret}
          note="Send it as Authorization: Bearer <token>. It acts as this user until revoked, and will not be shown again."
        />
      )}
      <h2 className="govuk-heading-m">Password</h2>
      <form action={resetAction}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={resetting}>
          Reset password
        </button>
      </form>
      <h2 className="govuk-heading-m">Create an API token</h2>
      <form action={tokenAction}>
        <input type="hidden" name="userId" value={userId} />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="label">
            Label (what the token is for)
          </label>
          <input className="govuk-input govuk-!-width-one-half" id="label" name="label" maxLength={100} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={creating}>
          Create API token
        </button>
      </form>
    </>
  );
}
