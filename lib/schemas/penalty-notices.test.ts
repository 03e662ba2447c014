import { describe, expect, it } from "vitest";
import { issuePenaltyNoticeSchema, recordPenaltyPaymentSchema, withdrawPenaltyNoticeSchema } from "./penalty-notices";

const ID = "0b7c6a0e-8f57-4f6e-9d0a-1f2d3c4b5a69";
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("issuePenaltyNoticeSchema", () => {
  it("accepts a notice issued after its offence period", () => {
    expect(
      issuePenaltyNoticeSchema.safeParse({
        caseId: ID,
        parentId: ID,
        issueDate: "2026-11-16",
        periodStart: "2026-11-02",
        periodEnd: "2026-11-13",
      }).success,
    ).toBe(true);
  });

  it("names every field that is missing or wrong", () => {
    expect(
      messages(
        issuePenaltyNoticeSchema.safeParse({
          caseId: ID,
          issueDate: "31/02/2026",
          periodStart: "",
          periodEnd: "2026-11-13",
        }),
      ),
    ).toEqual({
      parentId: "Select the parent or carer the notice is for",
      issueDate: "The date the notice is issued must be a real date",
      periodStart: "Enter the first day of the offence period",
    });
  });

  it("reads each date from the GOV.UK date input's three boxes, or typed whole as 20/11/2026", () => {
    const parsed = issuePenaltyNoticeSchema.parse({
      caseId: ID,
      parentId: ID,
      "issueDate-day": "20",
      "issueDate-month": "11",
      "issueDate-year": "2026",
      "periodStart-day": "2/11/2026",
      "periodStart-month": "",
      "periodStart-year": "",
      periodEnd: "2026-11-13",
    });
    expect([parsed.issueDate, parsed.periodStart, parsed.periodEnd]).toEqual([
      "2026-11-20",
      "2026-11-02",
      "2026-11-13",
    ]);
    expect(
      messages(
        issuePenaltyNoticeSchema.safeParse({
          caseId: ID,
          parentId: ID,
          "issueDate-day": "20",
          "issueDate-month": "",
          "issueDate-year": "2026",
          periodStart: "2026-11-02",
          periodEnd: "2026-11-13",
        }),
      ),
    ).toEqual({ issueDate: "The date the notice is issued must include a month" });
  });

  it("refuses a period that ends before it starts, and an issue date inside the period", () => {
    expect(
      messages(
        issuePenaltyNoticeSchema.safeParse({
          caseId: ID,
          parentId: ID,
          issueDate: "2026-11-10",
          periodStart: "2026-11-13",
          periodEnd: "2026-11-12",
        }),
      ),
    ).toEqual({
      periodEnd: "The last day of the offence period must be on or after its first day",
      issueDate: "The notice must be issued on or after the last day of the offence period",
    });
  });
});

describe("recordPenaltyPaymentSchema", () => {
  it("reads pounds as typed into pence, and keeps pence already parsed", () => {
    expect(
      recordPenaltyPaymentSchema.parse({ noticeId: ID, version: "1", paidOn: "2026-11-18", amount: "£80.00" }).amount,
    ).toBe(8_000);
    expect(
      recordPenaltyPaymentSchema.parse({ noticeId: ID, version: 1, paidOn: "2026-11-18", amount: 16_000 }).amount,
    ).toBe(16_000);
  });

  it("refuses a zero, negative or malformed amount with a message naming the field", () => {
    const at = (amount: unknown) =>
      messages(recordPenaltyPaymentSchema.safeParse({ noticeId: ID, version: 1, paidOn: "2026-11-18", amount })).amount;
    expect(at("0")).toBe("The amount paid must be more than £0.00");
    expect(at("-5")).toBe("The amount paid must be £0.00 or more");
    expect(at("80.123")).toBe("The amount paid must be in pounds and pence, with no more than 2 decimal places");
    expect(at("")).toBe("Enter the amount paid");
    expect(at(0)).toBe("The amount paid must be more than £0.00");
  });
});

describe("withdrawPenaltyNoticeSchema", () => {
  it("needs a reason", () => {
    expect(
      messages(
        withdrawPenaltyNoticeSchema.safeParse({ noticeId: ID, version: 1, withdrawnOn: "2026-11-18", reason: " " }),
      ),
    ).toEqual({
      reason: "Enter the reason for withdrawing the notice",
    });
  });
});
