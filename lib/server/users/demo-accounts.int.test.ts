// The review's demo-account hole (hole 5): users with the published demo password must not work on a database
// that was not created as a demo, neither at the sign-in form nor through an API token or an old session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeUser, TEST_PASSWORD } from "@/prisma/factories";
import { markDemoDatabase } from "@/prisma/seed";
import { rawPool, testDb } from "@/tests/db";
import { loadActor, loadRequestActor } from "../actor";
import { secondFactorStepFor } from "../second-factor/second-factor-step";
import { authenticate } from "./authenticate";

let demoUser: { id: string; email: string; sessionVersion: number };
let realUser: { id: string; email: string };

beforeAll(async () => {
  const authority = await makeAuthority(testDb);
  demoUser = await makeUser(testDb, { authority, role: "manager" });
  await testDb.appUser.update({ where: { id: demoUser.id }, data: { demo: true } });
  realUser = await makeUser(testDb, { authority, role: "manager" });
});
afterAll(async () => {
  await testDb.demoDatabase.deleteMany({});
});

describe("demo users on a database not created as a demo (the integration database has no demo marker)", () => {
  it("are refused at sign-in with the answer a wrong password gets, and the refusal is audited", async () => {
    expect(await testDb.demoDatabase.count()).toBe(0);
    expect(await authenticate({ email: demoUser.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const { rows } = await rawPool.query(
      "SELECT detail->>'reason' AS reason FROM audit_log WHERE action = 'auth.sign_in_refused' AND entity_id = $1",
      [demoUser.id],
    );
    expect(rows).toEqual([{ reason: "demo_account" }]);
    expect((await authenticate({ email: realUser.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("get no actor from a session or an API token (jobs and the seed still act as them)", async () => {
    expect(await loadRequestActor(demoUser.id, undefined)).toBeNull();
    expect(await loadRequestActor(demoUser.id, demoUser.sessionVersion)).toBeNull();
    expect(await loadRequestActor(realUser.id, undefined)).not.toBeNull();
    expect(await loadActor(demoUser.id, undefined)).not.toBeNull();
  });

  it("work once the database is marked as a demo (as npm start and npm run seed -- --demo mark it)", async () => {
    await markDemoDatabase(testDb, { embedded: false });
    try {
      expect((await authenticate({ email: demoUser.email, password: TEST_PASSWORD })).ok).toBe(true);
      expect(await loadRequestActor(demoUser.id, undefined)).not.toBeNull();
    } finally {
      await testDb.demoDatabase.deleteMany({});
    }
  });

  it("skip the second factor only on the embedded demo database; everyone else needs it", async () => {
    const demo = { demo: true, totpEnrolledAt: null };
    const real = { demo: false, totpEnrolledAt: null };
    expect(await secondFactorStepFor(demo)).toBe("enrol");
    await markDemoDatabase(testDb, { embedded: false });
    try {
      expect(await secondFactorStepFor(demo)).toBe("enrol");
      await markDemoDatabase(testDb, { embedded: true });
      expect(await secondFactorStepFor(demo)).toBe("none");
      expect(await secondFactorStepFor(real)).toBe("enrol");
      expect(await secondFactorStepFor({ demo: false, totpEnrolledAt: new Date() })).toBe("verify");
    } finally {
      await testDb.demoDatabase.deleteMany({});
    }
  });
});
