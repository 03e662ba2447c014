import Link from "next/link";
import { CaseStatusTag } from "@/components/cases/case-status-tag";
import { CaseTimeline } from "@/components/cases/case-timeline";
import { FlagStatusTag } from "@/components/cases/flag-status-tag";
import { formatUkDateOf } from "@/components/cases/format";
import { PartiesList } from "@/components/cases/parties-list";
import { WindowPanel } from "@/components/cases/window-panel";
import { OnTrackPanel } from "@/components/cases/on-track";
import { onTrack } from "@/lib/domain/on-track";
import { CaseDecisionSection } from "./_sections/decision-section";
import { CaseReferralsSection } from "./_sections/referrals-section";
import { SummaryList } from "@/components/govuk/summary-list";
import { CaseLettersSection } from "./_sections/letters-section";
import { CasePenaltyNoticesSection } from "./_sections/penalty-notices-section";
import { CaseTasksSection } from "./_sections/tasks-section";
import { CaseEsoSection } from "./_sections/eso-section";
import { CaseProgressChart } from "./_sections/progress-chart-section";
import { CASE_STATE_LABELS, CLOSE_OUTCOME_LABELS } from "@/lib/domain/case-state";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/server/auth";
import { checkAccessReason } from "@/lib/server/cases/access-reason";
import { findOfficers } from "@/lib/server/cases/find-officers";
import { getCasePage } from "@/lib/server/cases/get-case-page";
import { orNotFound } from "@/lib/server/not-found";
import { LinkSiblingsForm } from "./link-siblings-form";
import { isCorrectable } from "@/lib/schemas/corrections";

export const metadata = { title: "Case" };

/**
 * The case page: summary, parties, siblings, the Fast Track window with live progress, the timeline, and the
 * letters and enforcement sections. School staff and administrators get the 404 page (getCase). Change links show
 * only to the assigned officer or a manager and never on a closed case; the server enforces the same rule.
 */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.read");
  const caseId = (await params).id;
  // A manager opening another officer's case says why first (lib/domain/access-reason.ts); nothing of the case is
  // read or shown until then, and the reason goes on this read's audit row.
  const access = await orNotFound(checkAccessReason(actor, caseId));
  if (access.needed && !access.reason) redirect(`/cases/${caseId}/reason`);
  const kase = await orNotFound(getCasePage(actor, caseId, access.needed ? access.reason! : undefined));
  const officers = await findOfficers(actor);
  const now = today();
  const base = `/cases/${kase.id}`;
  const closed = kase.status === "closed";
  const canEdit = kase.mayChange && !closed;
  const names = new Map<string, string>([
    ...officers.map((o) => [o.id, o.name] as const),
    ...kase.timeline.flatMap((e) => (e.actor.id ? [[e.actor.id, e.actor.name] as const] : [])),
  ]);
  const userName = (id: string) => names.get(id) ?? "a former officer";
  const pupilName = `${kase.pupil.firstName} ${kase.pupil.lastName}`;

  return (
    <>
      <Link className="govuk-back-link" href="/cases">
        Back to cases
      </Link>
      <span className="govuk-caption-l">Case</span>
      <h1 className="govuk-heading-l" data-testid="case-heading">
        {pupilName} <CaseStatusTag status={kase.status} />
      </h1>

      {kase.windowProgress && kase.target && (
        <OnTrackPanel
          ended={kase.windowProgress.ended}
          glance={onTrack(kase.target, kase.windowProgress.counts, {
            ended: kase.windowProgress.ended,
            sessionsRemaining: kase.windowProgress.sessionsRemaining,
          })}
        />
      )}

      {closed && (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            This case is closed{kase.closeOutcome ? ` (${CLOSE_OUTCOME_LABELS[kase.closeOutcome]})` : ""} and is
            read-only.
            {kase.closeReason ? ` Reason: ${kase.closeReason}` : ""}
          </p>
          {kase.mayReopen && (
            <p className="govuk-body">
              <Link className="govuk-link" href={`${base}/reopen`}>
                Reopen the case
              </Link>
            </p>
          )}
        </div>
      )}

      {canEdit && (
        <nav aria-label="Case actions" className="govuk-!-margin-bottom-6">
          <ul className="govuk-list app-case-actions">
            <li>
              <Link className="govuk-link" href={`${base}/events/new`}>
                Record a meeting, visit, call or note
              </Link>
            </li>
            <li>
              <Link className="govuk-link" href={`${base}/tasks/new`}>
                Book a visit, meeting, call or reminder
              </Link>
            </li>
            {!kase.window && (
              <li>
                <Link className="govuk-link" href={`${base}/start-window`}>
                  Start the Fast Track window
                </Link>
              </li>
            )}
            <li>
              <Link className="govuk-link" href={`${base}/reassign`}>
                Reassign the case
              </Link>
            </li>
            <li>
              <Link className="govuk-link" href={`${base}/close`}>
                Close the case
              </Link>
            </li>
          </ul>
        </nav>
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              {
                key: "Pupil",
                value: (
                  <>
                    <Link className="govuk-link" href={`/pupils/${kase.pupil.id}`}>
                      {pupilName}
                    </Link>{" "}
                    (UPN {kase.pupil.upn})
                  </>
                ),
              },
              { key: "School", value: kase.school?.name ?? "Not on roll at a school in this authority" },
              { key: "Status", value: CASE_STATE_LABELS[kase.status] },
              { key: "Officer", value: kase.assignedOfficer.name },
              {
                key: "Opened on",
                value: (
                  <>
                    {formatUkDate(kase.openedOn)}
                    {kase.backDated && (
                      <span className="govuk-hint govuk-!-margin-bottom-0">
                        {" "}
                        Back-dated: recorded later than the date it opened
                      </span>
                    )}
                  </>
                ),
              },
              ...(kase.flags.length > 0
                ? [
                    {
                      key: "School flags",
                      value: (
                        <ul className="govuk-list">
                          {kase.flags.map((f) => (
                            <li key={f.id}>
                              {formatUkDateOf(f.createdAt)} <FlagStatusTag status={f.status} />
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
            ]}
          />

          <h2 className="govuk-heading-m">Parents and carers</h2>
          <PartiesList parties={kase.partiesWithAddress} />

          <h2 className="govuk-heading-m">Siblings&apos; cases</h2>
          {kase.linkedCases.length === 0 ? (
            <p className="govuk-body">No siblings&apos; cases are linked.</p>
          ) : (
            <ul className="govuk-list">
              {kase.linkedCases.map((l) => (
                <li key={l.id}>
                  <Link className="govuk-link" href={`/cases/${l.id}`}>
                    {l.pupilName}
                  </Link>{" "}
                  <CaseStatusTag status={l.status} />
                </li>
              ))}
            </ul>
          )}
          {canEdit && <LinkSiblingsForm caseId={kase.id} />}

          <h2 className="govuk-heading-m" id="window">
            Fast Track window
          </h2>
          <WindowPanel kase={kase} today={now} startLink={canEdit && !kase.window ? `${base}/start-window` : null} />
          <CaseProgressChart caseId={kase.id} />

          <CaseTasksSection caseId={kase.id} mayBook={canEdit} />

          <h2 className="govuk-heading-m">Timeline</h2>
          <CaseTimeline
            timeline={kase.timeline}
            userName={userName}
            correctHref={(e) =>
              canEdit && isCorrectable(e.kind) && e.actor.id ? `${base}/events/${e.id}/correct` : null
            }
          />

          <CaseLettersSection caseId={kase.id} />
          <CaseDecisionSection caseId={kase.id} />
          <CaseReferralsSection caseId={kase.id} />
          <CasePenaltyNoticesSection caseId={kase.id} />
          <CaseEsoSection caseId={kase.id} canEdit={canEdit} />
        </div>
      </div>
    </>
  );
}
