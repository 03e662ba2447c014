import { describe, expect, it } from "vitest";
import { letterTemplateSchema, produceLettersSchema } from "./letters";

const CASE = "8d0c54d6-2f7a-4225-ae95-d5d4ee6634a6";
const A = "6862e26c-d5c0-4623-8b07-6d7fe9b329c5";
const B = "7962e26c-d5c0-4623-8b07-6d7fe9b329c5";
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("letterTemplateSchema", () => {
  it("trims the subject, normalises line endings and trailing space of the body", () => {
    expect(
      letterTemplateSchema.parse({
        kind: "review",
        subject: "  Review  ",
        body: "Dear {{parent.name}}\r\n\r\nText\n\n  ",
      }),
    ).toEqual({ kind: "review", subject: "Review", body: "Dear {{parent.name}}\n\nText", figuresWeeks: 6 });
  });

  it("puts each merge-field problem on its field", () => {
    const result = letterTemplateSchema.safeParse({ kind: "review", subject: "{{pupil.nme}}", body: "a\n{{x.y}}" });
    expect(messages(result)).toEqual({
      subject: "Unknown merge field {{pupil.nme}} in the subject. Did you mean {{pupil.name}}?",
      body: "Unknown merge field {{x.y}} on line 2",
    });
  });

  it("takes the school weeks the figures cover from 1 to 39, 6 when left blank, and refuses a field the kind cannot know", () => {
    const base = { kind: "warning", subject: "x", body: "y" };
    expect(letterTemplateSchema.parse({ ...base, figuresWeeks: "" }).figuresWeeks).toBe(6);
    expect(letterTemplateSchema.parse({ ...base, figuresWeeks: "10" }).figuresWeeks).toBe(10);
    for (const figuresWeeks of ["0", "40", "1.5", "ten"])
      expect(messages(letterTemplateSchema.safeParse({ ...base, figuresWeeks })).figuresWeeks, figuresWeeks).toBe(
        "Enter the school weeks the figures cover as a whole number from 1 to 39",
      );
    expect(
      messages(letterTemplateSchema.safeParse({ kind: "meeting_invitation", subject: "x", body: "{{case.target}}" }))
        .body,
    ).toMatch(/^\{\{case.target\}\} on line 1 cannot be used in this kind of letter/);
  });

  it("names the allowed kinds", () => {
    expect(messages(letterTemplateSchema.safeParse({ kind: "threat", subject: "x", body: "y" })).kind).toMatch(
      /^Choose the kind of letter/,
    );
  });
});

describe("produceLettersSchema", () => {
  const base = { caseId: CASE, version: "3", kind: "warning" };

  it("reads parents from a form's comma-separated value or an array; absent means every party", () => {
    expect(produceLettersSchema.parse({ ...base, parentIds: `${A},${B}` }).parentIds).toEqual([A, B]);
    expect(produceLettersSchema.parse({ ...base, parentIds: [A] }).parentIds).toEqual([A]);
    expect(produceLettersSchema.parse(base).parentIds).toBeUndefined();
    expect(produceLettersSchema.parse(base).version).toBe(3);
  });

  it("refuses no parent ticked, bad ids, bad dates and over-long meeting details", () => {
    expect(messages(produceLettersSchema.safeParse({ ...base, parentIds: "" })).parentIds).toBe(
      "Select at least one parent or carer to write to",
    );
    expect(messages(produceLettersSchema.safeParse({ ...base, parentIds: false })).parentIds).toBe(
      "Select at least one parent or carer to write to",
    );
    expect(messages(produceLettersSchema.safeParse({ ...base, parentIds: "nope" }))["parentIds.0"]).toBe(
      "Select a parent or carer",
    );
    expect(messages(produceLettersSchema.safeParse({ ...base, sentOn: "2026-02-30" })).sentOn).toBe(
      "The date the letter is sent must be a real date",
    );
    expect(messages(produceLettersSchema.safeParse({ ...base, meetingDate: "27/13/2026" })).meetingDate).toBe(
      "The meeting date must be a real date",
    );
    // Dates as people type them (issue 15): day first, in one piece or in the GOV.UK date input's three boxes.
    expect(produceLettersSchema.parse({ ...base, meetingDate: "27/11/2026" })).toMatchObject({
      meetingDate: "2026-11-27",
    });
    expect(
      produceLettersSchema.parse({ ...base, "sentOn-day": "6", "sentOn-month": "11", "sentOn-year": "2026" }),
    ).toMatchObject({ sentOn: "2026-11-06" });
    expect(messages(produceLettersSchema.safeParse({ ...base, meetingPlace: "x".repeat(201) })).meetingPlace).toBe(
      "The meeting place must be 200 characters or fewer",
    );
    expect(produceLettersSchema.parse({ ...base, sentOn: "", meetingTime: " " })).toMatchObject({
      sentOn: undefined,
      meetingTime: undefined,
    });
  });
});
