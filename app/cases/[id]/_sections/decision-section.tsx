// The case page's section for the daily job's decision on the window (issue 5), with the frozen evidence it relied
// on: the snapshot's date and content hash, and a warning when the live register now differs from it.
import { EvidenceDifferences } from "@/components/enforcement/evidence-differences";
import { SummaryList } from "@/components/govuk/summary-list";
import { Tag } from "@/components/govuk/tag";
import { formatUkDateOf } from "@/components/cases/format";
import { formatUkDate } from "@/lib/domain/dates";
import { getActor } from "@/lib/server/auth";
import { CASE_VIEW_COVERS } from "@/lib/server/cases/get-case";
import { getCaseDecision } from "@/lib/server/decisions/get-case-decision";

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function CaseDecisionSection({ caseId }: { caseId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  const decision = await getCaseDecision(actor, caseId, CASE_VIEW_COVERS);
  if (!decision) return null;
  const f = decision.figures;
  const target = [
    f.target.minAttendancePct !== null ? `Attendance of at least ${f.target.minAttendancePct}%` : null,
    f.target.maxUnauthorisedSessions !== null
      ? `no more than ${f.target.maxUnauthorisedSessions} unauthorised sessions`
      : null,
  ]
    .filter(Boolean)
    .join(", and ");
  const { comparison } = decision.evidence;

  return (
    <section aria-labelledby="case-decision-heading">
      <h2 className="govuk-heading-m" id="case-decision-heading">
        Window decision
      </h2>
      <p className="govuk-body">
        {decision.outcome === "improved" ? (
          <Tag colour="green">Target met: attendance improved</Tag>
        ) : decision.outcome === "referred" ? (
          <Tag colour="red">Target not met: referred for prosecution</Tag>
        ) : (
          <Tag colour="yellow">Target not met: not referred</Tag>
        )}
      </p>
      {decision.outcome === "not_referred" && (
        <div className="govuk-inset-text">
          <p className="govuk-body">No prosecution referral was made, because:</p>
          <ul className="govuk-list govuk-list--bullet">
            {decision.reasons
              .filter((r) => !r.parentId)
              .map((r) => (
                <li key={r.message}>{capitalise(r.message)}</li>
              ))}
          </ul>
          <p className="govuk-body">
            Decide what happens next: extend the casework, start a new window (close this case and open a new one), or
            close the case.
          </p>
        </div>
      )}
      <SummaryList
        rows={[
          {
            key: "Decided on",
            value: `${formatUkDate(decision.asOf)}${decision.decidedBy === "daily_job" ? " by the daily check" : ""}`,
          },
          { key: "Window", value: `${formatUkDate(decision.windowStart)} to ${formatUkDate(decision.windowEnd)}` },
          { key: "Possible sessions", value: String(f.possibleSessions) },
          {
            key: "Attendance",
            value:
              f.attendancePct === null
                ? "No possible sessions"
                : `${f.attendancePct.toFixed(1)}% (${f.attendedSessions} of ${f.possibleSessions} possible sessions)`,
          },
          { key: "Unauthorised sessions", value: String(f.unauthorisedSessions) },
          { key: "Target", value: target },
          ...(f.grounds
            ? [
                {
                  key: "Relied on",
                  value: f.grounds.reliedOn
                    ? `${f.grounds.reliedOnSessions.unauthorised} unauthorised sessions (and ${f.grounds.reliedOnSessions.authorised} authorised, not relied on), ${formatUkDate(f.grounds.reliedOn.from)} to ${formatUkDate(f.grounds.reliedOn.to)}`
                    : "Nothing: the pupil was not of compulsory school age in the window",
                },
                ...(f.grounds.notReliedOn.length > 0
                  ? [
                      {
                        key: "Not relied on",
                        value: (
                          <ul className="govuk-list">
                            {f.grounds.notReliedOn.map((n) => (
                              <li key={n}>{capitalise(n)}</li>
                            ))}
                          </ul>
                        ),
                      },
                    ]
                  : []),
                { key: "Referral minimum", value: `${f.grounds.referralMinimum} unauthorised sessions (local policy)` },
              ]
            : []),
          ...(decision.reasons.some((r) => r.parentId)
            ? [
                {
                  key: "Not referred",
                  value: (
                    <ul className="govuk-list">
                      {decision.reasons
                        .filter((r) => r.parentId)
                        .map((r) => (
                          <li key={r.message}>{r.message}</li>
                        ))}
                    </ul>
                  ),
                },
              ]
            : []),
          ...(f.reasons.length > 0
            ? [
                {
                  key: "Why the target was not met",
                  value: (
                    <ul className="govuk-list">
                      {f.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />

      <h3 className="govuk-heading-s">Evidence the decision relied on</h3>
      <EvidenceDifferences
        comparison={comparison}
        reliesOn="The decision and any referral rely on the evidence as it was frozen."
      />
      <SummaryList
        rows={[
          { key: "Frozen on", value: formatUkDateOf(decision.evidence.createdAt) },
          {
            key: "Register extract",
            value: `${decision.evidence.markCount} marks, ${formatUkDate(decision.evidence.periodStart)} to ${formatUkDate(decision.evidence.periodEnd)}`,
          },
          {
            key: "Content hash (SHA-256)",
            value: <code style={{ wordBreak: "break-all" }}>{decision.evidence.contentHash}</code>,
          },
          { key: "Live register", value: comparison.differs ? "Differs from the evidence" : "Matches the evidence" },
        ]}
      />
    </section>
  );
}
