import { redirect } from "next/navigation";
import { readPendingSignIn } from "@/lib/server/pending-sign-in";
import { beginEnrolment } from "@/lib/server/second-factor/enrolment";
import { EnrolForm } from "./enrol-form";

export const metadata = { title: "Set up your authenticator app" };

export default async function AuthenticatorPage() {
  const pending = await readPendingSignIn();
  if (!pending || pending.step !== "enrol") redirect("/sign-in");
  const { secret, qrSvg } = await beginEnrolment(pending.user.id);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <EnrolForm qrSvg={qrSvg} secret={secret} />
      </div>
    </div>
  );
}
