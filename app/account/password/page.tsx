import { requireUser } from "@/lib/server/auth";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "Change your password" };

export default async function ChangePasswordPage() {
  const actor = await requireUser({ allowPasswordChange: true });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ChangePasswordForm mustChange={actor.mustChangePassword} />
      </div>
    </div>
  );
}
