import { describe, expect, it } from "vitest";
import {
  accessReasonProblem,
  accessReasonReturnPath,
  needsAccessReason,
  needsPupilAccessReason,
  pupilReasonReturnPath,
} from "./access-reason";
import { accessReasonSchema, pupilAccessReasonSchema } from "../schemas/access-reason";

describe("a reason before opening a case outside one's caseload", () => {
  it("is asked of a manager or an officer on a case assigned to someone else, never on their own", () => {
    expect(needsAccessReason({ id: "m", role: "manager" }, { assignedOfficerId: "o" })).toBe(true);
    expect(needsAccessReason({ id: "m", role: "manager" }, { assignedOfficerId: "m" })).toBe(false);
    expect(needsAccessReason({ id: "o2", role: "officer" }, { assignedOfficerId: "o" })).toBe(true);
    expect(needsAccessReason({ id: "o", role: "officer" }, { assignedOfficerId: "o" })).toBe(false);
    // Roles without a caseload are never asked (they read no casework, or only their own school's).
    for (const role of ["school", "auditor", "admin"] as const) {
      expect(needsAccessReason({ id: "x", role }, { assignedOfficerId: "o" })).toBe(false);
    }
  });

  it("must say something: 5 to 500 characters", () => {
    expect(accessReasonProblem("  ")).toBe("Enter why you need to open this case");
    expect(accessReasonProblem("why")).toBe("The reason must be 5 characters or more");
    expect(accessReasonProblem("x".repeat(501))).toBe("The reason must be 500 characters or fewer");
    expect(accessReasonProblem("Supervision of Owen's caseload")).toBeNull();
  });

  it("the form's schema trims the reason and names the field", () => {
    const caseId = "3f2b0c1d-0000-4000-8000-000000000001";
    expect(accessReasonSchema.parse({ caseId, reason: "  Covering leave  " })).toEqual({
      caseId,
      reason: "Covering leave",
    });
    const bad = accessReasonSchema.safeParse({ caseId, reason: "" });
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", "Enter why you need to open this case"],
    ]);
  });

  it("is asked of a manager or officer reading a pupil whose cases are all someone else's", () => {
    const manager = { id: "m", role: "manager" as const };
    expect(needsPupilAccessReason(manager, [{ assignedOfficerId: "o" }])).toBe(true);
    expect(needsPupilAccessReason(manager, [{ assignedOfficerId: "o" }, { assignedOfficerId: "m" }])).toBe(false);
    expect(needsPupilAccessReason(manager, [])).toBe(false);
    const officer = { id: "o2", role: "officer" as const };
    expect(needsPupilAccessReason(officer, [{ assignedOfficerId: "o" }])).toBe(true);
    expect(needsPupilAccessReason(officer, [{ assignedOfficerId: "o" }, { assignedOfficerId: "o2" }])).toBe(false);
    expect(needsPupilAccessReason(officer, [])).toBe(false);
    expect(needsPupilAccessReason({ id: "s", role: "school" }, [{ assignedOfficerId: "o" }])).toBe(false);
  });

  it("the pupil's reason page returns to the pupil's page or their attendance, never anywhere else", () => {
    const id = "3f2b0c1d-0000-4000-8000-000000000001";
    expect(pupilReasonReturnPath(id, `/pupils/${id}/attendance`)).toBe(`/pupils/${id}/attendance`);
    expect(pupilReasonReturnPath(id, null)).toBe(`/pupils/${id}`);
    expect(pupilReasonReturnPath(id, `/pupils/${id}/reason`)).toBe(`/pupils/${id}`);
    expect(pupilReasonReturnPath(id, `/pupils/3f2b0c1d-0000-4000-8000-000000000002/attendance`)).toBe(`/pupils/${id}`);
    expect(pupilReasonReturnPath(id, "https://evil.example/")).toBe(`/pupils/${id}`);
  });

  it("the pupil's form names the pupil's record in its message", () => {
    const pupilId = "3f2b0c1d-0000-4000-8000-000000000001";
    const bad = pupilAccessReasonSchema.safeParse({ pupilId, reason: " " });
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", "Enter why you need to open this pupil's record"],
    ]);
  });

  it("returns to the case's own sub-page after the reason, and never anywhere else", () => {
    const id = "3f2b0c1d-0000-4000-8000-000000000001";
    expect(accessReasonReturnPath(id, `/cases/${id}/letters/new`)).toBe(`/cases/${id}/letters/new`);
    expect(accessReasonReturnPath(id, `/cases/${id}/referrals`)).toBe(`/cases/${id}/referrals`);
    expect(accessReasonReturnPath(id, null)).toBe(`/cases/${id}`);
    expect(accessReasonReturnPath(id, `/cases/${id}`)).toBe(`/cases/${id}`);
    expect(accessReasonReturnPath(id, `/cases/${id}/reason`)).toBe(`/cases/${id}`);
    expect(accessReasonReturnPath(id, `/cases/3f2b0c1d-0000-4000-8000-000000000002/close`)).toBe(`/cases/${id}`);
    expect(accessReasonReturnPath(id, `/cases/${id}/../../admin`)).toBe(`/cases/${id}`);
    expect(accessReasonReturnPath(id, `/cases/${id}/close?x=//evil.example`)).toBe(`/cases/${id}`);
    expect(accessReasonReturnPath(id, "https://evil.example/")).toBe(`/cases/${id}`);
  });
});
