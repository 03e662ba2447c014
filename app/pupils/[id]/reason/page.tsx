import Link from "next/link";
import { redirect } from "next/navigation";
import { pupilReasonReturnPath, REASON_LIFETIME_HOURS } from "@/lib/domain/access-reason";
import { requirePermission } from "@/lib/server/auth";
import { checkPupilAccessReason } from "@/lib/server/cases/access-reason";
import { orNotFound } from "@/lib/server/not-found";
import { PupilAccessReasonForm } from "./pupil-access-reason-form";

export const metadata = { title: "Why are you opening this pupil's record?" };

/** The interstitial before a manager or officer reads a pupil whose cases are all someone else's
 * (lib/domain/access-reason.ts): it shows nothing of the child. */
export default async function PupilAccessReasonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const actor = await requirePermission("pupil.read");
  const pupilId = (await params).id;
  const next = (await searchParams).next;
  const returnTo = pupilReasonReturnPath(pupilId, typeof next === "string" ? next : null);
  const access = await orNotFound(checkPupilAccessReason(actor, pupilId));
  if (!access.needed || access.reason) redirect(returnTo);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href="/pupils">
          Back to pupils
        </Link>
        <h1 className="govuk-heading-l">Why are you opening this pupil&apos;s record?</h1>
        <p className="govuk-body">
          This pupil&apos;s cases are in another officer&apos;s caseload, not yours. Children&apos;s records are opened
          only for a reason, and the law requires the reason to be logged (Data Protection Act 2018, section 62).
        </p>
        <p className="govuk-body">
          Your reason covers this pupil for the rest of this session, for at most {REASON_LIFETIME_HOURS} hours.
        </p>
        <PupilAccessReasonForm pupilId={pupilId} next={returnTo} />
      </div>
    </div>
  );
}
