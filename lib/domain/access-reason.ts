// A reason before reading a child's record outside one's own caseload (issue 12 §2; DPA 2018 s.62: consultation is
// logged with its justification). A manager or an officer opening a case assigned to someone else, or the record of a
// pupil whose cases are all someone else's, says why first; the reason goes on the audit row of that read, and covers
// the record for the rest of the session (up to REASON_LIFETIME_HOURS). The lists and queues, where cases are triaged
// and shared out, ask nothing: they show no more of a child than a name and a status.
import type { Role } from "./roles";

export const ACCESS_REASON_MIN = 5;
export const ACCESS_REASON_MAX = 500;
export const REASON_LIFETIME_HOURS = 8;

/** The roles that have a caseload (cases assigned to them), and so are asked for a reason outside it. School staff
 * see only their own school's pupils, auditors no casework, administrators no children's records. */
const WITH_CASELOAD: readonly Role[] = ["manager", "officer"];

/** Whether users of this role are ever asked for a reason (they have a caseload). */
export function hasCaseload(role: Role): boolean {
  return WITH_CASELOAD.includes(role);
}

/** Whether this user must give a reason before the case is shown: a manager or an officer, on a case assigned to
 * someone else. */
export function needsAccessReason(actor: { id: string; role: Role }, kase: { assignedOfficerId: string }): boolean {
  return hasCaseload(actor.role) && kase.assignedOfficerId !== actor.id;
}

/** Whether this user must give a reason before a pupil's record is read (their page, their attendance, or through
 * the API): a manager or an officer, when the pupil has cases and none of them is assigned to them (a pupil with no
 * case is the authority's register, which they read to triage). */
export function needsPupilAccessReason(
  actor: { id: string; role: Role },
  cases: readonly { assignedOfficerId: string }[],
): boolean {
  return hasCaseload(actor.role) && cases.length > 0 && !cases.some((c) => c.assignedOfficerId === actor.id);
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

/** Where the pupil's reason page returns to: the pupil's page or their attendance page, else the pupil's page. */
export function pupilReasonReturnPath(pupilId: string, next: string | null | undefined): string {
  const home = `/pupils/${pupilId}`;
  return next === `${home}/attendance` ? next : home;
}

/** The problem with a typed reason, or null (`what`: the record being opened, as the message names it). */
export function accessReasonProblem(reason: string, what = "this case"): string | null {
  const text = reason.trim();
  if (text === "") return `Enter why you need to open ${what}`;
  if (text.length < ACCESS_REASON_MIN) return `The reason must be ${ACCESS_REASON_MIN} characters or more`;
  if (text.length > ACCESS_REASON_MAX) return `The reason must be ${ACCESS_REASON_MAX} characters or fewer`;
  return null;
}
