// Who may do what: one table of role × action. The server consults it through lib/server/auth.ts
// (`authorize`); pages use `can` only to hide links and buttons, which is cosmetic.
// Row scope (which authority, which school) is the scope builders' job in lib/server/*/scope.ts.
import type { Role } from "./roles";

export const ACTIONS = [
  "pupil.read",
  "pupil.search",
  "user.manage",
  "school.manage",
  "api_token.manage",
  "api_token.own",
  "reference_data.manage",
  "audit.read",
  "subject_access.export",
  "retention.manage",
  "legal_hold.manage",
  "attendance.read",
  "attendance.import",
  "attendance.report",
  "case.read",
  "case.manage",
  "case.flag",
  "case.triage",
  "case.settings",
  "letter_template.manage",
  "referral.read",
  "referral.review",
  "court.record",
  "penalty_notice.manage",
  "task.manage",
  "case.follow",
  "sweep.record",
  "sweep.read",
  "statistics.read",
  "pupil.characteristics.read",
  "certificate.read",
  "certificate.record",
] as const;
export type Action = (typeof ACTIONS)[number];

const TABLE: Record<Action, readonly Role[]> = {
  // School staff see only pupils on roll at their own school (enforced by pupilScope).
  "pupil.read": ["manager", "officer", "school"],
  "pupil.search": ["manager", "officer", "school"],
  // Administrators run the authority's set-up; they do not need children's records (least privilege).
  "user.manage": ["admin"],
  "school.manage": ["admin"],
  // Administrators list and revoke their authority's API tokens; they never create one for someone else.
  "api_token.manage": ["admin"],
  // Every user creates, lists and revokes their own personal tokens (docs/decisions/022-personal-api-tokens.md).
  "api_token.own": ["admin", "manager", "officer", "school", "auditor"],
  "reference_data.manage": ["admin"],
  // The audit log is the data protection officer's: the auditor searches it and exports it (ADR 033). Nobody
  // else reads it, so reading it is itself audited by the one role that checks it.
  "audit.read": ["auditor"],
  // Everything held about a pupil or parent/carer, as one archive (UK GDPR Art 15): managers, who answer the
  // requests, and auditors (ADR 034). Auditors see no casework screens; the archive is their one view of it.
  "subject_access.export": ["manager", "auditor"],
  // The retention schedule and its dry run (ADR 035): the data protection officer's.
  "retention.manage": ["auditor"],
  // A legal hold on a case or a person stops all erasure: managers (who know of proceedings) and auditors.
  "legal_hold.manage": ["manager", "auditor"],
  // Register marks and rates of the pupils in scope (school staff: their own school's).
  "attendance.read": ["manager", "officer", "school"],
  // Registers come from schools (their own only) and from officers; managers may load them too.
  "attendance.import": ["manager", "officer", "school"],
  // Authority-wide views: rates per school, comparisons, the pupils-at-risk queue.
  "attendance.report": ["manager", "officer"],
  // Cases: officers and managers of the authority (caseScope). Which of them may change a given case (the
  // assigned officer or a manager) is canChangeCase in case-rules.ts.
  "case.read": ["manager", "officer"],
  "case.manage": ["manager", "officer"],
  // School staff flag pupils of their own school and follow their flags' status, never the case behind them.
  "case.flag": ["school"],
  // The triage queue: accept, decline or merge a school's flag.
  "case.triage": ["manager", "officer"],
  // The authority's Fast Track window length and milestones.
  "case.settings": ["admin"],
  // Each authority's letter templates (meeting invitation, warning, review, final warning) and their preview.
  "letter_template.manage": ["admin"],
  // Prosecution referrals made by the daily job: officers follow their cases' referrals; only managers decide.
  "referral.read": ["manager", "officer"],
  "referral.review": ["manager"],
  // Hearings and outcomes per parent: recorded by managers, who own the court side.
  "court.record": ["manager"],
  // Penalty notices: issued, paid or withdrawn by the case's officer or a manager.
  "penalty_notice.manage": ["manager", "officer"],
  // Tasks and appointments on cases (My day): officers and managers book, reassign and complete them; which of
  // them may change a given task (its assignee, the case's officer or a manager) is canChangeTask in tasks.ts.
  "task.manage": ["manager", "officer"],
  // School staff follow the cases their school's flags opened: the officer, the window, milestones and letters
  // sent, never the casework notes (lib/server/school-view; scoped to their flags and their pupils on roll).
  "case.follow": ["school"],
  // Truancy sweeps with the police: officers record them and see the sweeps they recorded; managers see every sweep
  // of the authority and its yield (sweepScope).
  "sweep.record": ["manager", "officer"],
  "sweep.read": ["manager", "officer"],
  // The manager's picture: the dashboard, the parental responsibility return, powers used and unused, fairness.
  "statistics.read": ["manager"],
  // A pupil's SEN provision and free-school-meals eligibility (from the CTF): special category and sensitive data,
  // shown only to officers, managers and the pupil's own school (pupilScope), and audited when shown.
  "pupil.characteristics.read": ["manager", "officer", "school"],
  // The head teacher's s.566 attendance certificate for a referral: school staff see and sign those that rely on
  // their own school's register (certificateAccess); officers and managers see them, and an officer (the case's, or
  // a manager) may record a signed paper copy on the school's behalf.
  "certificate.read": ["manager", "officer", "school"],
  "certificate.record": ["manager", "officer", "school"],
};

export type Actor = { role: Role };

export function can(actor: Actor, action: Action): boolean {
  return TABLE[action].includes(actor.role);
}

/** Every action a role may take; used by tests and the navigation. */
export function actionsFor(role: Role): Action[] {
  return ACTIONS.filter((a) => TABLE[a].includes(role));
}
