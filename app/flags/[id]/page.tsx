import Link from "next/link";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { getFlag } from "@/lib/server/flags/get-flag";
import { FlagSummary } from "./flag-summary";
import { MergeFlagForm } from "./merge-flag-form";

export const metadata = { title: "Flag" };

/** One school flag: what the school sent, and (while undecided) accept, decline or add to the open case. */
export default async function FlagPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.triage");
  const flag = await orNotFound(getFlag(actor, (await params).id));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href="/flags">
          Back to flags to triage
        </Link>
        <span className="govuk-caption-l">Flag from {flag.school.name}</span>
        <h1 className="govuk-heading-l">
          {flag.pupil.firstName} {flag.pupil.lastName}
        </h1>
        <FlagSummary flag={flag} />
        {flag.status === "new" ? (
          <>
            <h2 className="govuk-heading-m">Decide</h2>
            {flag.openCaseId ? (
              <>
                <p className="govuk-body">
                  This pupil already has an{" "}
                  <Link className="govuk-link" href={`/cases/${flag.openCaseId}`}>
                    open case
                  </Link>
                  . Add the flag to it: the case&apos;s timeline records the flag and the school sees it was added to an
                  open case.
                </p>
                <MergeFlagForm flagId={flag.id} />
              </>
            ) : (
              <div className="govuk-button-group">
                <Link className="govuk-button" href={`/flags/${flag.id}/accept`}>
                  Accept and open a case
                </Link>
              </div>
            )}
            <p className="govuk-body">
              <Link className="govuk-link" href={`/flags/${flag.id}/decline`}>
                Decline this flag
              </Link>
            </p>
          </>
        ) : (
          flag.caseId && (
            <p className="govuk-body">
              <Link className="govuk-link" href={`/cases/${flag.caseId}`}>
                View the case
              </Link>
            </p>
          )
        )}
      </div>
    </div>
  );
}
