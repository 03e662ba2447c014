import { describe, expect, it } from "vitest";
import { addHearingSchema, approveReferralSchema, outcomeFormField, outcomeFormSchema } from "./referrals";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

const base = { referralId: "5d1f3f7e-2b9c-4a8e-9f61-0c7b1e2d3a4b", version: "1" };

describe("approveReferralSchema", () => {
  it("lists every missing item of the manager's own even when the offence is not chosen", () => {
    const issues = issuesOf(approveReferralSchema.safeParse({ ...base, defencesConsidered: "leave,sickness" }));
    expect(issues.offence).toMatch(/Select the offence/);
    expect(issues.esoConsidered).toMatch(/section 447/);
    expect(issues.defencesConsidered).toMatch(/defence/);
    // The items the record proves are never asked of the form: the server computes them.
    expect(issues.attendanceCertificate).toBeUndefined();
    expect(issues.interviewUnderCaution).toBeUndefined();
  });

  it("accepts a complete checklist from a form (checkbox values, comma-joined defences)", () => {
    const parsed = approveReferralSchema.parse({
      ...base,
      offence: "s444(1A)",
      attendanceCertificate: "true",
      lettersSent: "on",
      warningGiven: "true",
      supportOffered: "true",
      esoConsidered: "true",
      esoReasoning: "Considered",
      interviewUnderCaution: "refused",
      defencesConsidered: "leave,sickness,religious_observance,transport,traveller",
    });
    expect(parsed).toMatchObject({ offence: "s444(1A)", version: 1, interviewUnderCaution: "refused" });
    expect(parsed.defencesConsidered).toHaveLength(5);
  });
});

describe("outcomeFormSchema", () => {
  const form = {
    referralId: base.referralId,
    hearingId: "6e2f4a8b-3c1d-4e5f-8a9b-1c2d3e4f5a6b",
    "decidedOn-day": "20",
    "decidedOn-month": "11",
    "decidedOn-year": "2026",
    plea: "guilty",
    verdict: "guilty",
    fine: "true",
  };
  it("parses pounds and refuses £1,000.01 under s.444(1) on the fine amount, naming the cap and offence", () => {
    const issues = issuesOf(outcomeFormSchema.safeParse({ ...form, offence: "s444(1)", fineAmount: "1,000.01" }));
    expect(issues.fineAmount).toBe(
      "A fine under section 444(1) can be at most £1,000.00 (level 3); £1,000.01 was entered",
    );
    const ok = outcomeFormSchema.parse({ ...form, offence: "s444(1)", fineAmount: "£1,000.00", costs: "120" });
    expect(ok.outcome).toMatchObject({
      hearingId: form.hearingId,
      decidedOn: "2026-11-20",
      sentences: [{ type: "fine", amountPence: 100_000 }],
      costsPence: 12_000,
      victimSurchargePence: 0,
    });
  });

  it("refuses 93 days' custody under s.444(1A) and allows 92", () => {
    const custody = { ...form, offence: "s444(1A)", fine: "", custody: "true", custodySuspended: "true" };
    expect(issuesOf(outcomeFormSchema.safeParse({ ...custody, custodyDays: "93" })).custodyDays).toMatch(/92 days/);
    expect(outcomeFormSchema.parse({ ...custody, custodyDays: "92" }).outcome.sentences).toEqual([
      { type: "custody", days: 92, suspended: true },
    ]);
  });

  it("maps server fields back onto the form", () => {
    const outcome = {
      plea: "guilty" as const,
      verdict: "guilty" as const,
      sentences: [{ type: "parenting_order" as const, months: 13 }],
      costsPence: 0,
      victimSurchargePence: 0,
    };
    expect(outcomeFormField(outcome, "sentences.0.months")).toBe("parentingOrderMonths");
    expect(outcomeFormField(outcome, "sentences.0.type")).toBe("parentingOrder");
    expect(outcomeFormField(outcome, "costsPence")).toBe("costs");
  });
});

describe("addHearingSchema", () => {
  it("needs a reason when adjourned, and only then", () => {
    const h = {
      referralId: base.referralId,
      hearingDate: "2026-12-03",
      hearingTime: "10am",
      courtId: "6e2f4a8b-3c1d-4e5f-8a9b-1c2d3e4f5a6b",
      hearingType: "trial",
    };
    expect(issuesOf(addHearingSchema.safeParse({ ...h, adjourned: "true" })).adjournmentReason).toBe(
      "Enter the reason the hearing was adjourned",
    );
    expect(issuesOf(addHearingSchema.safeParse({ ...h, adjournmentReason: "x" })).adjournmentReason).toMatch(
      /Only give a reason/,
    );
    expect(addHearingSchema.parse({ ...h, adjourned: "true", adjournmentReason: "Illness" })).toMatchObject({
      adjourned: true,
      adjournmentReason: "Illness",
    });
  });

  it("reads the date from its three boxes and the time as typed; a Sunday and an unconfirmed Saturday are refused", () => {
    const h = {
      referralId: base.referralId,
      "hearingDate-day": "3",
      "hearingDate-month": "12",
      "hearingDate-year": "2026",
      hearingTime: "2:15 pm",
      courtId: "6e2f4a8b-3c1d-4e5f-8a9b-1c2d3e4f5a6b",
      hearingType: "trial",
    };
    expect(addHearingSchema.parse(h)).toMatchObject({ hearingDate: "2026-12-03", hearingTime: "14:15" });
    expect(issuesOf(addHearingSchema.safeParse({ ...h, "hearingDate-day": "6" })).hearingDate).toMatch(/is a Sunday/);
    expect(issuesOf(addHearingSchema.safeParse({ ...h, "hearingDate-day": "5" })).saturdayConfirmed).toMatch(
      /is a Saturday/,
    );
    expect(addHearingSchema.parse({ ...h, "hearingDate-day": "5", saturdayConfirmed: "true" }).saturdayConfirmed).toBe(
      true,
    );
    expect(issuesOf(addHearingSchema.safeParse({ ...h, hearingTime: "7am" })).hearingTime).toBe(
      "Enter a time when courts sit, between 8am and 6pm",
    );
    expect(issuesOf(addHearingSchema.safeParse({ ...h, courtId: "" })).courtId).toBe("Select the court");
  });
});
