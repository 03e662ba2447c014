// The second factor (issue 11, hole 4): enrolment with a secret kept encrypted, codes accepted once, recovery codes
// used once, throttling like the password, the administrator's reset, and who is exempt.
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeUser, TEST_PASSWORD } from "@/prisma/factories";
import { actorFor, rawPool, testDb } from "@/tests/db";
import { ValidationError } from "../errors";
import { createApiToken } from "../api-tokens/create-api-token";
import { beginEnrolment, completeEnrolment } from "./enrolment";
import { resetSecondFactor } from "./reset-second-factor";
import { secondFactorStepFor } from "./second-factor-step";
import { verifySecondFactor } from "./verify-second-factor";

let authority: { id: string };
beforeAll(async () => {
  authority = await makeAuthority(testDb);
});

const nextStepCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function enrolled() {
  const user = await makeUser(testDb, { authority, role: "officer" });
  const { secret } = await beginEnrolment(user.id);
  const result = await completeEnrolment(user.id, await generate({ secret }));
  if (!result.ok) throw new Error("enrolment failed");
  return { user, secret, recoveryCodes: result.recoveryCodes };
}

describe("enrolment", () => {
  it("keeps the secret encrypted, needs a right code, and gives ten recovery codes stored only as hashes", async () => {
    const user = await makeUser(testDb, { authority, role: "manager" });
    expect(await secondFactorStepFor(user)).toBe("enrol");
    const first = await beginEnrolment(user.id);
    expect(first.qrSvg).toContain("<svg");
    expect((await beginEnrolment(user.id)).secret).toBe(first.secret); // a reload shows the same secret
    const pending = await testDb.appUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(pending.totpPendingSecret).toMatch(/^v1\./);
    expect(pending.totpPendingSecret).not.toContain(first.secret);

    expect(await completeEnrolment(user.id, "123456")).toEqual({ ok: false, reason: "invalid" });
    const done = await completeEnrolment(user.id, await generate({ secret: first.secret }));
    expect(done.ok && done.recoveryCodes).toHaveLength(10);
    const after = await testDb.appUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.totpSecret).toMatch(/^v1\./);
    expect(after.totpPendingSecret).toBeNull();
    expect(after.recoveryCodeHashes).toHaveLength(10);
    expect((after.recoveryCodeHashes as string[]).join()).not.toContain(done.ok ? done.recoveryCodes[0]! : "x");
    expect(await secondFactorStepFor(after)).toBe("verify");
  });
});

describe("signing in with the second factor", () => {
  it("accepts a code once only (a replay of the same code is refused)", async () => {
    const { user, secret } = await enrolled();
    const code = await nextStepCode(secret);
    expect(await verifySecondFactor(user.id, code)).toMatchObject({ ok: true, method: "totp" });
    expect(await verifySecondFactor(user.id, code)).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts each recovery code once", async () => {
    const { user, recoveryCodes } = await enrolled();
    expect(await verifySecondFactor(user.id, recoveryCodes[3]!.toUpperCase())).toEqual({
      ok: true,
      method: "recovery_code",
      recoveryCodesLeft: 9,
    });
    expect(await verifySecondFactor(user.id, recoveryCodes[3]!)).toEqual({ ok: false, reason: "invalid" });
  });

  it("is throttled like the password: a burst of wrong codes gets at most five checks, then even a right code waits", async () => {
    const { user, secret } = await enrolled();
    const results = await Promise.all(Array.from({ length: 20 }, () => verifySecondFactor(user.id, "000000")));
    expect(results.every((r) => !r.ok)).toBe(true);
    const { rows } = await rawPool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.second_factor_failed' AND entity_id = $1",
      [user.id],
    );
    expect(rows[0].n).toBe(5);
    expect(await verifySecondFactor(user.id, await nextStepCode(secret))).toEqual({ ok: false, reason: "locked" });
  });
});

// Who is exempt (demo users on the embedded demo database only) needs the database's demo marker, which is one row
// for the whole database: lib/server/users/demo-accounts.int.test.ts checks it, so that no two files race on it.

describe("sensitive actions and the administrator's reset", () => {
  it("once enrolled, confirming an action needs the code as well as the password", async () => {
    const { user, secret } = await enrolled();
    const actor = await actorFor(user.id);
    const input = { name: "sync", expiresInDays: 30, readOnly: true };
    await expect(
      createApiToken({ actor, input, reauthentication: { yourPassword: TEST_PASSWORD } }),
    ).rejects.toBeInstanceOf(ValidationError);
    const made = await createApiToken({
      actor,
      input,
      reauthentication: { yourPassword: TEST_PASSWORD, yourCode: await nextStepCode(secret) },
    });
    expect(made.token).toMatch(/^ft_/);
  });

  it("an administrator's reset (after their password) removes the authenticator and ends the user's sessions", async () => {
    const { user } = await enrolled();
    const admin = await actorFor((await makeUser(testDb, { authority, role: "admin" })).id);
    await expect(resetSecondFactor(admin, user.id, { yourPassword: "wrong" })).rejects.toBeInstanceOf(ValidationError);
    await resetSecondFactor(admin, user.id, { yourPassword: TEST_PASSWORD });
    const after = await testDb.appUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ totpSecret: null, totpEnrolledAt: null, recoveryCodeHashes: [] });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await secondFactorStepFor(after)).toBe("enrol");
  });
});
