import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/auth";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  if (await getActor()) redirect("/");
  const params = await searchParams;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.timeout && (
          <div className="govuk-inset-text">You were signed out because you were inactive for 30 minutes.</div>
        )}
        {params.signedOut && <div className="govuk-inset-text">You have signed out.</div>}
        <SignInForm />
      </div>
    </div>
  );
}
