import { describe, expect, it } from "vitest";
import { contactRecordProblems, describeContact, OUTCOMES_BY_KIND, type ContactRecord } from "./contact-records";

const visit: ContactRecord = {
  kind: "home_visit",
  time: "16:30",
  outcome: "spoke_to_parent",
  childSeen: true,
  parentsSeen: 1,
  othersSeen: "",
  nextStep: "Visit again on Thursday",
};
const fields = (r: ContactRecord) => contactRecordProblems(r).map((p) => p.field);

describe("contactRecordProblems", () => {
  it("accepts a whole visit, a meeting nobody came to, and a call with a message left", () => {
    expect(contactRecordProblems(visit)).toEqual([]);
    expect(
      contactRecordProblems({ ...visit, kind: "meeting", outcome: "no_access", childSeen: false, parentsSeen: 0 }),
    ).toEqual([]);
    expect(
      contactRecordProblems({ ...visit, kind: "phone_call", outcome: "card_left", childSeen: null, parentsSeen: 0 }),
    ).toEqual([]);
  });

  it("asks for the time, the outcome, whether the child was seen and the next step", () => {
    const empty = { ...visit, time: null, outcome: null, childSeen: null, parentsSeen: 0, nextStep: " " };
    expect(fields(empty)).toEqual(["contactTime", "contactOutcome", "childSeen", "nextStep"]);
    expect(contactRecordProblems(empty)[0]!.message).toBe("Enter the time of the visit, like 4pm or 16:30");
  });

  it("refuses a card left at a meeting", () => {
    expect(OUTCOMES_BY_KIND.meeting).not.toContain("card_left");
    expect(fields({ ...visit, kind: "meeting", outcome: "card_left", childSeen: false, parentsSeen: 0 })).toEqual([
      "contactOutcome",
    ]);
  });

  it("refuses the child or anyone seen when there was no access", () => {
    expect(fields({ ...visit, outcome: "no_access", parentsSeen: 0 })).toEqual(["childSeen"]);
    expect(contactRecordProblems({ ...visit, outcome: "card_left", parentsSeen: 0 })[0]!.message).toBe(
      "The child cannot have been seen when there was no access",
    );
    expect(fields({ ...visit, outcome: "no_access", childSeen: false, parentsSeen: 1 })).toEqual(["parentIds"]);
    expect(fields({ ...visit, outcome: "no_access", childSeen: false, parentsSeen: 0, othersSeen: "Uncle" })).toEqual([
      "othersSeen",
    ]);
  });

  it("names the parent spoken to; never asks a phone call whether the child was seen", () => {
    expect(fields({ ...visit, parentsSeen: 0 })).toEqual(["parentIds"]);
    expect(fields({ ...visit, kind: "phone_call", childSeen: true })).toEqual(["childSeen"]);
    expect(fields({ ...visit, kind: "phone_call", childSeen: null })).toEqual([]);
  });
});

describe("describeContact", () => {
  it("says the record in words, in the kind's own words", () => {
    expect(
      describeContact("home_visit", {
        time: "16:30",
        outcome: "card_left",
        childSeen: false,
        othersSeen: null,
        nextStep: "Visit again on Thursday",
        parentsSeen: [],
      }),
    ).toEqual(["At 4:30pm: No access, card left", "Child seen: no", "Next step: Visit again on Thursday"]);
    expect(
      describeContact("phone_call", {
        time: "09:00",
        outcome: "spoke_to_parent",
        childSeen: null,
        othersSeen: "Grandmother",
        nextStep: "Meeting at school",
        parentsSeen: ["Jane Smith"],
      }),
    ).toEqual([
      "At 9am: Spoke to a parent or carer",
      "Spoke to: Jane Smith, Grandmother",
      "Next step: Meeting at school",
    ]);
  });
});
