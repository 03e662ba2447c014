// Both parents' prosecution referrals on one page (issue 15, section 5): the manager reads each parent's own
// evidence and decides each referral on it, side by side. The decisions stay per parent, as the law requires
// (each parent's offence under section 444 is their own): approving or rejecting one leaves the other as it was.
import Link from "next/link";
import { notFound } from "next/navigation";
import { EvidenceDifferences } from "@/components/enforcement/evidence-differences";
import { ReadinessList } from "@/components/enforcement/readiness-list";
import { REFERRAL_STATUS_COLOURS } from "@/components/enforcement/describe";
import { SummaryList } from "@/components/govuk/summary-list";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { OFFENCE_LABELS } from "@/lib/domain/sentencing";
import { REFERRAL_STATUS_LABELS, REJECT_ROUTE_LABELS } from "@/lib/schemas/referrals";
import { requirePermission } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import type { ReferralDetail } from "@/lib/server/referrals/get-referral";
import { getCaseReferrals } from "@/lib/server/referrals/get-case-referrals";
import { ReferralDecision } from "@/app/referrals/[id]/referral-decision";

export const metadata = { title: "Prosecution referrals for a case" };

const pct = (v: number | null) => (v === null ? "Not recorded" : `${v.toFixed(1)}%`);

export default async function CaseReferralsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("referral.read");
  // Not asked for a reason: deciding referrals is the manager's own duty (the referral queue is their caseload), as on
  // each referral's own page (/referrals/[id]).
  let referrals: ReferralDetail[];
  try {
    referrals = await getCaseReferrals(actor, (await params).id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const first = referrals[0]!;
  const pupilName = `${first.pupil.firstName} ${first.pupil.lastName}`;
  const mayReview = can(actor, "referral.review");
  const waiting = referrals.filter((r) => r.status === "awaiting_review").length;
  return (
    <>
      <span className="govuk-caption-l">Prosecution referrals</span>
      <h1 className="govuk-heading-l">
        {pupilName}: {referrals.length === 1 ? "1 parent referred" : `${referrals.length} parents referred`}
      </h1>
      <p className="govuk-body">
        Each parent or carer is referred on their own: their own offence, on the evidence the record holds for them.
        Decide each referral below on its own evidence; approving or rejecting one does not decide the other.
        {waiting > 0 ? ` ${waiting === 1 ? "1 referral is" : `${waiting} referrals are`} awaiting a decision.` : ""}
      </p>
      <SummaryList
        rows={[
          {
            key: "Pupil",
            value: (
              <>
                {pupilName} ({first.pupil.upn})
              </>
            ),
          },
          {
            key: "Case",
            value: (
              <Link className="govuk-link" href={`/cases/${first.case.id}`}>
                View the case
              </Link>
            ),
          },
          { key: "Window", value: `${formatUkDate(first.periodStart)} to ${formatUkDate(first.periodEnd)}` },
        ]}
      />
      {referrals.map((r, i) => {
        const n = i + 1;
        const f = r.decision?.figures ?? r.evidence.figures;
        return (
          <section key={r.id} aria-labelledby={`parent-${n}-heading`} data-testid="parent-referral">
            <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
            <span className="govuk-caption-m">
              Parent or carer {n} of {referrals.length}
            </span>
            <h2 className="govuk-heading-l" id={`parent-${n}-heading`}>
              {r.parent.name}
            </h2>
            <p className="govuk-body">
              <Tag colour={REFERRAL_STATUS_COLOURS[r.status]}>{REFERRAL_STATUS_LABELS[r.status]}</Tag>{" "}
              <Link className="govuk-link" href={`/referrals/${r.id}`}>
                Open this referral on its own page<span className="govuk-visually-hidden"> ({r.parent.name})</span>
              </Link>
            </p>
            <SummaryList
              rows={[
                ...(r.parent.relationship ? [{ key: "Relationship", value: r.parent.relationship }] : []),
                ...(r.parent.address ? [{ key: "Address", value: r.parent.address }] : []),
                { key: "Referred on", value: formatUkDate(toIsoDate(r.createdAt)) },
                {
                  key: "Figures relied on",
                  value: `${pct(f.attendancePct)} attendance, ${f.unauthorisedSessions ?? "no"} unauthorised sessions out of ${f.possibleSessions ?? "no"} possible`,
                },
                ...(r.offence ? [{ key: "Offence", value: OFFENCE_LABELS[r.offence] }] : []),
                ...(r.reviewedBy
                  ? [
                      {
                        key: "Decided by",
                        value: `${r.reviewedBy}${r.reviewedAt ? `, ${formatUkDate(toIsoDate(r.reviewedAt))}` : ""}`,
                      },
                    ]
                  : []),
                ...(r.rejectReason
                  ? [
                      {
                        key: "Reason for rejecting",
                        value: `${r.rejectReason}${r.rejectRoute ? ` (${REJECT_ROUTE_LABELS[r.rejectRoute]})` : ""}`,
                      },
                    ]
                  : []),
              ]}
            />
            <EvidenceDifferences
              comparison={r.evidence.liveRegister}
              reliesOn="This referral relies on the evidence as it was frozen: check the changes before deciding."
            />
            <h3 className="govuk-heading-m">Evidence for {r.parent.name}</h3>
            <ReadinessList
              items={r.readiness.items}
              caseId={r.case.id}
              evidenceId={r.evidence.id}
              idPrefix={`p${n}-`}
            />
            <p className="govuk-body">
              <Link className="govuk-link" href={`/certificates/${r.evidence.id}`}>
                Certificate of attendance (section 566)
                <span className="govuk-visually-hidden"> for {r.parent.name}</span>
              </Link>
            </p>
            {r.status === "awaiting_review" && mayReview && <ReferralDecision r={r} idPrefix={`p${n}-`} />}
            {(r.status === "approved" || r.status === "concluded") && (
              <p className="govuk-body">
                Hearings, the outcome and the prosecution file are on{" "}
                <Link className="govuk-link" href={`/referrals/${r.id}`}>
                  {r.parent.name}&apos;s referral
                </Link>
                .
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
