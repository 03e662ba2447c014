import { describeSentence } from "@/components/enforcement/describe";
import { SummaryList } from "@/components/govuk/summary-list";
import { TableScroll } from "@/components/govuk/table-scroll";
import { Tag } from "@/components/govuk/tag";
import { formatUkDateTime } from "@/components/cases/format";
import { formatUkDateWithDay } from "@/components/tasks/format";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { PLEA_LABELS, VERDICT_LABELS, type Offence } from "@/lib/domain/sentencing";
import { formatTimeOfDay } from "@/lib/domain/time-of-day";
import { HEARING_TYPE_LABELS } from "@/lib/schemas/referrals";
import type { ReferralDetail } from "@/lib/server/referrals/get-referral";
import { AddHearingForm } from "./add-hearing-form";
import { RecordOutcomeForm, type OutcomeHearingOption } from "./record-outcome-form";

/** The form's values for a recorded outcome, so the correction form starts from what was recorded. */
function outcomeFormValues(outcome: NonNullable<ReferralDetail["outcome"]>): Record<string, string> {
  const values: Record<string, string> = {
    plea: outcome.plea,
    verdict: outcome.verdict,
    costs: outcome.costsPence ? (outcome.costsPence / 100).toFixed(2) : "",
    victimSurcharge: outcome.victimSurchargePence ? (outcome.victimSurchargePence / 100).toFixed(2) : "",
    ...(outcome.hearingId ? { hearingId: outcome.hearingId } : {}),
    ...(outcome.decidedOn ? { decidedOn: outcome.decidedOn } : {}),
  };
  for (const s of outcome.sentences) {
    if (s.type === "fine") Object.assign(values, { fine: "true", fineAmount: ((s.amountPence ?? 0) / 100).toFixed(2) });
    if (s.type === "custody")
      Object.assign(values, { custody: "true", custodyDays: String(s.days), custodySuspended: String(!!s.suspended) });
    if (s.type === "conditional_discharge")
      Object.assign(values, { conditionalDischarge: "true", conditionalDischargeMonths: String(s.months) });
    if (s.type === "absolute_discharge") values.absoluteDischarge = "true";
    if (s.type === "parenting_order")
      Object.assign(values, { parentingOrder: "true", parentingOrderMonths: String(s.months) });
    if (s.type === "community_order")
      Object.assign(values, { communityOrder: "true", communityOrderMonths: String(s.months) });
  }
  return values;
}

/** The referral's hearings (date, time, court, type, adjournment) and its outcome, with the forms for managers. */
export function CourtSection({
  r,
  mayRecord,
  courts,
  today,
}: {
  r: ReferralDetail;
  mayRecord: boolean;
  courts: { id: string; name: string }[];
  today: string;
}) {
  const hearingLabel = (h: ReferralDetail["hearings"][number]) =>
    `${HEARING_TYPE_LABELS[h.type]}, ${formatUkDateWithDay(h.date)}${h.time ? ` at ${formatTimeOfDay(h.time)}` : ""}, ${h.courtName}`;
  const eligible: OutcomeHearingOption[] = [...r.hearings]
    .filter((h) => !h.adjourned && h.date <= today)
    // Latest first; hearings of one day keep the read's order (by recording, then id): a consistent comparator.
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((h) => ({ id: h.id, label: hearingLabel(h), date: h.date }));
  const outcomeHearing = r.outcome?.hearingId ? r.hearings.find((h) => h.id === r.outcome!.hearingId) : undefined;
  return (
    <>
      <section aria-labelledby="hearings">
        <h2 className="govuk-heading-m" id="hearings">
          Hearings
        </h2>
        {r.hearings.length === 0 ? (
          <p className="govuk-body">No hearings recorded.</p>
        ) : (
          <TableScroll label="Dates, courts and types of the hearings">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Hearings</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    When
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Court
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Type
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Adjourned
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {r.hearings.map((h) => (
                  <tr className="govuk-table__row" key={h.id}>
                    <td className="govuk-table__cell">
                      {formatUkDateWithDay(h.date)}
                      {h.time ? `, ${formatTimeOfDay(h.time)}` : ""}
                      {h.saturdayConfirmed && (
                        <span className="govuk-body-s govuk-!-display-block">Saturday sitting (confirmed)</span>
                      )}
                    </td>
                    <td className="govuk-table__cell">{h.courtName}</td>
                    <td className="govuk-table__cell">{HEARING_TYPE_LABELS[h.type]}</td>
                    <td className="govuk-table__cell">{h.adjourned ? `Yes: ${h.adjournmentReason ?? ""}` : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {mayRecord && <AddHearingForm referralId={r.id} courts={courts} />}

      <section aria-labelledby="outcome">
        <h2 className="govuk-heading-m" id="outcome">
          Outcome
        </h2>
        {r.outcome ? (
          <>
            {r.outcome.correctedAt && (
              <p className="govuk-body">
                <Tag colour="yellow">Corrected</Tag> on {formatUkDateTime(r.outcome.correctedAt)} by{" "}
                {r.outcome.correctedBy}: {r.outcome.correctionReason}. The original is kept in the audit log.
              </p>
            )}
            <SummaryList
              rows={[
                ...(outcomeHearing ? [{ key: "Hearing", value: hearingLabel(outcomeHearing) }] : []),
                ...(r.outcome.decidedOn
                  ? [{ key: "Date of the outcome", value: formatUkDate(r.outcome.decidedOn) }]
                  : []),
                { key: "Plea", value: PLEA_LABELS[r.outcome.plea] },
                { key: "Verdict", value: VERDICT_LABELS[r.outcome.verdict] },
                {
                  key: "Sentence",
                  value:
                    r.outcome.sentences.length === 0 ? "None" : r.outcome.sentences.map(describeSentence).join("; "),
                },
                { key: "Costs", value: formatPence(r.outcome.costsPence) },
                { key: "Victim surcharge", value: formatPence(r.outcome.victimSurchargePence) },
              ]}
            />
            {mayRecord && r.offence && (
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">Correct the outcome</span>
                </summary>
                <div className="govuk-details__text">
                  <RecordOutcomeForm
                    referralId={r.id}
                    offence={r.offence as Offence}
                    hearings={eligible}
                    correction={outcomeFormValues(r.outcome)}
                  />
                </div>
              </details>
            )}
          </>
        ) : mayRecord && r.offence ? (
          <RecordOutcomeForm referralId={r.id} offence={r.offence} hearings={eligible} />
        ) : (
          <p className="govuk-body">No outcome recorded yet.</p>
        )}
      </section>
    </>
  );
}
