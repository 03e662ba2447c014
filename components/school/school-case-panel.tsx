import { SummaryList } from "@/components/govuk/summary-list";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import type { CaseState } from "@/lib/domain/case-state";
import { targetWords } from "@/lib/domain/on-track";

/** What the school's view shows of a case (getSchoolCaseView's shape). */
export type SchoolCase = {
  status: CaseState;
  statusLabel: string;
  openedOn: string;
  officer: { name: string; email: string | null };
  window: {
    start: string;
    end: string;
    target: { minAttendancePct: number | null; maxUnauthorisedSessions: number | null };
    milestones: { key: string; label: string; week: number; due: string }[];
  } | null;
  decision: { on: string; met: boolean } | null;
  letters: { id: string; kind: string; sentOn: string; to: string }[];
};

/**
 * The school's view of a case its flag opened: who the officer is and how to reach them, the window's dates, target
 * and milestones, the letters sent, and the window's decision in plain words. Nothing of the family's casework.
 */
export function SchoolCasePanel({
  kase,
  today,
  headingLevel = 2,
}: {
  kase: SchoolCase;
  today: string;
  headingLevel?: 2 | 3;
}) {
  const H = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return (
    <>
      <SummaryList
        rows={[
          {
            key: "Case officer",
            value: (
              <>
                {kase.officer.name}
                {kase.officer.email && (
                  <>
                    {" "}
                    (
                    <a className="govuk-link" href={`mailto:${kase.officer.email}`}>
                      {kase.officer.email}
                    </a>
                    )
                  </>
                )}
              </>
            ),
          },
          { key: "Case opened", value: formatUkDate(kase.openedOn) },
          { key: "Status", value: kase.statusLabel },
        ]}
      />
      <H className="govuk-heading-m">Fast Track window</H>
      {kase.window ? (
        <>
          <SummaryList
            rows={[
              { key: "Start", value: formatUkDate(kase.window.start) },
              { key: "End", value: formatUkDate(kase.window.end) },
              { key: "Target", value: capitalised(targetWords(kase.window.target)) },
              ...(kase.decision
                ? [
                    {
                      key: "Decision",
                      value: kase.decision.met
                        ? `Decided on ${formatUkDate(kase.decision.on)}: the target was met. The attendance service is monitoring attendance.`
                        : `Decided on ${formatUkDate(kase.decision.on)}: the target was not met. The attendance service is deciding the next step.`,
                    },
                  ]
                : []),
            ]}
          />
          {kase.window.milestones.length > 0 && (
            <Table
              caption="Milestones"
              rowKey={(m) => `${m.key}-${m.due}`}
              rows={kase.window.milestones}
              columns={[
                { header: "Milestone", cell: (m) => m.label },
                { header: "School week", cell: (m) => String(m.week), numeric: true },
                { header: "Due", cell: (m) => formatUkDate(m.due) },
                { header: "", cell: (m) => (m.due < today ? <Tag colour="grey">Passed</Tag> : null) },
              ]}
            />
          )}
        </>
      ) : (
        <p className="govuk-body">The Fast Track window has not started yet.</p>
      )}
      <Sub className="govuk-heading-s">Letters sent</Sub>
      {kase.letters.length === 0 ? (
        <p className="govuk-body">No letters have been sent yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {kase.letters.map((l) => (
            <li key={l.id}>
              {l.kind} to {l.to}, {formatUkDate(l.sentOn)}
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body-s govuk-hint">
        The family&apos;s casework notes stay with the attendance service. Ask the case officer if the school can help.
      </p>
    </>
  );
}
