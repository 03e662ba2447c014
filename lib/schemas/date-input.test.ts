import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateField, optionalDateField, withDateInputs } from "./date-input";

const schema = withDateInputs(
  ["visitOn", "nextOn"],
  z.object({ visitOn: dateField("the date of the visit"), nextOn: optionalDateField("the next visit") }),
);

describe("withDateInputs and dateField", () => {
  it("reads a form's three boxes into an ISO date", () => {
    expect(schema.parse({ "visitOn-day": "6", "visitOn-month": "12", "visitOn-year": "2026" })).toEqual({
      visitOn: "2026-12-06",
    });
  });

  it('reads "6/12/2026" typed into the day box', () => {
    expect(schema.parse({ "visitOn-day": "6/12/2026", "visitOn-month": "", "visitOn-year": "" }).visitOn).toBe(
      "2026-12-06",
    );
  });

  it("reads the API's one ISO value", () => {
    expect(schema.parse({ visitOn: "2026-12-06", nextOn: "2027-01-04" })).toEqual({
      visitOn: "2026-12-06",
      nextOn: "2027-01-04",
    });
  });

  it("puts the message on the date's own field", () => {
    const result = schema.safeParse({ "visitOn-day": "31", "visitOn-month": "11", "visitOn-year": "2026" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["visitOn", "The date of the visit must be a real date"],
    ]);
  });

  it("leaves an optional date out when its boxes are empty, and checks it when they are not", () => {
    expect(
      schema.parse({
        visitOn: "2026-12-06",
        "nextOn-day": "",
        "nextOn-month": "",
        "nextOn-year": "",
      }).nextOn,
    ).toBeUndefined();
    expect(
      schema.safeParse({ visitOn: "2026-12-06", "nextOn-day": "4", "nextOn-month": "", "nextOn-year": "2027" }).success,
    ).toBe(false);
  });
});
