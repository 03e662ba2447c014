import { describe, expect, it } from "vitest";
import { judgePassword } from "./password-strength";

const user = { email: "sam.jones@darlington.gov.uk", name: "Sam Jones", authority: "Darlington" };

describe("password strength", () => {
  it("refuses common, guessable and personal passwords however long", () => {
    for (const weak of [
      "password1234",
      "Password123!",
      "qwertyuiop123",
      "123456789012",
      "darlington2026",
      "samjones12345",
      "fasttrack-demo",
      "aaaaaaaaaaaaaaa",
    ]) {
      expect(judgePassword(weak, user), weak).toMatchObject({ ok: false });
    }
  });

  it("accepts a few unrelated words", () => {
    expect(judgePassword("walrus lantern orchard 48", user)).toEqual({ ok: true });
    expect(judgePassword("correct horse battery staple", user)).toEqual({ ok: true });
  });
});
