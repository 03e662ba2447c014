import { describe, expect, it } from "vitest";
import { makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { demoEmail } from "@/prisma/seed";
import { seedEnforcement } from "@/prisma/seed-enforcement";
import { testDb } from "@/tests/db";

describe("seedEnforcement", () => {
  it("creates referrals awaiting review, approved ones with hearings and outcomes of each kind, within every constraint", async () => {
    const authority = await testDb.authority.upsert({ where: { laCode: "841" }, create: { laCode: "841", name: "Darlington" }, update: {} });
    const school = await makeSchool(testDb, authority);
    await makeUser(testDb, { authority, role: "officer", email: demoEmail("darlington", "officer") });
    await makeUser(testDb, { authority, role: "manager", email: demoEmail("darlington", "manager") });
    for (let i = 0; i < 14; i++) {
      const pupil = await makePupil(testDb, { authority, school });
      await makeParent(testDb, { authority, pupil });
      await makeParent(testDb, { authority, pupil, relationship: "father" });
    }
    await seedEnforcement(testDb, "2026-11-20");
    const referrals = await testDb.prosecutionReferral.findMany({ where: { authorityId: authority.id } });
    expect(referrals.filter((r) => r.status === "awaiting_review")).toHaveLength(6);
    expect(referrals.filter((r) => r.status === "approved")).toHaveLength(2);
    expect(referrals.filter((r) => r.status === "concluded")).toHaveLength(9);
    const types = (await testDb.courtSentence.findMany({ where: { authorityId: authority.id } })).map((s) => s.sentenceType);
    expect(new Set(types)).toEqual(new Set(["fine", "custody", "conditional_discharge", "absolute_discharge", "parenting_order", "community_order"]));
    expect(await testDb.courtHearing.count({ where: { authorityId: authority.id, hearingDate: { gte: new Date("2026-11-20") } } })).toBe(2);
  });
});
