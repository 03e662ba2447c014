import Link from "next/link";
import { redirect } from "next/navigation";
import { accessReasonReturnPath, REASON_LIFETIME_HOURS } from "@/lib/domain/access-reason";
import { requirePermission } from "@/lib/server/auth";
import { checkAccessReason } from "@/lib/server/cases/access-reason";
import { orNotFound } from "@/lib/server/not-found";
import { AccessReasonForm } from "./access-reason-form";

export const metadata = { title: "Why are you opening this case?" };

/** The interstitial before a manager reads a case assigned to another officer (lib/domain/access-reason.ts): it
 * names only whose caseload the case is in, never the child's details. */
export default async function AccessReasonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const actor = await requirePermission("case.read");
  const caseId = (await params).id;
  const next = (await searchParams).next;
  // Where to go once the reason is given: the case's sub-page the manager was opening, or the case.
  const returnTo = accessReasonReturnPath(caseId, typeof next === "string" ? next : null);
  const access = await orNotFound(checkAccessReason(actor, caseId));
  if (!access.needed || access.reason) redirect(returnTo);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href="/cases">
          Back to cases
        </Link>
        <h1 className="govuk-heading-l">Why are you opening this case?</h1>
        <p className="govuk-body">
          This case is in {access.assignedOfficer}&apos;s caseload, not yours. Children&apos;s records are opened only
          for a reason, and the law requires the reason to be logged (Data Protection Act 2018, section 62).
        </p>
        <p className="govuk-body">
          Your reason covers this case for the rest of this session, for at most {REASON_LIFETIME_HOURS} hours.
        </p>
        <AccessReasonForm caseId={caseId} next={returnTo} />
      </div>
    </div>
  );
}
