// A reason before reading a child's record outside one's own caseload (issue 12 §2; DPA 2018 s.62: consultation is
// logged with its justification). A manager opening a case assigned to another officer says why first; the reason
// goes on the audit row of that read, and covers the case for the rest of the session (up to REASON_LIFETIME_HOURS).
import type { Role } from "./roles";

export const ACCESS_REASON_MIN = 5;
export const ACCESS_REASON_MAX = 500;
export const REASON_LIFETIME_HOURS = 8;

/** Whether this user must give a reason before the case is shown: a manager, on a case assigned to someone else.
 * (Officers' own caseloads are their assigned cases; the officers' role reads the authority's cases to triage and
 * cover, which issue 12 leaves as it is.) */
export function needsAccessReason(actor: { id: string; role: Role }, kase: { assignedOfficerId: string }): boolean {
  return actor.role === "manager" && kase.assignedOfficerId !== actor.id;
}

/** Whether this user must give a reason before a pupil's record is read through the API: a manager, when the pupil
 * has cases and none of them is assigned to the manager (a pupil with no case is the authority's register, which
 * managers read to triage). */
export function needsPupilAccessReason(
  actor: { id: string; role: Role },
  cases: readonly { assignedOfficerId: string }[],
): boolean {
  return actor.role === "manager" && cases.length > 0 && !cases.some((c) => c.assignedOfficerId === actor.id);
}

/** The API's header carrying the reason (an API client cannot be shown the reason page). */
export const ACCESS_REASON_HEADER = "X-Access-Reason";

/** Where the reason page returns to: a page of the same case (the case's sub-page the manager was opening), or the
 * case itself. Anything else (another case, another site, a path with a query) falls back to the case. */
export function accessReasonReturnPath(caseId: string, next: string | null | undefined): string {
  const home = `/cases/${caseId}`;
  if (!next || !next.startsWith(`${home}/`)) return home;
  return /^\/cases\/[0-9a-f-]{36}(\/[a-z0-9-]+)+$/i.test(next) && !next.includes("/reason") ? next : home;
}

/** The problem with a typed reason, or null. */
export function accessReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text === "") return "Enter why you need to open this case";
  if (text.length < ACCESS_REASON_MIN) return `The reason must be ${ACCESS_REASON_MIN} characters or more`;
  if (text.length > ACCESS_REASON_MAX) return `The reason must be ${ACCESS_REASON_MAX} characters or fewer`;
  return null;
}
