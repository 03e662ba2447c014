import { describe, expect, it } from "vitest";
import { ACTIONS, can, type Action } from "./permissions";
import { ROLES, type Role } from "./roles";

// The expected table, written out in full so that any change to a permission fails here first.
const EXPECTED: Record<Role, Action[]> = {
  admin: [
    "user.manage",
    "school.manage",
    "api_token.manage",
    "api_token.own",
    "reference_data.manage",
    "case.settings",
    "letter_template.manage",
  ],
  manager: [
    "api_token.own",
    "pupil.read",
    "pupil.search",
    "subject_access.export",
    "legal_hold.manage",
    "attendance.read",
    "attendance.import",
    "attendance.report",
    "case.read",
    "case.manage",
    "case.triage",
    "referral.read",
    "referral.review",
    "court.record",
    "penalty_notice.manage",
    "task.manage",
    "sweep.record",
    "sweep.read",
    "statistics.read",
    "pupil.characteristics.read",
    "certificate.read",
    "certificate.record",
  ],
  officer: [
    "api_token.own",
    "pupil.read",
    "pupil.search",
    "attendance.read",
    "attendance.import",
    "attendance.report",
    "case.read",
    "case.manage",
    "case.triage",
    "referral.read",
    "penalty_notice.manage",
    "task.manage",
    "sweep.record",
    "sweep.read",
    "pupil.characteristics.read",
    "certificate.read",
    "certificate.record",
  ],
  school: [
    "api_token.own",
    "pupil.read",
    "pupil.search",
    "attendance.read",
    "attendance.import",
    "case.flag",
    "case.follow",
    "pupil.characteristics.read",
    "certificate.read",
    "certificate.record",
  ],
  // The data protection officer: the audit log, subject access, retention and legal holds; no casework screens.
  auditor: ["api_token.own", "audit.read", "subject_access.export", "retention.manage", "legal_hold.manage"],
};

describe("permissions table", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can({ role }, action)).toBe(allowed);
      });
    }
  }
});
