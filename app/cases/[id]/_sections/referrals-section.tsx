// The case page's section for the prosecution referrals, hearings and outcomes, one block per parent (issue 5).
import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { OFFENCE_LABELS, VERDICT_LABELS } from "@/lib/domain/sentencing";
import { HEARING_TYPE_LABELS, REFERRAL_STATUS_LABELS } from "@/lib/schemas/referrals";
import { getActor } from "@/lib/server/auth";
import { CASE_VIEW_COVERS } from "@/lib/server/cases/get-case";
import { findCaseReferrals } from "@/lib/server/referrals/find-case-referrals";
import { Tag } from "@/components/govuk/tag";
import { describeSentence, REFERRAL_STATUS_COLOURS } from "@/components/enforcement/describe";

export async function CaseReferralsSection({ caseId }: { caseId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  const referrals = await findCaseReferrals(actor, caseId, CASE_VIEW_COVERS);
  if (referrals.length === 0) return null;
  return (
    <section aria-labelledby="case-referrals-heading">
      <h2 className="govuk-heading-m" id="case-referrals-heading">
        Prosecution
      </h2>
      {referrals.length > 1 && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/cases/${caseId}/referrals`}>
            Both parents&apos; referrals on one page
          </Link>
          {referrals.some((r) => r.status === "awaiting_review") ? " (to decide each on its own evidence)" : ""}
        </p>
      )}
      {referrals.map((r) => (
        <div key={r.id} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">{r.parentName}</h3>
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Referral</dt>
              <dd className="govuk-summary-list__value">
                <Tag colour={REFERRAL_STATUS_COLOURS[r.status]}>{REFERRAL_STATUS_LABELS[r.status]}</Tag>{" "}
                <Link className="govuk-link" href={`/referrals/${r.id}`}>
                  View referral<span className="govuk-visually-hidden"> for {r.parentName}</span>
                </Link>
              </dd>
            </div>
            {r.offence && (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Offence</dt>
                <dd className="govuk-summary-list__value">{OFFENCE_LABELS[r.offence]}</dd>
              </div>
            )}
            {r.hearings.length > 0 && (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Hearings</dt>
                <dd className="govuk-summary-list__value">
                  <ul className="govuk-list">
                    {r.hearings.map((h) => (
                      <li key={h.id}>
                        {formatUkDate(h.date)}: {HEARING_TYPE_LABELS[h.type]} at {h.courtName}
                        {h.adjourned ? " (adjourned)" : ""}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {r.outcome && (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Outcome</dt>
                <dd className="govuk-summary-list__value">
                  {VERDICT_LABELS[r.outcome.verdict]}
                  {r.outcome.sentences.length > 0 ? `: ${r.outcome.sentences.map(describeSentence).join("; ")}` : ""}
                </dd>
              </div>
            )}
          </dl>
        </div>
      ))}
    </section>
  );
}
