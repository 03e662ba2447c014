import Link from "next/link";
import { AttendanceSnapshot, type Snapshot } from "@/components/cases/attendance-snapshot";
import { FlagStatusTag } from "@/components/cases/flag-status-tag";
import { formatUkDateOf } from "@/components/cases/format";
import { SummaryList } from "@/components/govuk/summary-list";
import type { FlagDetail } from "@/lib/server/flags/get-flag";

/** What the school sent: the pupil, the reason, what was tried and the attendance figures at the time. */
export function FlagSummary({ flag }: { flag: FlagDetail }) {
  const tried = [
    flag.tried.meeting && "A meeting with the parents or carers",
    flag.tried.attendanceContract && "An attendance contract",
    flag.tried.earlyHelp && "Early help",
    flag.tried.other && `Other: ${flag.tried.other}`,
  ].filter((t): t is string => !!t);
  return (
    <>
      <SummaryList
        rows={[
          {
            key: "Pupil",
            value: (
              <Link className="govuk-link" href={`/pupils/${flag.pupil.id}`}>
                {flag.pupil.firstName} {flag.pupil.lastName}
              </Link>
            ),
          },
          { key: "UPN", value: flag.pupil.upn },
          { key: "School", value: flag.school.name },
          {
            key: "Flagged",
            value:
              flag.source === "sweep"
                ? `${formatUkDateOf(flag.flaggedAt)} by ${flag.flaggedBy}, after a truancy sweep`
                : `${formatUkDateOf(flag.flaggedAt)} by ${flag.flaggedBy}`,
          },
          { key: "Status", value: <FlagStatusTag status={flag.status} /> },
          { key: "Reason", value: <span style={{ whiteSpace: "pre-wrap" }}>{flag.reason}</span> },
          {
            key: "Already tried",
            value:
              tried.length === 0 ? (
                "Nothing recorded"
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {tried.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              ),
          },
          ...(flag.notes.length > 0
            ? [
                {
                  key: "Added by the school",
                  value: (
                    <ul className="govuk-list">
                      {flag.notes.map((n) => (
                        <li key={n.id}>
                          <span style={{ whiteSpace: "pre-wrap" }}>{n.note}</span>
                          <span className="govuk-body-s govuk-!-display-block">
                            {n.addedBy}, {formatUkDateOf(n.addedAt)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
          ...(flag.status === "declined"
            ? [
                {
                  key: "Declined",
                  value: `${flag.declineReason ?? ""}${flag.decidedBy ? ` (${flag.decidedBy}${flag.decidedAt ? `, ${formatUkDateOf(flag.decidedAt)}` : ""})` : ""}`,
                },
              ]
            : []),
        ]}
      />
      <h2 className="govuk-heading-m">Attendance when flagged</h2>
      <AttendanceSnapshot figures={flag.figures as Snapshot | null} />
    </>
  );
}
