import { Tag, type TagColour } from "@/components/govuk/tag";
import { ON_TRACK_LABELS, type OnTrack, type OnTrackVerdict } from "@/lib/domain/on-track";
import { targetText } from "./case-timeline";

const COLOURS: Record<OnTrackVerdict, TagColour> = {
  can_still_be_met: "green",
  cannot_be_met: "red",
  met: "green",
  not_met: "red",
  not_known: "grey",
};

/** The verdict as a tag: green while the target can be (or was) met, red when it cannot (or was not). */
export function OnTrackTag({ glance }: { glance: OnTrack }) {
  const tag = onTrackTag(glance);
  return <Tag colour={tag.colour}>{tag.label}</Tag>;
}

/** The verdict's tag as plain data (its words and colour), for a client component's props. */
export function onTrackTag(glance: OnTrack): { label: string; colour: TagColour } {
  return { label: ON_TRACK_LABELS[glance.verdict], colour: COLOURS[glance.verdict] };
}

/** "84.2% so far (target: at least 90%)", short enough for a queue row. */
export function onTrackFigures(glance: OnTrack): string {
  const so = glance.attendancePct === null ? "No sessions yet" : `${glance.attendancePct.toFixed(1)}% so far`;
  const t = glance.target;
  const parts = [
    t.minAttendancePct !== null ? `at least ${t.minAttendancePct}%` : null,
    t.maxUnauthorisedSessions !== null
      ? `${glance.unauthorised} of at most ${t.maxUnauthorisedSessions} unauthorised`
      : null,
  ].filter(Boolean);
  return `${so} (target: ${parts.join("; ")})`;
}

/** The panel at the top of the case page: attendance so far, the target in words, and the verdict. */
export function OnTrackPanel({ glance, ended }: { glance: OnTrack; ended: boolean }) {
  return (
    <div className="govuk-inset-text app-on-track" aria-label="On track">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>{ended ? "Attendance over the window" : "Attendance in the window so far"}:</strong>{" "}
        {glance.attendancePct === null ? "no possible sessions yet" : `${glance.attendancePct.toFixed(1)}%`}
        {glance.target.maxUnauthorisedSessions !== null &&
          `, ${glance.unauthorised} unauthorised ${glance.unauthorised === 1 ? "session" : "sessions"}`}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>Target:</strong> {targetText(glance.target.minAttendancePct, glance.target.maxUnauthorisedSessions)}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0">
        <OnTrackTag glance={glance} />{" "}
        <a className="govuk-link govuk-body-s" href="#window">
          See the window and its milestones
        </a>
      </p>
    </div>
  );
}
