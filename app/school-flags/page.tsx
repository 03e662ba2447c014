import Link from "next/link";
import { FlagStatusTag } from "@/components/cases/flag-status-tag";
import { formatUkDateOf } from "@/components/cases/format";
import { Table } from "@/components/govuk/table";
import { requirePermission } from "@/lib/server/auth";
import { findFlags } from "@/lib/server/flags/find-flags";
import { SuccessBanner } from "@/components/govuk/success-banner";

export const metadata = { title: "Your school's flags" };

/** School staff: their school's flags, newest first, with each one's status (and a decline's reason) only. */
export default async function SchoolFlagsPage({
  searchParams,
}: {
  searchParams: Promise<{ flagged?: string; added?: string }>;
}) {
  const actor = await requirePermission("case.flag");
  const flags = await findFlags(actor);
  const params = await searchParams;
  const justFlagged = params.flagged === "1";
  const justAdded = params.added === "1";
  return (
    <>
      {justFlagged && (
        <SuccessBanner id="flag-sent-title">
          <p className="govuk-notification-banner__heading">Flag sent to the attendance service</p>
        </SuccessBanner>
      )}
      {justAdded && (
        <SuccessBanner id="flag-added-title">
          <p className="govuk-notification-banner__heading">Added to the flag</p>
        </SuccessBanner>
      )}
      <span className="govuk-caption-l">{actor.schoolName}</span>
      <h1 className="govuk-heading-l">Your school&apos;s flags</h1>
      <p className="govuk-body">
        To flag a pupil, open their page from{" "}
        <Link className="govuk-link" href="/pupils">
          Pupils
        </Link>{" "}
        and choose &ldquo;Flag this pupil&rdquo;.
      </p>
      {flags.length === 0 ? (
        <p className="govuk-body">Your school has not flagged any pupils yet.</p>
      ) : (
        <Table
          caption="Flags, newest first"
          captionHidden
          rowKey={(f) => f.id}
          rows={flags}
          columns={[
            {
              header: "Pupil",
              cell: (f) => (
                <Link className="govuk-link" href={`/pupils/${f.pupil.id}`}>
                  {f.pupil.firstName} {f.pupil.lastName}
                </Link>
              ),
            },
            { header: "UPN", cell: (f) => f.pupil.upn },
            { header: "Flagged on", cell: (f) => formatUkDateOf(f.flaggedAt) },
            {
              header: "Status",
              cell: (f) => (
                <>
                  <FlagStatusTag status={f.status} />
                  <span className="govuk-visually-hidden">: {f.statusLabel}</span>
                </>
              ),
            },
            {
              header: "Decision",
              cell: (f) =>
                f.status === "new" ? (
                  "Waiting for the attendance service"
                ) : f.status === "declined" ? (
                  <>
                    Declined{f.decidedAt ? ` on ${formatUkDateOf(f.decidedAt)}` : ""}: {f.declineReason}
                  </>
                ) : (
                  <>
                    {`${f.statusLabel}${f.decidedAt ? ` (${formatUkDateOf(f.decidedAt)})` : ""}`}
                    {"followCaseId" in f && f.followCaseId && (
                      <>
                        {" "}
                        <Link className="govuk-link" href={`/school-cases/${f.followCaseId}`}>
                          Follow the case
                          <span className="govuk-visually-hidden">
                            {" "}
                            of {f.pupil.firstName} {f.pupil.lastName}
                          </span>
                        </Link>
                      </>
                    )}
                  </>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
