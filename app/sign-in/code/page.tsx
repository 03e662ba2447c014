import { redirect } from "next/navigation";
import { readPendingSignIn } from "@/lib/server/pending-sign-in";
import { CodeForm } from "./code-form";

export const metadata = { title: "Enter your code" };

export default async function CodePage() {
  const pending = await readPendingSignIn();
  if (!pending || pending.step !== "verify") redirect("/sign-in");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <CodeForm />
      </div>
    </div>
  );
}
