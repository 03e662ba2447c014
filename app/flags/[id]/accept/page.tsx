import Link from "next/link";
import { redirect } from "next/navigation";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { findOfficers } from "@/lib/server/cases/find-officers";
import { orNotFound } from "@/lib/server/not-found";
import { getFlag } from "@/lib/server/flags/get-flag";
import { AcceptFlagForm } from "./accept-flag-form";

export const metadata = { title: "Accept a flag" };

export default async function AcceptFlagPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.triage");
  const flag = await orNotFound(getFlag(actor, (await params).id));
  if (flag.status !== "new") redirect(`/flags/${flag.id}`);
  const officers = await findOfficers(actor);
  const now = today();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href={`/flags/${flag.id}`}>
          Back to the flag
        </Link>
        <span className="govuk-caption-l">
          {flag.pupil.firstName} {flag.pupil.lastName}, {flag.school.name}
        </span>
        <h1 className="govuk-heading-l">Accept the flag and open a case</h1>
        <AcceptFlagForm
          flagId={flag.id}
          officers={officers}
          defaultOfficerId={actor.role === "officer" ? actor.id : ""}
          today={now}
          todayText={formatUkDate(now)}
        />
      </div>
    </div>
  );
}
