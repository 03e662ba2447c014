import Link from "next/link";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { getFlag } from "@/lib/server/flags/get-flag";
import { DeclineFlagForm } from "./decline-flag-form";

export const metadata = { title: "Decline a flag" };

export default async function DeclineFlagPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.triage");
  const flag = await orNotFound(getFlag(actor, (await params).id));
  if (flag.status !== "new") redirect(`/flags/${flag.id}`);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href={`/flags/${flag.id}`}>
          Back to the flag
        </Link>
        <span className="govuk-caption-l">
          {flag.pupil.firstName} {flag.pupil.lastName}, {flag.school.name}
        </span>
        <h1 className="govuk-heading-l">Decline the flag</h1>
        <DeclineFlagForm flagId={flag.id} />
      </div>
    </div>
  );
}
