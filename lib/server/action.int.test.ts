// runAction: the one shape of every server action's answer.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAction } from "./action";
import { ForbiddenError, ValidationError } from "./errors";

const schema = z.object({ reason: z.string().trim().min(1, "Enter the reason") });
const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

describe("runAction", () => {
  it("returns the schema's field errors, with the values typed, and never calls the server function", async () => {
    let called = false;
    const state = await runAction(schema, form({ reason: "  " }), async () => {
      called = true;
    });
    expect(state).toMatchObject({ ok: false, fieldErrors: { reason: ["Enter the reason"] } });
    expect(called).toBe(false);
  });

  it("passes a rule broken on the server back to the form", async () => {
    const state = await runAction(schema, form({ reason: "x" }), async () => {
      throw new ValidationError({ reason: ["Too short"] }, "Check the reason");
    });
    expect(state).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["Too short"] },
      formError: "Check the reason",
      values: { reason: "x" },
    });
  });

  it("shows a refusal of a record in scope as the form's error rather than an error page", async () => {
    const state = await runAction(schema, form({ reason: "x" }), async () => {
      throw new ForbiddenError("Only the officer assigned to this case or a manager can change it");
    });
    expect(state).toMatchObject({
      ok: false,
      formError: "Only the officer assigned to this case or a manager can change it",
    });
  });

  it("returns the server function's result", async () => {
    expect(await runAction(schema, form({ reason: "Moved away" }), async (input) => input.reason.length)).toEqual({
      ok: true,
      data: 10,
    });
  });
});
