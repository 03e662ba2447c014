import Link from "next/link";
import { SummaryList } from "@/components/govuk/summary-list";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { WarningText } from "@/components/govuk/warning-text";
import { formatUkDate } from "@/lib/domain/dates";
import type { WindowProgress } from "@/lib/domain/case-target";
import type { WindowPlan } from "@/lib/domain/fast-track-window";
import { targetText } from "./case-timeline";
import { formatPercent } from "./format";

/** The window's milestones with their due dates (from the term calendar), and whether each is past. */
export function MilestonesTable({
  plan,
  today,
  caption = "Milestones",
}: {
  plan: WindowPlan;
  today: string;
  caption?: string;
}) {
  return (
    <Table
      caption={caption}
      rowKey={(m) => m.key}
      rows={plan.milestones}
      columns={[
        { header: "Milestone", cell: (m) => m.label },
        { header: "School week", cell: (m) => String(m.week), numeric: true },
        { header: "Due", cell: (m) => formatUkDate(m.due) },
        { header: "", cell: (m) => (m.due < today ? <Tag colour="grey">Passed</Tag> : null) },
      ]}
    />
  );
}

/** What the window panel shows of a case (getCasePage's shape). */
export type WindowPanelCase = {
  window: { start: string; end: string } | null;
  target: { minAttendancePct: number | null; maxUnauthorisedSessions: number | null } | null;
  windowProgress: WindowProgress | null;
};

/** The Fast Track window on the case page: its dates, milestones, target and live progress from the register. */
export function WindowPanel({
  kase,
  today,
  startLink,
}: {
  kase: WindowPanelCase;
  today: string;
  startLink: string | null;
}) {
  const progress = kase.windowProgress;
  if (!kase.window || !kase.target || !progress) {
    return (
      <>
        <p className="govuk-body">The Fast Track window has not started.</p>
        {startLink && (
          <p className="govuk-body">
            <Link className="govuk-link" href={startLink}>
              Start the Fast Track window
            </Link>
          </p>
        )}
      </>
    );
  }
  const { plan, counts } = progress;
  const target = targetText(kase.target.minAttendancePct, kase.target.maxUnauthorisedSessions);
  const check = progress.ended ? progress.evaluation : progress.progress;
  const verdict = progress.ended ? (
    progress.evaluation?.met ? (
      <Tag colour="green">Target met</Tag>
    ) : (
      <Tag colour="red">Target not met</Tag>
    )
  ) : progress.progress ? (
    progress.progress.canStillBeMet ? (
      <Tag colour="green">Can still be met</Tag>
    ) : (
      <Tag colour="red">Can no longer be met</Tag>
    )
  ) : (
    <Tag colour="grey">Not known</Tag>
  );
  return (
    <>
      <SummaryList
        rows={[
          { key: "Start", value: formatUkDate(plan.start) },
          ...(plan.countsFrom !== plan.start
            ? [{ key: "Counted from", value: `${formatUkDate(plan.countsFrom)} (the start fell in a holiday)` }]
            : []),
          { key: "End", value: `${formatUkDate(kase.window.end)}${progress.ended ? " (ended)" : ""}` },
          { key: "Target", value: target },
        ]}
      />
      {plan.milestones.length > 0 ? (
        <MilestonesTable plan={plan} today={today} />
      ) : (
        <p className="govuk-body">
          The milestone dates could not be worked out: the window was planned before they were recorded.
        </p>
      )}
      <h3 className="govuk-heading-s">
        Progress against the target{progress.ended ? "" : `, up to ${formatUkDate(progress.asOf)}`}
      </h3>
      {progress.problem && <WarningText>{progress.problem}</WarningText>}
      <SummaryList
        rows={[
          { key: "Possible sessions so far", value: String(counts.possible) },
          { key: "Attendance", value: formatPercent(progress.attendancePct) },
          {
            key: "Unauthorised absences",
            value: `${counts.unauthorised} ${counts.unauthorised === 1 ? "session" : "sessions"}`,
          },
          ...(progress.sessionsRemaining !== null && !progress.ended
            ? [{ key: "School sessions left in the window", value: String(progress.sessionsRemaining) }]
            : []),
          ...(progress.progress?.sessionsToAttend != null && !progress.ended
            ? [{ key: "Sessions still to attend for the target", value: String(progress.progress.sessionsToAttend) }]
            : []),
          ...(progress.progress?.unauthorisedAllowance != null && !progress.ended
            ? [
                {
                  key: "Unauthorised sessions the target still allows",
                  value: String(progress.progress.unauthorisedAllowance),
                },
              ]
            : []),
          { key: progress.ended ? "Result" : "Can the target still be met?", value: verdict },
        ]}
      />
      {check && check.reasons.length > 0 && (
        <ul className="govuk-list govuk-list--bullet">
          {check.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </>
  );
}
