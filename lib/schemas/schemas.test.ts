import { describe, expect, it } from "vitest";
import { changePasswordSchema, signInSchema } from "./auth";
import { createAuthoritySchema } from "./authority";
import { createSchoolSchema } from "./school";
import { createUserSchema } from "./user";

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("shared form schemas", () => {
  it("normalises sign-in email and names missing fields", () => {
    expect(signInSchema.parse({ email: " Officer@Darlington.GOV.UK ", password: "x" }).email).toBe(
      "officer@darlington.gov.uk",
    );
    expect(messages(signInSchema.safeParse({ email: "", password: "" }))).toEqual({
      email: "Enter an email address",
      password: "Enter your password",
    });
    expect(messages(signInSchema.safeParse({ email: "not-an-email", password: "x" })).email).toMatch(/correct format/);
  });

  it("requires a school for school staff and forbids one for other roles", () => {
    expect(
      messages(createUserSchema.safeParse({ email: "a@b.gov.uk", name: "A", role: "school", schoolUrn: "" })).schoolUrn,
    ).toBe("Select the school this member of staff works at");
    expect(
      messages(createUserSchema.safeParse({ email: "a@b.gov.uk", name: "A", role: "officer", schoolUrn: "100001" }))
        .schoolUrn,
    ).toBe("Only school staff belong to a school");
    expect(
      createUserSchema.parse({ email: "a@b.gov.uk", name: "A", role: "school", schoolUrn: "100001" }).schoolUrn,
    ).toBe(100001);
    expect(messages(createUserSchema.safeParse({ email: "a@b.gov.uk", name: "A", role: "boss" })).role).toMatch(
      /Select a role/,
    );
  });

  it("checks school numbers at their boundaries", () => {
    const base = { estabNumber: "2999", name: "School", phase: "primary", type: "academy" };
    expect(createSchoolSchema.safeParse({ ...base, urn: "100000" }).success).toBe(true);
    expect(createSchoolSchema.safeParse({ ...base, urn: "999999" }).success).toBe(true);
    expect(messages(createSchoolSchema.safeParse({ ...base, urn: "99999" })).urn).toMatch(/6-digit/);
    expect(messages(createSchoolSchema.safeParse({ ...base, urn: "1000000" })).urn).toMatch(/6-digit/);
    expect(messages(createSchoolSchema.safeParse({ ...base, urn: "100001", estabNumber: "299" })).estabNumber).toMatch(
      /4 digits/,
    );
    expect(messages(createSchoolSchema.safeParse({ ...base, urn: "100001", phase: "nursery" })).phase).toMatch(
      /primary or secondary/,
    );
  });

  it("checks LA codes", () => {
    expect(createAuthoritySchema.safeParse({ laCode: "841", name: "Darlington" }).success).toBe(true);
    expect(messages(createAuthoritySchema.safeParse({ laCode: "84", name: "Darlington" })).laCode).toMatch(/3 digits/);
  });

  it("checks a new password's length and confirmation", () => {
    const ok = { currentPassword: "old", newPassword: "twelve-chars", confirmPassword: "twelve-chars" };
    expect(changePasswordSchema.safeParse(ok).success).toBe(true);
    expect(
      messages(changePasswordSchema.safeParse({ ...ok, newPassword: "eleven-char", confirmPassword: "eleven-char" }))
        .newPassword,
    ).toMatch(/at least 12/);
    expect(messages(changePasswordSchema.safeParse({ ...ok, confirmPassword: "different-one" })).confirmPassword).toBe(
      "The passwords do not match",
    );
  });
});
