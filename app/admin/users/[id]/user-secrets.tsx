"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { resetPasswordAction } from "../actions";
import { SecretPanel } from "../secret-panel";

/** Reset password: shows the one-time password once. */
export function UserSecrets({ userId }: { userId: string }) {
  const [reset, resetAction, resetting] = useActionState(resetPasswordAction, null);
  const errors = [reset].flatMap((s) =>
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
      <h2 className="govuk-heading-m">Password</h2>
      <form action={resetAction}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={resetting}>
          Reset password
        </button>
      </form>
    </>
  );
}
