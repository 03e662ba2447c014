import { EvidenceDifferences } from "@/components/enforcement/evidence-differences";
import { ReadinessList } from "@/components/enforcement/readiness-list";
import Link from "next/link";
import { REFERRAL_STATUS_COLOURS } from "@/components/enforcement/describe";
import { SummaryList } from "@/components/govuk/summary-list";
import { Tag } from "@/components/govuk/tag";
import { categoryOf } from "@/lib/domain/attendance-codes";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { DEFENCE_LABELS, DEFENCES } from "@/lib/domain/referral-checklist";
import { INTERVIEW_OUTCOME_LABELS, READINESS_LABELS } from "@/lib/domain/referral-readiness";
import { OFFENCE_LABELS } from "@/lib/domain/sentencing";
import { REFERRAL_STATUS_LABELS, REJECT_ROUTE_LABELS } from "@/lib/schemas/referrals";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { getReferral, type ReferralDetail } from "@/lib/server/referrals/get-referral";
import { CourtSection } from "./court-section";
import { findCourts } from "@/lib/server/court/find-courts";
import { today } from "@/lib/env";
import { TableScroll } from "@/components/govuk/table-scroll";
import { ReferralDecision } from "./referral-decision";
import { countCaseReferrals } from "@/lib/server/referrals/get-case-referrals";

export const metadata = { title: "Prosecution referral" };

const orNone = (v: number | null, suffix = "") => (v === null ? "Not recorded" : `${v}${suffix}`);

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("referral.read");
  const r: ReferralDetail = await orNotFound(getReferral(actor, (await params).id));
  const pupilName = `${r.pupil.firstName} ${r.pupil.lastName}`;
  const f = r.decision?.figures ?? r.evidence.figures;
  const reviewable = r.status === "awaiting_review" && can(actor, "referral.review");
  const inCourt = r.status === "approved" || r.status === "concluded";
  const courts = inCourt ? await findCourts(actor) : [];
  const parents = await countCaseReferrals(actor, r.case.id);
  return (
    <>
      <span className="govuk-caption-l">Prosecution referral</span>
      <h1 className="govuk-heading-l">
        {pupilName}: {r.parent.name}
      </h1>
      <p className="govuk-body">
        <Tag colour={REFERRAL_STATUS_COLOURS[r.status]}>{REFERRAL_STATUS_LABELS[r.status]}</Tag>
      </p>
      {parents > 1 && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/cases/${r.case.id}/referrals`}>
            See all {parents} parents&apos; referrals for this case on one page
          </Link>{" "}
          (each decided on its own evidence).
        </p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              {
                key: "Pupil",
                value: (
                  <>
                    {pupilName} ({r.pupil.upn})
                  </>
                ),
              },
              { key: "Parent or carer", value: r.parent.name },
              {
                key: "Case",
                value: (
                  <Link className="govuk-link" href={`/cases/${r.case.id}`}>
                    View the case
                  </Link>
                ),
              },
              { key: "Referred on", value: formatUkDate(toIsoDate(r.createdAt)) },
              { key: "Period", value: `${formatUkDate(r.periodStart)} to ${formatUkDate(r.periodEnd)}` },
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
                      value: `${r.rejectReason} (${r.rejectRoute ? REJECT_ROUTE_LABELS[r.rejectRoute] : ""})`,
                    },
                  ]
                : []),
            ]}
          />

          <h2 className="govuk-heading-m">Figures for the window</h2>
          <SummaryList
            rows={[
              { key: "Possible sessions", value: orNone(f.possibleSessions) },
              { key: "Present sessions", value: orNone(f.presentSessions) },
              { key: "Unauthorised sessions", value: orNone(f.unauthorisedSessions) },
              { key: "Authorised sessions (not relied on)", value: orNone(f.authorisedSessions) },
              ...(f.reliedOn
                ? [
                    {
                      key: "The charge relies on",
                      value: `${f.reliedOn.unauthorisedSessions} unauthorised sessions, ${formatUkDate(f.reliedOn.from)} to ${formatUkDate(f.reliedOn.to)}${f.reliedOn.notReliedOn.length ? ` (${f.reliedOn.notReliedOn.join("; ")})` : ""}`,
                    },
                  ]
                : []),
              {
                key: "Attendance",
                value: f.attendancePct === null ? "Not recorded" : `${f.attendancePct.toFixed(1)}%`,
              },
              {
                key: "Target",
                value: f.target
                  ? [
                      f.target.minAttendancePct !== null ? `at least ${f.target.minAttendancePct}% attendance` : null,
                      f.target.maxUnauthorisedSessions !== null
                        ? `at most ${f.target.maxUnauthorisedSessions} unauthorised sessions`
                        : null,
                    ]
                      .filter(Boolean)
                      .join(" and ")
                  : "Not recorded",
              },
              { key: "Target met", value: f.met === null ? "Not recorded" : f.met ? "Yes" : "No" },
            ]}
          />

          <EvidenceDifferences
            comparison={r.evidence.liveRegister}
            reliesOn="This referral relies on the evidence as it was frozen: check the changes before deciding or going to court."
          />
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                Frozen register extract ({r.evidence.marks.length} marks)
              </span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body-s">
                Frozen on {formatUkDate(toIsoDate(r.evidence.frozenAt))}. Evidence hash (SHA-256):{" "}
                <code>{r.evidence.contentHash}</code>. Live register:{" "}
                {r.evidence.liveRegister.differs ? "differs from the evidence" : "matches the evidence"}.
              </p>
              <TableScroll label="Register marks relied on">
                <table className="govuk-table">
                  <caption className="govuk-table__caption govuk-visually-hidden">Register marks relied on</caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        Date
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Session
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Code
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Unauthorised
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {r.evidence.marks.map((m) => (
                      <tr className="govuk-table__row" key={`${m.date}-${m.session}`}>
                        <td className="govuk-table__cell">{formatUkDate(m.date)}</td>
                        <td className="govuk-table__cell">{m.session}</td>
                        <td className="govuk-table__cell">{m.code}</td>
                        <td className="govuk-table__cell">
                          {categoryOf(m.code, m.date) === "unauthorised" ? "Unauthorised" : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          </details>

          <h2 className="govuk-heading-m" id="evidence">
            Evidence for {r.parent.name}
          </h2>
          <p className="govuk-body">
            Each item is proved by the case&apos;s own record: letters, the timeline and the head teacher&apos;s signed
            certificate. {r.readiness.ready ? "Every item is met." : "Approval needs every item met."}
          </p>
          <ReadinessList items={r.readiness.items} caseId={r.case.id} evidenceId={r.evidence.id} />
          <p className="govuk-body">
            <Link className="govuk-link" href={`/certificates/${r.evidence.id}`}>
              Certificate of attendance (section 566)
            </Link>
            : view, download{r.status === "awaiting_review" ? " or record the signed copy" : ""}.
          </p>
          {r.checklist && (
            <>
              <h2 className="govuk-heading-m">Approval</h2>
              <SummaryList
                rows={[
                  { key: "Education Supervision Order", value: r.checklist.esoReasoning },
                  {
                    key: "Interview under caution",
                    value: r.checklist.interviewUnderCaution
                      ? INTERVIEW_OUTCOME_LABELS[r.checklist.interviewUnderCaution]
                      : "Not required by this authority",
                  },
                  {
                    key: "Defences considered",
                    value: DEFENCES.filter((d) => r.checklist!.defencesConsidered.includes(d))
                      .map((d) => DEFENCE_LABELS[d])
                      .join("; "),
                  },
                  {
                    key: "Rested on",
                    value: `${r.reliedOn.length} record${r.reliedOn.length === 1 ? "" : "s"}: ${[
                      ...new Set(
                        r.reliedOn.map((x) => READINESS_LABELS[x.item as keyof typeof READINESS_LABELS] ?? x.item),
                      ),
                    ].join(", ")}`,
                  },
                ]}
              />
              <p className="govuk-body">
                <a className="govuk-link" href={`/referrals/${r.id}/prosecution-file.pdf`} download>
                  Download the prosecution file (PDF)
                </a>
              </p>
            </>
          )}

          {reviewable && <ReferralDecision r={r} />}

          {inCourt && <CourtSection r={r} mayRecord={can(actor, "court.record")} courts={courts} today={today()} />}
        </div>
      </div>
    </>
  );
}
