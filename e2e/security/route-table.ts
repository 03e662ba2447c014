// Every page, file route, API route and server action of the app, with the permission that guards it. The
// security suite (e2e/security/*.spec.ts) walks app/ and fails when a page.tsx, route.ts or exported server
// action has no entry here (or an entry names one that is gone), so a new surface cannot be added without saying
// who may use it; then it requests every entry as every role and expects a refused role to be refused.
import fs from "node:fs";
import path from "node:path";
import { can, type Action } from "../../lib/domain/permissions";
import type { Role } from "../../lib/domain/roles";

/** Who may use a surface: a permission from lib/domain/permissions.ts, any signed-in user, or anyone. */
export type Guard = Action | "signed-in" | "anyone";

export type RouteEntry = {
  /** The app/ path with its dynamic segments, e.g. /cases/[id]. */
  path: string;
  guard: Guard;
  /** For route.ts: its methods. Pages are GET. */
  methods?: readonly ("GET" | "POST")[];
};

export const PAGES: readonly RouteEntry[] = [
  { path: "/", guard: "signed-in" },
  { path: "/account", guard: "signed-in" },
  { path: "/account/password", guard: "signed-in" },
  { path: "/account/tokens", guard: "api_token.own" },
  { path: "/admin/calendar", guard: "reference_data.manage" },
  { path: "/admin/case-settings", guard: "case.settings" },
  { path: "/admin/comparisons", guard: "reference_data.manage" },
  // Issue 15: the authority's list of magistrates' courts.
  { path: "/admin/courts", guard: "reference_data.manage" },
  { path: "/admin/letters", guard: "letter_template.manage" },
  { path: "/admin/letters/[kind]", guard: "letter_template.manage" },
  { path: "/admin/schools", guard: "school.manage" },
  { path: "/admin/schools/new", guard: "school.manage" },
  { path: "/admin/users", guard: "user.manage" },
  { path: "/admin/users/[id]", guard: "user.manage" },
  { path: "/admin/users/new", guard: "user.manage" },
  { path: "/attendance", guard: "attendance.report" },
  { path: "/audit", guard: "audit.read" },
  { path: "/attendance/at-risk", guard: "attendance.report" },
  { path: "/attendance/import", guard: "attendance.import" },
  { path: "/cases", guard: "case.read" },
  { path: "/cases/[id]", guard: "case.read" },
  { path: "/cases/[id]/close", guard: "case.manage" },
  { path: "/cases/[id]/eso/new", guard: "case.manage" },
  { path: "/cases/[id]/events/[eventId]/correct", guard: "case.manage" },
  { path: "/cases/[id]/events/new", guard: "case.manage" },
  { path: "/cases/[id]/letters/[letterId]", guard: "case.read" },
  { path: "/cases/[id]/letters/new", guard: "case.manage" },
  { path: "/cases/[id]/penalty-notices/[noticeId]/pay", guard: "penalty_notice.manage" },
  { path: "/cases/[id]/penalty-notices/[noticeId]/withdraw", guard: "penalty_notice.manage" },
  { path: "/cases/[id]/penalty-notices/new", guard: "penalty_notice.manage" },
  { path: "/cases/[id]/reassign", guard: "case.manage" },
  // Issue 15: both parents' referrals on one page (officers read it; only managers decide, by the actions).
  { path: "/cases/[id]/referrals", guard: "referral.read" },
  { path: "/cases/[id]/reopen", guard: "case.manage" },
  { path: "/cases/[id]/reason", guard: "case.read" },
  { path: "/cases/[id]/start-window", guard: "case.manage" },
  { path: "/cases/[id]/tasks/new", guard: "task.manage" },
  // Issue 15: bulk work on the cases ticked in a queue (reassign, the same letter).
  { path: "/cases/bulk", guard: "case.manage" },
  { path: "/cases/find", guard: "case.read" },
  { path: "/cases/new", guard: "case.manage" },
  { path: "/certificates", guard: "certificate.read" },
  { path: "/certificates/[evidenceId]", guard: "certificate.read" },
  { path: "/flags", guard: "case.triage" },
  { path: "/flags/[id]", guard: "case.triage" },
  { path: "/flags/[id]/accept", guard: "case.triage" },
  { path: "/flags/[id]/decline", guard: "case.triage" },
  { path: "/hearings", guard: "referral.read" },
  { path: "/my-day", guard: "task.manage" },
  { path: "/notifications", guard: "signed-in" },
  { path: "/pupils", guard: "pupil.search" },
  { path: "/pupils/[id]", guard: "pupil.read" },
  { path: "/pupils/[id]/attendance", guard: "attendance.read" },
  // Issue 12: the reason a manager or officer gives before opening a pupil whose cases are all someone else's.
  { path: "/pupils/[id]/reason", guard: "pupil.read" },
  { path: "/pupils/at-risk", guard: "case.flag" },
  { path: "/referrals", guard: "referral.review" },
  { path: "/referrals/[id]", guard: "referral.read" },
  { path: "/school-cases/[id]", guard: "case.follow" },
  { path: "/school-flags", guard: "case.flag" },
  { path: "/school-flags/new", guard: "case.flag" },
  { path: "/legal-holds", guard: "legal_hold.manage" },
  { path: "/retention", guard: "retention.manage" },
  { path: "/sign-in", guard: "anyone" },
  { path: "/sign-in/authenticator", guard: "anyone" },
  { path: "/sign-in/code", guard: "anyone" },
  { path: "/sign-in/recovery-codes", guard: "signed-in" },
  { path: "/sign-out", guard: "anyone" },
  { path: "/statistics", guard: "statistics.read" },
  { path: "/subject-access", guard: "subject_access.export" },
  { path: "/statistics/fairness", guard: "statistics.read" },
  { path: "/statistics/powers/[kind]", guard: "statistics.read" },
  { path: "/sweeps", guard: "sweep.read" },
  { path: "/sweeps/[id]", guard: "sweep.read" },
  { path: "/sweeps/new", guard: "sweep.record" },
  { path: "/tasks/[id]/cancel", guard: "task.manage" },
  { path: "/tasks/[id]/done", guard: "task.manage" },
  { path: "/tasks/[id]/reassign", guard: "task.manage" },
];

export const ROUTES: readonly RouteEntry[] = [
  { path: "/admin/letters/[kind]/preview.pdf", guard: "letter_template.manage", methods: ["GET"] },
  { path: "/api/auth/[...nextauth]", guard: "anyone", methods: ["GET", "POST"] },
  { path: "/api/health", guard: "anyone", methods: ["GET"] },
  { path: "/api/v1/attendance/imports", guard: "attendance.import", methods: ["POST"] },
  { path: "/api/v1/cases", guard: "case.manage", methods: ["POST"] },
  { path: "/api/v1/cases/[id]", guard: "case.read", methods: ["GET"] },
  { path: "/api/v1/cases/[id]/events", guard: "case.manage", methods: ["POST"] },
  { path: "/api/v1/cases/[id]/letters", guard: "case.manage", methods: ["POST"] },
  { path: "/api/v1/cases/[id]/letters/[letterFile]", guard: "case.read", methods: ["GET"] },
  { path: "/api/v1/openapi.json", guard: "anyone", methods: ["GET"] },
  { path: "/api/v1/parents/[id]/subject-access", guard: "subject_access.export", methods: ["GET"] },
  { path: "/api/v1/pupils/[upn]/subject-access", guard: "subject_access.export", methods: ["GET"] },
  { path: "/api/v1/pupils/[upn]", guard: "pupil.read", methods: ["GET"] },
  { path: "/api/v1/pupils/[upn]/attendance", guard: "attendance.read", methods: ["GET"] },
  { path: "/api/v1/referrals/[id]", guard: "referral.read", methods: ["GET"] },
  { path: "/api/v1/referrals/[id]/certificate", guard: "certificate.record", methods: ["POST"] },
  { path: "/api/v1/referrals/[id]/certificate.pdf", guard: "certificate.read", methods: ["GET"] },
  { path: "/api/v1/referrals/[id]/decision", guard: "referral.review", methods: ["POST"] },
  { path: "/api/v1/referrals/[id]/outcome", guard: "court.record", methods: ["POST"] },
  { path: "/api/v1/statistics/parental-responsibility", guard: "statistics.read", methods: ["GET"] },
  // GET needs sweep.read and POST sweep.record: the same roles.
  { path: "/api/v1/sweeps", guard: "sweep.read", methods: ["GET", "POST"] },
  { path: "/attendance/at-risk.csv", guard: "attendance.report", methods: ["GET"] },
  { path: "/attendance/schools.csv", guard: "attendance.report", methods: ["GET"] },
  { path: "/audit/export.csv", guard: "audit.read", methods: ["GET"] },
  { path: "/cases/[id]/letters/[letterId]/pdf", guard: "case.read", methods: ["GET"] },
  // Issue 15: the letters sent together as one PDF (?production=<id>).
  { path: "/cases/[id]/letters/print", guard: "case.read", methods: ["GET"] },
  // Issue 15: the letters sent to several cases together, one PDF.
  { path: "/cases/bulk/print/[production]", guard: "case.read", methods: ["GET"] },
  { path: "/cases/export.csv", guard: "case.read", methods: ["GET"] },
  { path: "/certificates/[evidenceId]/certificate.pdf", guard: "certificate.read", methods: ["GET"] },
  { path: "/referrals/[id]/prosecution-file.pdf", guard: "referral.read", methods: ["GET"] },
  { path: "/referrals/queue.csv", guard: "referral.review", methods: ["GET"] },
  { path: "/statistics/parental-responsibility.csv", guard: "statistics.read", methods: ["GET"] },
  { path: "/subject-access/parents/[id]", guard: "subject_access.export", methods: ["GET"] },
  { path: "/subject-access/pupils/[upn]", guard: "subject_access.export", methods: ["GET"] },
];

/** Server actions by file (under app/) and exported name. */
export const SERVER_ACTIONS: Readonly<Record<string, Readonly<Record<string, Guard>>>> = {
  "account/password/actions.ts": { changePasswordAction: "signed-in" },
  "account/tokens/actions.ts": { createOwnApiTokenAction: "api_token.own", revokeOwnApiTokenAction: "api_token.own" },
  "admin/calendar/actions.ts": {
    addCalendarEntryAction: "reference_data.manage",
    deleteCalendarEntryAction: "reference_data.manage",
    importCalendarAction: "reference_data.manage",
  },
  "admin/case-settings/actions.ts": {
    setWindowSettingsAction: "case.settings",
    setReferralSettingsAction: "case.settings",
  },
  "admin/comparisons/actions.ts": {
    addComparisonFigureAction: "reference_data.manage",
    deleteComparisonFigureAction: "reference_data.manage",
  },
  "admin/courts/actions.ts": { addCourtAction: "reference_data.manage", setCourtActiveAction: "reference_data.manage" },
  "admin/letters/actions.ts": {
    saveLetterTemplateAction: "letter_template.manage",
    resetLetterTemplateAction: "letter_template.manage",
  },
  "admin/schools/actions.ts": { createSchoolAction: "school.manage" },
  "admin/users/actions.ts": {
    createUserAction: "user.manage",
    setUserDisabledAction: "user.manage",
    resetPasswordAction: "user.manage",
    resetSecondFactorAction: "user.manage",
    revokeApiTokenAction: "api_token.manage",
  },
  "attendance/import/actions.ts": { importRegisterAction: "attendance.import" },
  "cases/[id]/actions.ts": { linkSiblingsAction: "case.manage" },
  "cases/[id]/close/actions.ts": { closeCaseAction: "case.manage" },
  "cases/[id]/eso/new/actions.ts": { recordEsoAction: "case.manage" },
  "cases/[id]/events/[eventId]/correct/actions.ts": { correctCaseEventAction: "case.manage" },
  "cases/[id]/events/new/actions.ts": { addCaseEventAction: "case.manage" },
  "cases/[id]/letters/actions.ts": { produceLettersAction: "case.manage" },
  "cases/[id]/penalty-notices/[noticeId]/pay/actions.ts": { recordPenaltyPaymentAction: "penalty_notice.manage" },
  "cases/[id]/penalty-notices/[noticeId]/withdraw/actions.ts": { withdrawPenaltyNoticeAction: "penalty_notice.manage" },
  "cases/[id]/penalty-notices/new/actions.ts": { issuePenaltyNoticeAction: "penalty_notice.manage" },
  "cases/[id]/reassign/actions.ts": { reassignCaseAction: "case.manage" },
  "cases/bulk/actions.ts": { bulkReassignCasesAction: "case.manage", bulkLettersAction: "case.manage" },
  "cases/[id]/reopen/actions.ts": { reopenCaseAction: "case.manage" },
  "cases/[id]/start-window/actions.ts": { startWindowAction: "case.manage" },
  "cases/[id]/tasks/new/actions.ts": { scheduleTaskAction: "task.manage" },
  "cases/new/actions.ts": { openCaseAction: "case.manage" },
  "certificates/[evidenceId]/actions.ts": { recordCertificateAction: "certificate.record" },
  "flags/[id]/actions.ts": {
    acceptFlagAction: "case.triage",
    declineFlagAction: "case.triage",
    mergeFlagAction: "case.triage",
  },
  "my-day/actions.ts": { reassignTasksAction: "task.manage" },
  "notifications/actions.ts": { markNotificationsReadAction: "signed-in" },
  "referrals/[id]/actions.ts": {
    approveReferralAction: "referral.review",
    rejectReferralAction: "referral.review",
    addHearingAction: "court.record",
    recordOutcomeAction: "court.record",
    correctOutcomeAction: "court.record",
  },
  "school-flags/actions.ts": { flagPupilAction: "case.flag", addToFlagAction: "case.flag" },
  "cases/[id]/reason/actions.ts": { giveAccessReasonAction: "case.read" },
  "pupils/[id]/reason/actions.ts": { givePupilAccessReasonAction: "pupil.read" },
  "legal-holds/actions.ts": { placeLegalHoldAction: "legal_hold.manage", releaseLegalHoldAction: "legal_hold.manage" },
  "retention/actions.ts": { setRetentionScheduleAction: "retention.manage" },
  "sign-in/actions.ts": { signInAction: "anyone" },
  "sign-in/authenticator/actions.ts": { enrolAuthenticatorAction: "anyone" },
  "sign-in/code/actions.ts": { verifyCodeAction: "anyone" },
  "sign-in/recovery-codes/actions.ts": { savedRecoveryCodesAction: "signed-in" },
  "sign-out/actions.ts": { signOutAction: "anyone", timeOutAction: "anyone" },
  "sweeps/actions.ts": { recordSweepAction: "sweep.record", addSweepStopAction: "sweep.record" },
  "tasks/[id]/actions.ts": {
    completeTaskAction: "task.manage",
    cancelTaskAction: "task.manage",
    reassignTaskAction: "task.manage",
  },
};

/** Whether a role passes a guard. */
export function allows(guard: Guard, role: Role): boolean {
  if (guard === "anyone" || guard === "signed-in") return true;
  return can({ role }, guard);
}

// What app/ holds, for the completeness check.

const APP = path.join(import.meta.dirname, "..", "..", "app");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** The URL path of an app/ file's folder: route groups "(x)" and private folders "_x" dropped. */
function urlPath(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

export function pagesInApp(): string[] {
  return walk(APP)
    .filter((f) => path.basename(f) === "page.tsx")
    .map(urlPath)
    .sort();
}

export function routesInApp(): string[] {
  return walk(APP)
    .filter((f) => path.basename(f) === "route.ts")
    .map(urlPath)
    .sort();
}

/** Every exported server action: the functions a "use server" file exports, by file under app/. */
export function serverActionsInApp(): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of walk(APP).filter((f) => /\.(ts|tsx)$/.test(f))) {
    const source = fs.readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/.test(source)) continue;
    const names = [...source.matchAll(/export\s+(?:async\s+function|const|function)\s+(\w+)/g)].map((m) => m[1]!);
    found[path.relative(APP, file).split(path.sep).join("/")] = names.sort();
  }
  return found;
}
