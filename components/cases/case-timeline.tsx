import Link from "next/link";
import { Tag } from "@/components/govuk/tag";
import { Timeline } from "@/components/govuk/timeline";
import { CLOSE_OUTCOME_LABELS, type CloseOutcome } from "@/lib/domain/case-state";
import { formatUkDate, isIsoDate } from "@/lib/domain/dates";
import { CASE_EVENT_KIND_LABELS, type CaseEventKind } from "@/lib/schemas/case";
import { formatUkDateTime } from "./format";
import { describeContact, isContactKind } from "@/lib/domain/contact-records";

/** One timeline entry, as getCase returns it. */
export type TimelineEntry = {
  id: string;
  kind: CaseEventKind;
  occurredOn: string;
  note: string;
  details: unknown;
  actor: { id: string | null; name: string };
  recordedAt: Date;
  /** Set once the entry has been corrected (the original is in the audit log). */
  correction?: { at: Date; by: string; reason: string } | null;
  /** A visit, meeting or call recorded in full (issue 15). */
  contact?: {
    time: string;
    outcome: string;
    childSeen: boolean | null;
    othersSeen: string | null;
    nextStep: string;
    parentsSeen: string[];
  } | null;
};
type Entry = TimelineEntry;

/** What a service-recorded entry's details say, in words (who a case moved between, the window's dates...). */
function detailLines(entry: Entry, userName: (id: string) => string): string[] {
  const d = (entry.details ?? {}) as Record<string, unknown>;
  const date = (v: unknown) => (typeof v === "string" && isIsoDate(v) ? formatUkDate(v) : null);
  switch (entry.kind) {
    case "reassigned":
      return typeof d.from === "string" && typeof d.to === "string"
        ? [`From ${userName(d.from)} to ${userName(d.to)}`]
        : [];
    case "closed":
      return typeof d.outcome === "string" && d.outcome in CLOSE_OUTCOME_LABELS
        ? [`Outcome: ${CLOSE_OUTCOME_LABELS[d.outcome as CloseOutcome]}`]
        : [];
    case "window_started": {
      const plan = d.plan as { start?: string; end?: string } | undefined;
      const target = d.target as
        { minAttendancePct?: number | null; maxUnauthorisedSessions?: number | null } | undefined;
      const lines: string[] = [];
      if (plan && date(plan.start) && date(plan.end))
        lines.push(`Window from ${date(plan.start)} to ${date(plan.end)}`);
      if (target)
        lines.push(`Target: ${targetText(target.minAttendancePct ?? null, target.maxUnauthorisedSessions ?? null)}`);
      return lines;
    }
    default:
      return [];
  }
}

/** A target in words, for example "attendance of at least 90% and no more than 4 unauthorised sessions". */
export function targetText(minAttendancePct: number | null, maxUnauthorisedSessions: number | null): string {
  const parts = [
    minAttendancePct !== null ? `attendance of at least ${minAttendancePct}%` : null,
    maxUnauthorisedSessions !== null
      ? `no more than ${maxUnauthorisedSessions} unauthorised ${maxUnauthorisedSessions === 1 ? "session" : "sessions"}`
      : null,
  ].filter((p): p is string => p !== null);
  const text = parts.join(" and ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The case's timeline, newest first, in the MOJ timeline pattern: what happened, who recorded it and when. */
export function CaseTimeline({
  timeline,
  userName,
  correctHref,
}: {
  timeline: TimelineEntry[];
  userName: (id: string) => string;
  /** Where to correct an entry, for those who may; null for an entry that cannot be corrected. */
  correctHref?: (entry: TimelineEntry) => string | null;
}) {
  if (timeline.length === 0) return <p className="govuk-body">Nothing has been recorded yet.</p>;
  return (
    <Timeline
      items={timeline.map((entry) => {
        const lines = [
          ...detailLines(entry, userName),
          ...(entry.contact && isContactKind(entry.kind) ? describeContact(entry.kind, entry.contact) : []),
        ];
        return {
          key: entry.id,
          title: (
            <>
              {CASE_EVENT_KIND_LABELS[entry.kind] ?? entry.kind}
              {entry.correction && (
                <>
                  {" "}
                  <Tag colour="yellow">Corrected</Tag>
                </>
              )}
            </>
          ),
          byline: <>by {entry.actor.name}</>,
          date: { text: formatUkDate(entry.occurredOn), dateTime: entry.occurredOn },
          description: (
            <>
              {lines.map((line) => (
                <p className="govuk-body" key={line}>
                  {line}
                </p>
              ))}
              {entry.note && (
                <p className="govuk-body" style={{ whiteSpace: "pre-wrap" }}>
                  {entry.note}
                </p>
              )}
              <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-0">
                Recorded {formatUkDateTime(entry.recordedAt)}
                {entry.correction &&
                  `; corrected ${formatUkDateTime(entry.correction.at)} by ${entry.correction.by}: ${entry.correction.reason}`}
              </p>
              {correctHref?.(entry) && (
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  <Link className="govuk-link" href={correctHref(entry)!}>
                    Correct this entry
                    <span className="govuk-visually-hidden">
                      : {CASE_EVENT_KIND_LABELS[entry.kind]} on {formatUkDate(entry.occurredOn)}
                    </span>
                  </Link>
                </p>
              )}
            </>
          ),
        };
      })}
    />
  );
}
