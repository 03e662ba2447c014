import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { approvalBlockedByPenaltyNotice, DEFENCES, missingManagerInputs } from "./referral-checklist";

const complete = {
  esoConsidered: true,
  esoReasoning: "Family engaged with early help for a term without change; an ESO would add nothing to the plan.",
  defencesConsidered: [...DEFENCES] as string[],
};

// The manager's own items; the rest is computed from the record (referral-readiness.test.ts).
describe("missingManagerInputs", () => {
  it("finds nothing missing when the ESO was considered with reasoning and all five defences were", () => {
    expect(missingManagerInputs(complete)).toEqual([]);
  });

  it.each([
    [
      { esoConsidered: false, esoReasoning: "" },
      "esoConsidered",
      "An Education Supervision Order has not been considered: section 447 requires it before prosecuting",
    ],
    [{ esoReasoning: "" }, "esoReasoning", "Give the reasoning for the decision on an Education Supervision Order"],
    [
      { esoReasoning: "  \n " },
      "esoReasoning",
      "Give the reasoning for the decision on an Education Supervision Order",
    ],
  ] as const)("names the missing item %#: %s", (change, field, message) => {
    expect(missingManagerInputs({ ...complete, ...change })).toEqual([{ field, message }]);
  });

  it.each([
    ["leave", "The defence of absence with leave (section 444(3)) has not been considered"],
    ["sickness", "The defence of sickness or unavoidable cause (section 444(2A)) has not been considered"],
    [
      "religious_observance",
      "The defence of day set apart for religious observance (section 444(3)) has not been considered",
    ],
    [
      "transport",
      "The defence of school beyond walking distance with no suitable travel arrangements (section 444(3B) onwards) has not been considered",
    ],
    ["traveller", "The defence of traveller (section 444(6)) has not been considered"],
  ] as const)("names the defence not considered: %s", (defence, message) => {
    const input = { ...complete, defencesConsidered: DEFENCES.filter((d) => d !== defence) };
    expect(missingManagerInputs(input)).toEqual([{ field: "defencesConsidered", message }]);
  });

  it("does not ask for ESO reasoning on its own when the ESO was not considered (one message, not two)", () => {
    expect(missingManagerInputs({ ...complete, esoConsidered: false }).map((m) => m.field)).toEqual(["esoConsidered"]);
  });

  it("is complete exactly when every input is given (property)", () => {
    const inputs = fc.record({
      esoConsidered: fc.boolean(),
      esoReasoning: fc.constantFrom("", " ", "Reasoned decision"),
      defencesConsidered: fc.subarray([...DEFENCES]),
    });
    fc.assert(
      fc.property(inputs, (c) => {
        const done = c.esoConsidered && c.esoReasoning.trim() !== "" && c.defencesConsidered.length === DEFENCES.length;
        expect(missingManagerInputs(c).length === 0).toBe(done);
      }),
    );
  });
});

describe("approvalBlockedByPenaltyNotice", () => {
  const issueDate = "2024-09-02"; // last day to pay: 30 September 2024
  const unpaid = { issueDate, paidOn: null, withdrawnOn: null };

  it("does not block with no notice", () => {
    expect(approvalBlockedByPenaltyNotice([], "2024-10-01")).toBeNull();
  });

  it("blocks while an unpaid notice can still be paid (to day 28), and not after", () => {
    expect(approvalBlockedByPenaltyNotice([unpaid], addDays(issueDate, 28))).toBe(
      "The penalty notice issued on 2 September 2024 for this period can still be paid until 30 September 2024: the referral can be approved only if it is unpaid after that",
    );
    expect(approvalBlockedByPenaltyNotice([unpaid], addDays(issueDate, 29))).toBeNull();
  });

  it("blocks when the notice was paid", () => {
    const paid = { ...unpaid, paidOn: "2024-09-20" };
    const message =
      "This parent paid the penalty notice issued on 2 September 2024 for this period, so the offence cannot be prosecuted";
    expect(approvalBlockedByPenaltyNotice([paid], "2024-09-20")).toBe(message);
    expect(approvalBlockedByPenaltyNotice([paid], "2026-01-01")).toBe(message);
  });

  it("does not block for a withdrawn notice", () => {
    expect(approvalBlockedByPenaltyNotice([{ ...unpaid, withdrawnOn: "2024-09-10" }], "2024-09-11")).toBeNull();
  });

  it("reports a paid notice before an open one, whatever the order", () => {
    const paidOld = { issueDate: "2024-09-02", paidOn: "2024-09-05", withdrawnOn: null };
    const openNew = { issueDate: "2024-10-01", paidOn: null, withdrawnOn: null };
    expect(approvalBlockedByPenaltyNotice([openNew, paidOld], "2024-10-02")).toMatch(/^This parent paid/);
  });

  it("uses the historic scheme's own last day (42 days before September 2013)", () => {
    const old = { issueDate: "2010-03-01", paidOn: null, withdrawnOn: null };
    expect(approvalBlockedByPenaltyNotice([old], "2010-04-12")).toMatch(/can still be paid until 12 April 2010/);
    expect(approvalBlockedByPenaltyNotice([old], "2010-04-13")).toBeNull();
  });
});
