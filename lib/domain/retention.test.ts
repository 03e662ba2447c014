import { describe, expect, it } from "vitest";
import {
  erasedMarksProblem,
  describeMonths,
  holdKeepsCase,
  isPastRetention,
  keepMonthsProblem,
  legalHoldSubjectProblem,
  RETENTION_RECORD_TYPES,
  RETENTION_RULES,
  retentionCutoff,
} from "./retention";
import { placeLegalHoldSchema, retentionScheduleSchema } from "../schemas/retention";

describe("retention periods", () => {
  it("defaults: 6 years for cases, declined flags, marks and the audit log, 12 months for failed sign-ins; only marks statutory", () => {
    expect(Object.fromEntries(RETENTION_RECORD_TYPES.map((t) => [t, RETENTION_RULES[t].defaultMonths]))).toEqual({
      closed_case: 72,
      school_flag: 72,
      register_marks: 72,
      audit_log: 72,
      failed_sign_in: 12,
    });
    expect(RETENTION_RECORD_TYPES.filter((t) => RETENTION_RULES[t].basis === "statutory")).toEqual(["register_marks"]);
  });

  it("register marks are kept at least 6 years; every period is whole months from 1 to 1200", () => {
    expect(keepMonthsProblem("register_marks", 71)).toMatch(
      /^Register marks must be kept at least 72 months \(6 years\)/,
    );
    expect(keepMonthsProblem("register_marks", 72)).toBeNull();
    expect(keepMonthsProblem("closed_case", 1)).toBeNull();
    expect(keepMonthsProblem("closed_case", 0)).toBe("Enter a period of 1 month or more");
    expect(keepMonthsProblem("audit_log", 1200)).toBeNull();
    expect(keepMonthsProblem("audit_log", 1201)).toBe("Enter a period of 1200 months (100 years) or fewer");
    expect(keepMonthsProblem("failed_sign_in", 2.5)).toBe("Enter the period as a whole number of months");
  });

  it("the cut-off is today less the period in calendar months, the day clamped to the month's end", () => {
    expect(retentionCutoff("2026-11-20", 72)).toBe("2020-11-20");
    expect(retentionCutoff("2026-11-20", 12)).toBe("2025-11-20");
    expect(retentionCutoff("2026-03-31", 1)).toBe("2026-02-28");
    expect(retentionCutoff("2028-03-31", 1)).toBe("2028-02-29");
    expect(retentionCutoff("2026-01-15", 13)).toBe("2024-12-15");
    expect(isPastRetention("2020-11-19", "2020-11-20")).toBe(true);
    expect(isPastRetention("2020-11-20", "2020-11-20")).toBe(false);
  });

  it("describes periods in months and years", () => {
    expect(describeMonths(72)).toBe("72 months (6 years)");
    expect(describeMonths(12)).toBe("12 months (1 year)");
    expect(describeMonths(18)).toBe("18 months");
    expect(describeMonths(1)).toBe("1 month");
  });
});

describe("legal holds", () => {
  const kase = { id: "c1", pupilId: "p1", parentIds: ["m1", "f1"] };
  it("is on exactly one subject", () => {
    expect(legalHoldSubjectProblem({})).toMatch(/^Choose the case/);
    expect(legalHoldSubjectProblem({ caseId: "c1", pupilId: "p1" })).toMatch(/not several/);
    expect(legalHoldSubjectProblem({ parentId: "m1" })).toBeNull();
  });

  it("keeps a case when on the case, its pupil or a parent party to it, until released", () => {
    expect(holdKeepsCase({ caseId: "c1", released: false }, kase)).toBe(true);
    expect(holdKeepsCase({ pupilId: "p1", released: false }, kase)).toBe(true);
    expect(holdKeepsCase({ parentId: "f1", released: false }, kase)).toBe(true);
    expect(holdKeepsCase({ parentId: "x", released: false }, kase)).toBe(false);
    expect(holdKeepsCase({ caseId: "c1", released: true }, kase)).toBe(false);
  });
});

describe("the shared schemas", () => {
  it("the schedule form takes whole months per type and names each field's problem", () => {
    const ok = retentionScheduleSchema.safeParse({
      "keep-closed_case": " 84 ",
      "keep-school_flag": "36",
      "keep-register_marks": "72",
      "keep-audit_log": "72",
      "keep-failed_sign_in": "6",
    });
    expect(ok).toMatchObject({
      success: true,
      data: { closed_case: 84, school_flag: 36, register_marks: 72, audit_log: 72, failed_sign_in: 6 },
    });
    const bad = retentionScheduleSchema.safeParse({
      "keep-closed_case": "-1",
      "keep-register_marks": "71",
      "keep-audit_log": "1201",
    });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toEqual({
      "keep-closed_case": "Enter the period for closed cases and their documents as a whole number of months",
      "keep-register_marks": expect.stringMatching(/^Register marks must be kept at least 72 months/),
      "keep-audit_log": "Enter a period of 1200 months (100 years) or fewer",
      "keep-failed_sign_in": "Enter how many months to keep failed sign-in records",
      "keep-school_flag": "Enter how many months to keep school flags declined without a case",
    });
  });

  it("a hold names its subject's field, and only that one is kept", () => {
    const bad = placeLegalHoldSchema.safeParse({ subject: "pupil", upn: "nonsense", reason: " " });
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["reason", "upn"]);
    expect(
      placeLegalHoldSchema.safeParse({
        subject: "case",
        caseId: "3F2B0C1D-0000-4000-8000-000000000001",
        upn: "x",
        reason: "R",
      }).data,
    ).toEqual({
      subject: "case",
      caseId: "3f2b0c1d-0000-4000-8000-000000000001",
      upn: undefined,
      parentId: undefined,
      reason: "R",
    });
    expect(placeLegalHoldSchema.safeParse({ reason: "R" }).error!.issues[0]!.message).toBe(
      "Choose whether the hold is on a case, a pupil, or a parent or carer",
    );
  });
});

describe("the schedule's sources", () => {
  it('never repeat the basis the page already states ("Local policy: Local policy: …")', () => {
    for (const rule of Object.values(RETENTION_RULES)) expect(rule.source).not.toMatch(/^(local policy|statutory)/i);
  });
});

describe("marks a re-sent register may not bring back", () => {
  it("names the refused dates, the period and the day marks are kept from", () => {
    expect(erasedMarksProblem("2020-09-07", 72, "2019-03-04")).toBe(
      "Marks dated 4 March 2019 cannot be imported: register marks are kept 72 months (6 years), so marks dated before 7 September 2020 have been erased, and a register sent again must not bring them back. Remove marks before 7 September 2020 from the file",
    );
    // A span crossing the day names only the refused part.
    expect(erasedMarksProblem("2020-09-07", 72, "2020-09-01", "2020-10-16")).toMatch(
      /^Marks from 1 September 2020 to 6 September 2020 cannot be imported/,
    );
    expect(erasedMarksProblem("2020-09-07", 84, "2019-09-02", "2020-07-17")).toMatch(
      /^Marks from 2 September 2019 to 17 July 2020 cannot be imported: register marks are kept 84 months \(7 years\)/,
    );
  });
});
