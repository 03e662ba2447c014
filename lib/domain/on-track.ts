// "On track at a glance" (issue 15): for a case with a running or ended window, the attendance so far in the
// window, the target, and one verdict a queue row or the top of the case page can show: the target can still be met,
// can no longer be met, was met, or was not met; or it is not known yet (no calendar to count the sessions left, or
// no possible session yet). The arithmetic is case-target.ts's (targetProgress, evaluateTarget): this only chooses
// which answer applies.
import { roundedPercent, type SessionCounts } from "./attendance-rates";
import { evaluateTarget, targetProgress, type Target } from "./case-target";

export type OnTrackVerdict = "can_still_be_met" | "cannot_be_met" | "met" | "not_met" | "not_known";

export const ON_TRACK_LABELS: Record<OnTrackVerdict, string> = {
  can_still_be_met: "Can still be met",
  cannot_be_met: "Can no longer be met",
  met: "Target met",
  not_met: "Target not met",
  not_known: "Not known yet",
};

export type OnTrack = {
  /** Attendance in the window so far, to one decimal place; null with no possible sessions yet. */
  attendancePct: number | null;
  unauthorised: number;
  target: Target;
  verdict: OnTrackVerdict;
};

/**
 * The glance for a window: `ended` once today is past its last day; `sessionsRemaining` are the school sessions left
 * after today (null when the calendar cannot say). Before any possible session, nothing can be judged.
 */
export function onTrack(
  target: Target,
  counts: SessionCounts,
  options: { ended: boolean; sessionsRemaining: number | null },
): OnTrack {
  const attendancePct =
    counts.possible === 0 ? null : roundedPercent(counts.present + counts.approvedActivity, counts.possible);
  const base = { attendancePct, unauthorised: counts.unauthorised, target };
  if (options.ended) {
    if (counts.possible === 0) return { ...base, verdict: "not_known" };
    return { ...base, verdict: evaluateTarget(target, counts).met ? "met" : "not_met" };
  }
  if (options.sessionsRemaining === null || counts.possible + options.sessionsRemaining === 0) {
    return { ...base, verdict: "not_known" };
  }
  return {
    ...base,
    verdict: targetProgress(target, counts, options.sessionsRemaining).canStillBeMet
      ? "can_still_be_met"
      : "cannot_be_met",
  };
}

/** A target in words, lower case: "attendance of at least 90% and no more than 4 unauthorised sessions". */
export function targetWords(target: Target): string {
  return [
    target.minAttendancePct !== null ? `attendance of at least ${target.minAttendancePct}%` : null,
    target.maxUnauthorisedSessions !== null
      ? `no more than ${target.maxUnauthorisedSessions} unauthorised ${target.maxUnauthorisedSessions === 1 ? "session" : "sessions"}`
      : null,
  ]
    .filter((p): p is string => p !== null)
    .join(" and ");
}
