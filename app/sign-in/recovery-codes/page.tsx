import { redirect } from "next/navigation";
import { requireUser } from "@/lib/server/auth";
import { readHeldRecoveryCodes } from "@/lib/server/pending-sign-in";
import { savedRecoveryCodesAction } from "./actions";

export const metadata = { title: "Your recovery codes" };

/** The ten recovery codes, shown once, straight after enrolment. */
export default async function RecoveryCodesPage() {
  const actor = await requireUser({ allowPasswordChange: true });
  const codes = await readHeldRecoveryCodes(actor.id);
  if (!codes) redirect(actor.mustChangePassword ? "/account/password" : "/");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h1 className="govuk-panel__title">Your authenticator app is set up</h1>
        </div>
        <h2 className="govuk-heading-m">Your recovery codes</h2>
        <p className="govuk-body">
          Keep these somewhere safe, away from your phone. Each one signs you in once if you cannot use your
          authenticator app. They will not be shown again.
        </p>
        <ul className="govuk-list app-recovery-codes" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <form action={savedRecoveryCodesAction}>
          <button type="submit" className="govuk-button">
            I have saved my recovery codes, continue
          </button>
        </form>
      </div>
    </div>
  );
}
