import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeSchool, makeUser, TEST_PASSWORD } from "@/prisma/factories";
import { actorFor, makeActor, rawPool, testDb } from "@/tests/db";
import { createApiToken } from "../api-tokens/create-api-token";
import { revokeApiToken } from "../api-tokens/revoke-api-token";
import type { Actor } from "../actor";
import { requireApiActor } from "../auth";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "../errors";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { createUser } from "./create-user";
import { resetPassword } from "./reset-password";
import { setUserDisabled } from "./set-user-disabled";

let admin: Actor;
let officer: Actor;
let otherAdmin: Actor;
let schoolUrn: number;
let otherSchoolUrn: number;

beforeAll(async () => {
  const a = await makeAuthority(testDb);
  const b = await makeAuthority(testDb);
  schoolUrn = (await makeSchool(testDb, a)).urn;
  otherSchoolUrn = (await makeSchool(testDb, b)).urn;
  admin = await makeActor({ authority: a, role: "admin" });
  officer = await makeActor({ authority: a, role: "officer" });
  otherAdmin = await makeActor({ authority: b, role: "admin" });
});

const uniqueEmail = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2)}@test.example.gov.uk`;

describe("authenticate", () => {
  it("accepts the right password and refuses a wrong one with the same answer as an unknown address", async () => {
    expect((await authenticate({ email: officer.email, password: TEST_PASSWORD })).ok).toBe(true);
    expect(await authenticate({ email: officer.email, password: "wrong-password" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate({ email: uniqueEmail("nobody"), password: "wrong-password" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("locks an address after five failures in a row, even for the right password, known or not", async () => {
    const user = await makeUser(testDb, { authority: { id: officer.authorityId }, role: "officer" });
    for (let i = 1; i <= 4; i++) {
      expect((await authenticate({ email: user.email, password: "nope" })).ok).toBe(false);
    }
    expect(await authenticate({ email: user.email, password: "nope" })).toEqual({ ok: false, reason: "locked" });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toEqual({ ok: false, reason: "locked" });

    const unknown = uniqueEmail("ghost");
    for (let i = 1; i <= 4; i++) await authenticate({ email: unknown, password: "nope" });
    expect(await authenticate({ email: unknown, password: "nope" })).toEqual({ ok: false, reason: "locked" });
  });

  it("clears the count on success, so four failures then success then four more do not lock", async () => {
    const user = await makeUser(testDb, { authority: { id: officer.authorityId }, role: "officer" });
    for (let i = 0; i < 4; i++) await authenticate({ email: user.email, password: "nope" });
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await authenticate({ email: user.email, password: "nope" });
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("refuses a disabled user", async () => {
    const user = await makeUser(testDb, { authority: { id: admin.authorityId }, role: "officer" });
    await setUserDisabled(admin, user.id, true);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("createUser", () => {
  it("creates a school user with a one-time password that must be changed", async () => {
    const email = uniqueEmail("staff");
    const { user, oneTimePassword } = await createUser({
      reauthentication: { yourPassword: TEST_PASSWORD },
      actor: admin,
      input: { email, name: "Sam Staff", role: "school", schoolUrn },
    });
    expect(user.mustChangePassword).toBe(true);
    expect(user.authorityId).toBe(admin.authorityId);
    const signIn = await authenticate({ email, password: oneTimePassword });
    expect(signIn.ok && signIn.user.mustChangePassword).toBe(true);
    expect(await testDb.auditLog.count({ where: { action: "user.create", entityId: user.id } })).toBe(1);
  });

  it("refuses a school in another authority, a duplicate email, and non-admins, writing nothing", async () => {
    const before = await testDb.appUser.count();
    await expect(
      createUser({
        reauthentication: { yourPassword: TEST_PASSWORD },
        actor: admin,
        input: { email: uniqueEmail("x"), name: "X", role: "school", schoolUrn: otherSchoolUrn },
      }),
    ).rejects.toThrow(/no school with URN/);
    await expect(
      createUser({
        reauthentication: { yourPassword: TEST_PASSWORD },
        actor: admin,
        input: { email: officer.email, name: "X", role: "officer" },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      createUser({
        reauthentication: { yourPassword: TEST_PASSWORD },
        actor: officer,
        input: { email: uniqueEmail("y"), name: "Y", role: "officer" },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await testDb.appUser.count()).toBe(before);
  });

  it("is refused by the database when school staff have no school", async () => {
    await expect(
      testDb.appUser.create({
        data: {
          authorityId: admin.authorityId,
          email: uniqueEmail("raw"),
          name: "Raw",
          role: "school",
          passwordHash: "x",
        },
      }),
    ).rejects.toThrow(/app_user_school_iff_school_role/);
  });
});

describe("creating a user whose address is taken", () => {
  it("gets the same answer whether the address is in this authority or another, which it never names", async () => {
    const answers = [];
    for (const taken of [officer.email, otherAdmin.email]) {
      const error = await createUser({
        reauthentication: { yourPassword: TEST_PASSWORD },
        actor: admin,
        input: { email: taken, name: "Copy", role: "officer" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      answers.push((error as ValidationError).fieldErrors);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(JSON.stringify(answers[1])).not.toMatch(/authority|exists/i);
  });
});

describe("user management is scoped to the authority", () => {
  it("treats another authority's user as not found", async () => {
    await expect(setUserDisabled(otherAdmin, officer.id, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetPassword(otherAdmin, officer.id, { yourPassword: TEST_PASSWORD })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("ends a user's sessions when disabled or reset", async () => {
    const user = await makeUser(testDb, { authority: { id: admin.authorityId }, role: "officer" });
    await resetPassword(admin, user.id, { yourPassword: TEST_PASSWORD });
    const after = await testDb.appUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
  });
});

describe("changePassword", () => {
  it("needs the current password and clears the must-change flag", async () => {
    const user = await makeUser(testDb, {
      authority: { id: admin.authorityId },
      role: "officer",
      mustChangePassword: true,
    });
    const actor = await actorFor(user.id);
    await expect(
      changePassword(actor, {
        currentPassword: "wrong",
        newPassword: "copper meadow violin 73",
        confirmPassword: "copper meadow violin 73",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const updated = await changePassword(actor, {
      currentPassword: TEST_PASSWORD,
      newPassword: "copper meadow violin 73",
      confirmPassword: "copper meadow violin 73",
    });
    expect(updated.mustChangePassword).toBe(false);
    expect((await authenticate({ email: user.email, password: "copper meadow violin 73" })).ok).toBe(true);
  });
});

describe("one-time passwords", () => {
  it("work for 72 hours from when they were made, and then get the answer a wrong password gets", async () => {
    const email = uniqueEmail("late");
    const { user, oneTimePassword } = await createUser({
      reauthentication: { yourPassword: TEST_PASSWORD },
      actor: admin,
      input: { email, name: "Lee Late", role: "officer" },
    });
    expect(user.oneTimePasswordExpiresAt?.toISOString()).toBe("2026-11-23T12:00:00.000Z"); // the clock is fixed
    await testDb.appUser.update({
      where: { id: user.id },
      data: { oneTimePasswordExpiresAt: new Date("2026-11-20T11:00:00Z") },
    });
    expect(await authenticate({ email, password: oneTimePassword })).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("changing a password", () => {
  it("refuses a guessable new password, and throttles wrong current passwords like sign-in", async () => {
    const user = await makeUser(testDb, { authority: { id: admin.authorityId }, role: "officer" });
    const actor = await actorFor(user.id);
    const change = (currentPassword: string, newPassword = "harbour pickle tundra 19") =>
      changePassword(actor, { currentPassword, newPassword, confirmPassword: newPassword });
    const weak = await change(TEST_PASSWORD, "Password123!").catch((e: unknown) => e);
    expect((weak as ValidationError).fieldErrors.newPassword?.[0]).toMatch(/harder to guess/);
    const tries = await Promise.all(Array.from({ length: 12 }, () => change("wrong").catch((e: unknown) => e)));
    expect(tries.every((e) => e instanceof ValidationError)).toBe(true);
    const locked = await change(TEST_PASSWORD).catch((e: unknown) => e);
    expect((locked as ValidationError).fieldErrors.currentPassword?.[0]).toMatch(/locked/);
    const { rows } = await rawPool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.change_password_failed' AND entity_id = $1",
      [user.id],
    );
    expect(rows[0].n).toBe(5);
  });
});

describe("API tokens", () => {
  const input = { name: "MIS sync", expiresInDays: 90, readOnly: false };
  const reauthentication = { yourPassword: TEST_PASSWORD };
  const request = (t: string, method = "GET") =>
    new Request("http://x/api/v1/pupils/X", { method, headers: { authorization: `Bearer ${t}` } });

  it("are personal: made for the signed-in user after their password, and act as them until revoked", async () => {
    const { token, id } = await createApiToken({ actor: officer, input, reauthentication });
    expect((await testDb.apiToken.findUniqueOrThrow({ where: { id } })).userId).toBe(officer.id);
    expect((await requireApiActor(request(token))).id).toBe(officer.id);
    await expect(requireApiActor(request(`${token}x`))).rejects.toBeInstanceOf(UnauthenticatedError);
    await revokeApiToken(admin, id);
    await expect(requireApiActor(request(token))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("need the password typed again", async () => {
    await expect(
      createApiToken({ actor: officer, input, reauthentication: { yourPassword: "wrong" } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(createApiToken({ actor: officer, input, reauthentication: undefined })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("can be revoked by their owner or an administrator of the authority, by no one else", async () => {
    const { id } = await createApiToken({ actor: officer, input, reauthentication });
    const colleague = await makeActor({ authority: { id: officer.authorityId }, role: "officer" });
    await expect(revokeApiToken(colleague, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiToken(otherAdmin, id)).rejects.toBeInstanceOf(NotFoundError);
    await revokeApiToken(officer, id);
    expect(await testDb.apiToken.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedReason: "owner" });
  });

  it("stop working when they expire, when the password changes, or when the user is disabled", async () => {
    const user = await makeUser(testDb, { authority: { id: admin.authorityId }, role: "manager" });
    const actor = await actorFor(user.id);
    const expiring = await createApiToken({ actor, input: { ...input, expiresInDays: 1 }, reauthentication });
    await testDb.apiToken.update({
      where: { id: expiring.id },
      data: {
        createdAt: new Date(Date.parse("2026-11-19T11:59:00Z")),
        expiresAt: new Date(Date.parse("2026-11-20T11:59:00Z")),
      },
    });
    await expect(requireApiActor(request(expiring.token))).rejects.toBeInstanceOf(UnauthenticatedError);

    const beforeChange = await createApiToken({ actor, input, reauthentication });
    expect((await requireApiActor(request(beforeChange.token))).role).toBe("manager");
    await changePassword(actor, {
      currentPassword: TEST_PASSWORD,
      newPassword: "walrus lantern orchard 48",
      confirmPassword: "walrus lantern orchard 48",
    });
    await expect(requireApiActor(request(beforeChange.token))).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await testDb.apiToken.findUniqueOrThrow({ where: { id: beforeChange.id } })).toMatchObject({
      revokedReason: "password_changed",
    });

    const beforeDisable = await createApiToken({
      actor: await actorFor(user.id),
      input,
      reauthentication: { yourPassword: "walrus lantern orchard 48" },
    });
    await setUserDisabled(admin, user.id, true);
    await expect(requireApiActor(request(beforeDisable.token))).rejects.toBeInstanceOf(UnauthenticatedError);
    await setUserDisabled(admin, user.id, false);
    await expect(requireApiActor(request(beforeDisable.token))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("read-only tokens may read but not write (403)", async () => {
    const { token } = await createApiToken({ actor: officer, input: { ...input, readOnly: true }, reauthentication });
    expect((await requireApiActor(request(token))).tokenId).toEqual(expect.any(String));
    await expect(requireApiActor(request(token, "POST"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("are refused by the database beyond 365 days, and store only a hash", async () => {
    const { token, id } = await createApiToken({
      actor: officer,
      input: { ...input, expiresInDays: 365 },
      reauthentication,
    });
    const row = await testDb.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      testDb.apiToken.update({
        where: { id },
        data: { expiresAt: new Date(row.createdAt.getTime() + 366 * 86_400_000) },
      }),
    ).rejects.toThrow(/api_token_expiry_within_365_days/);
  });
});
