import { describe, expect, it } from "vitest";
import { calendarEntrySchema } from "./calendar";

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("calendarEntrySchema", () => {
  it("accepts a term and trims the name", () => {
    expect(
      calendarEntrySchema.parse({ kind: "term", start: "2026-09-02", end: "2026-10-23", name: " Autumn 1 " }),
    ).toEqual({ kind: "term", start: "2026-09-02", end: "2026-10-23", name: "Autumn 1" });
  });

  it("names every missing field", () => {
    expect(messages(calendarEntrySchema.safeParse({ start: "", end: "", name: "" }))).toEqual({
      kind: "Select whether this is a term or a closure",
      start: "Enter the start date",
      end: "Enter the end date",
      name: "Enter a name, for example Autumn 1 or INSET day",
    });
  });

  it("reads the GOV.UK date input's boxes, and a date typed whole", () => {
    expect(
      calendarEntrySchema.parse({
        kind: "term",
        "start-day": "2",
        "start-month": "9",
        "start-year": "2026",
        "end-day": "23/10/2026",
        "end-month": "",
        "end-year": "",
        name: "Autumn 1",
      }),
    ).toEqual({ kind: "term", start: "2026-09-02", end: "2026-10-23", name: "Autumn 1" });
  });

  it("refuses dates that are not real and an end before the start", () => {
    expect(
      messages(calendarEntrySchema.safeParse({ kind: "closure", start: "2026-02-30", end: "26/13/2026", name: "X" })),
    ).toEqual({ start: "The start date must be a real date", end: "The end date must be a real date" });
    expect(
      messages(calendarEntrySchema.safeParse({ kind: "closure", start: "2026-10-23", end: "2026-10-22", name: "X" }))
        .end,
    ).toBe("The end date must be the same as or after the start date");
  });
});
