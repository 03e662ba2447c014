// A manager opening another officer's case gives a reason first (issue 12 §2): without one the case is not read,
// with one the read's audit row carries it; officers and a manager's own cases are not asked.
import { describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import { NotFoundError, ValidationError } from "../errors";
import { checkAccessReason, giveAccessReason } from "./access-reason";
import { getCasePage } from "./get-case-page";

describe("the reason before opening a case outside one's caseload", { timeout: 60_000 }, () => {
  it("asks a manager for a reason on another officer's case, records it, and puts it on the read's audit row", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeActor({ authority, role: "officer" });
    const manager = { ...(await makeActor({ authority, role: "manager" })), sessionId: "session-a" };
    const pupil = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil, officer });

    // The officer's own case: no reason asked. Another officer: not asked either (officers cover each other).
    expect(await checkAccessReason(officer, kase.id)).toEqual({ needed: false });
    const colleague = await makeActor({ authority, role: "officer" });
    expect(await checkAccessReason(colleague, kase.id)).toEqual({ needed: false });

    // The manager: asked, and nothing was read or audited by asking.
    expect(await checkAccessReason(manager, kase.id)).toEqual({
      needed: true,
      reason: null,
      assignedOfficer: officer.name,
    });
    expect(await testDb.auditLog.count({ where: { actorUserId: manager.id } })).toBe(0);

    // A blank reason is refused, naming the field; nothing is recorded.
    const blank = await giveAccessReason(manager, { caseId: kase.id, reason: "  " }).catch((e: unknown) => e);
    expect((blank as ValidationError).fieldErrors).toEqual({ reason: ["Enter why you need to open this case"] });
    expect(await testDb.auditLog.count({ where: { actorUserId: manager.id } })).toBe(0);

    await giveAccessReason(manager, { caseId: kase.id, reason: " Supervision: monthly caseload review " });
    expect(await checkAccessReason(manager, kase.id)).toMatchObject({
      needed: true,
      reason: "Supervision: monthly caseload review",
    });
    await getCasePage(manager, kase.id, "Supervision: monthly caseload review");
    const rows = await testDb.auditLog.findMany({
      where: { actorUserId: manager.id },
      orderBy: { chainSeq: "asc" },
      select: { action: true, entityId: true, reason: true, sessionId: true },
    });
    expect(rows).toEqual([
      {
        action: "case.access_reason",
        entityId: kase.id,
        reason: "Supervision: monthly caseload review",
        sessionId: "session-a",
      },
      {
        action: "case.view",
        entityId: kase.id,
        reason: "Supervision: monthly caseload review",
        sessionId: "session-a",
      },
    ]);

    // The reason covers the case for that session only: a new session asks again.
    expect(await checkAccessReason({ ...manager, sessionId: "session-b" }, kase.id)).toMatchObject({ reason: null });
  });

  it("another authority's case is not found, asked or given", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeActor({ authority, role: "officer" });
    const pupil = await makePupil(testDb, { authority, school });
    const own = await makeCase(testDb, { authority, pupil, officer });

    const other = await makeAuthority(testDb);
    const otherManager = await makeActor({ authority: other, role: "manager" });
    await expect(checkAccessReason(otherManager, own.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(giveAccessReason(otherManager, { caseId: own.id, reason: "Curious" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
