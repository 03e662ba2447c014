import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import {
  addCaseEventSchema,
  acceptFlagSchema,
  CASE_EVENT_KINDS,
  closeCaseSchema,
  declineFlagSchema,
  findFlagsSchema,
  flagPupilSchema,
  openCaseSchema,
  reassignCaseSchema,
  reopenCaseSchema,
  startWindowSchema,
  windowSettingsSchema,
} from "./case";

const ID = "3f1c2b9e-8a47-4c1d-9b2e-5d6f7a8b9c0d";
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("flag schemas", () => {
  it("reads the tried checkboxes as form values and drops a blank 'other'", () => {
    const parsed = flagPupilSchema.parse({
      pupilId: ID,
      reason: " Absent ",
      triedMeeting: "on",
      triedEarlyHelp: "true",
      triedOther: " ",
    });
    expect(parsed).toEqual({
      pupilId: ID,
      reason: "Absent",
      triedMeeting: true,
      triedAttendanceContract: false,
      triedEarlyHelp: true,
      triedOther: undefined,
      addToOpenCase: false,
    });
  });

  it("needs a reason and a pupil", () => {
    expect(Object.keys(messages(flagPupilSchema.safeParse({ pupilId: "nope", reason: "" }))).sort()).toEqual([
      "pupilId",
      "reason",
    ]);
  });

  it("needs a reason to decline, which the school will see", () => {
    expect(messages(declineFlagSchema.safeParse({ flagId: ID, reason: "  " })).reason).toMatch(/reason for declining/);
    expect(declineFlagSchema.parse({ flagId: ID, reason: "Attendance above 90%" }).reason).toBe("Attendance above 90%");
  });

  it("treats a blank officer and a blank status as not given", () => {
    expect(acceptFlagSchema.parse({ flagId: ID, assignedOfficerId: "" }).assignedOfficerId).toBeUndefined();
    expect(findFlagsSchema.parse({ status: "" }).status).toBeUndefined();
    expect(messages(findFlagsSchema.safeParse({ status: "lost" })).status).toMatch(/status/);
  });
});

describe("case schemas", () => {
  it("lets the opening date default and checks it is a real date", () => {
    expect(openCaseSchema.parse({ pupilId: ID, openedOn: "" }).openedOn).toBeUndefined();
    expect(messages(openCaseSchema.safeParse({ pupilId: ID, openedOn: "2026-02-30" })).openedOn).toMatch(/real date/);
    expect(openCaseSchema.parse({ pupilId: ID, parentIds: ID }).parentIds).toEqual([ID]);
  });

  it("reads the window target as numbers or null, leaving its rules to validateTarget", () => {
    const parsed = startWindowSchema.parse({
      caseId: ID,
      version: "3",
      startDate: "2026-11-02",
      minAttendancePct: "92.5",
      maxUnauthorisedSessions: "",
    });
    expect(parsed).toMatchObject({ version: 3, minAttendancePct: 92.5, maxUnauthorisedSessions: null });
    expect(
      messages(startWindowSchema.safeParse({ caseId: ID, version: "0", startDate: "x", minAttendancePct: "lots" })),
    ).toMatchObject({
      version: expect.any(String),
      startDate: expect.stringMatching(/real date/),
      minAttendancePct: expect.any(String),
    });
  });

  it("applies the domain's target rule in the form: a target is needed, and each part must be in range", () => {
    const base = { caseId: ID, version: "3", startDate: "2026-11-02" };
    expect(
      messages(startWindowSchema.safeParse({ ...base, minAttendancePct: "", maxUnauthorisedSessions: "" })),
    ).toMatchObject({
      minAttendancePct: expect.stringMatching(
        /Set a minimum attendance, a maximum number of unauthorised sessions, or both/,
      ),
    });
    expect(
      messages(startWindowSchema.safeParse({ ...base, minAttendancePct: "101", maxUnauthorisedSessions: "-1" })),
    ).toMatchObject({
      minAttendancePct: expect.stringMatching(/from 0 to 100/),
      maxUnauthorisedSessions: expect.stringMatching(/whole number, 0 or more/),
    });
  });

  it("checks the start against the case's opening and today in the form when the page gives them", () => {
    const base = { caseId: ID, version: "3", minAttendancePct: "90", caseOpenedOn: "2026-11-02", today: "2026-11-20" };
    expect(messages(startWindowSchema.safeParse({ ...base, startDate: "2026-11-01" })).startDate).toBe(
      "The window cannot start before the case was opened on 2 November 2026",
    );
    expect(messages(startWindowSchema.safeParse({ ...base, startDate: "2026-11-21" })).startDate).toMatch(
      /^The window cannot start in the future: .* on or before today \(20 November 2026\)$/,
    );
    for (const startDate of ["2026-11-02", "2026-11-20"])
      expect(startWindowSchema.safeParse({ ...base, startDate }).success).toBe(true);
    // Without the page's context (the JSON API), the server's own check is the one that applies.
    expect(
      startWindowSchema.safeParse({ caseId: ID, version: "3", minAttendancePct: "90", startDate: "2026-11-01" })
        .success,
    ).toBe(true);
  });

  it("allows only recorded kinds of work on the timeline, and a note needs text", () => {
    const base = { caseId: ID, version: 1, occurredOn: "2026-11-02" };
    expect(addCaseEventSchema.safeParse({ ...base, kind: "home_visit" }).success).toBe(true);
    expect(messages(addCaseEventSchema.safeParse({ ...base, kind: "reopened" })).kind).toMatch(/Select what happened/);
    expect(messages(addCaseEventSchema.safeParse({ ...base, kind: "note", note: " " })).note).toBe("Enter the note");
    expect(CASE_EVENT_KINDS).toContain("reassigned");
  });

  it("needs an outcome and a reason to close, a reason to reopen, and an officer to reassign", () => {
    expect(
      Object.keys(messages(closeCaseSchema.safeParse({ caseId: ID, version: 1, outcome: "won", reason: "" }))).sort(),
    ).toEqual(["outcome", "reason"]);
    expect(messages(reopenCaseSchema.safeParse({ caseId: ID, version: 1, reason: "" })).reason).toMatch(/reopening/);
    expect(messages(reassignCaseSchema.safeParse({ caseId: ID, version: 1, officerId: "" })).officerId).toMatch(
      /officer/,
    );
  });
});

describe("window settings schema", () => {
  it("accepts the defaults and reports the domain's problems against each field", () => {
    expect(windowSettingsSchema.safeParse(DEFAULT_WINDOW_SETTINGS).success).toBe(true);
    const result = messages(
      windowSettingsSchema.safeParse({
        lengthWeeks: "10",
        milestones: [
          { key: "review", label: "", week: "11" },
          { key: "decision", label: "Decision", week: "12" },
        ],
      }),
    );
    expect(Object.keys(result).sort()).toEqual(["milestones.0.label", "milestones.0.week", "milestones.1.week"]);
  });
});
