// A manager opening another officer's case gives a reason first (issue 12 §2): without one the case is not read,
// with one the read's audit row carries it; officers and a manager's own cases are not asked.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[id]/route";
import { GET as getPupilRoute } from "@/app/api/v1/pupils/[upn]/route";
import { GET as getAttendanceRoute } from "@/app/api/v1/pupils/[upn]/attendance/route";
import { makeApiToken, makeAuthority, makeCase, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import { hashApiToken } from "../actor";
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

  it("the API asks the same of a manager reading another officer's case or pupil: a reason in X-Access-Reason, or 422 and nothing read", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeUser(testDb, { authority, role: "officer" });
    const manager = await makeUser(testDb, { authority, role: "manager" });
    const staff = await makeUser(testDb, { authority, role: "school", school });
    const auditor = await makeUser(testDb, { authority, role: "auditor" });
    const pupil = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil, officer });
    const unassigned = await makePupil(testDb, { authority, school }); // no case: the register, read to triage
    const token = async (user: { id: string }) => {
      const t = `ft_${randomBytes(16).toString("hex")}`;
      await makeApiToken(testDb, user, hashApiToken(t));
      return t;
    };
    const [managerToken, officerToken, staffToken, auditorToken] = await Promise.all(
      [manager, officer, staff, auditor].map(token),
    );
    const get = (t: string, reason?: string, path = "/api") =>
      new Request(`http://127.0.0.1${path}`, {
        headers: { authorization: `Bearer ${t}`, ...(reason === undefined ? {} : { "X-Access-Reason": reason }) },
      });
    const caseParams = { params: Promise.resolve({ id: kase.id }) };
    const pupilParams = (upn: string) => ({ params: Promise.resolve({ upn }) });
    const reads = async (userId: string) =>
      testDb.auditLog.findMany({
        where: { actorUserId: userId },
        orderBy: { chainSeq: "asc" },
        select: { action: true, entityId: true, reason: true },
      });

    // Without a reason (or with a blank one): 422 naming the header, and nothing of the case or pupil read.
    const missing = await getCaseRoute(get(managerToken!), caseParams);
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors).toEqual([
      {
        field: "X-Access-Reason",
        message:
          "Give the reason you need this record, outside your caseload, in the X-Access-Reason header (5 to 500 characters)",
      },
    ]);
    const blank = await getPupilRoute(get(managerToken!, " "), pupilParams(pupil.upn));
    expect(blank.status).toBe(422);
    expect((await blank.json()).errors).toEqual([
      { field: "X-Access-Reason", message: "Enter why you need to open this case" },
    ]);
    const attendanceUrl = "/api/v1/pupils/x/attendance?from=2026-09-01&to=2026-11-20";
    expect(
      (await getAttendanceRoute(get(managerToken!, undefined, attendanceUrl), pupilParams(pupil.upn))).status,
    ).toBe(422);
    expect(await reads(manager.id)).toEqual([]);

    // With a reason: the answer, and the reason on its own row and on the read's.
    const reason = "Court date next week: checking the file";
    expect((await getCaseRoute(get(managerToken!, reason), caseParams)).status).toBe(200);
    expect((await getPupilRoute(get(managerToken!, reason), pupilParams(pupil.upn))).status).toBe(200);
    expect((await getAttendanceRoute(get(managerToken!, reason, attendanceUrl), pupilParams(pupil.upn))).status).toBe(
      200,
    );
    const rows = await reads(manager.id);
    expect(rows.slice(0, 4)).toEqual([
      { action: "case.access_reason", entityId: kase.id, reason },
      { action: "case.view", entityId: kase.id, reason },
      { action: "pupil.access_reason", entityId: pupil.id, reason },
      { action: "pupil.view", entityId: pupil.id, reason },
    ]);
    expect(rows[4]).toEqual({ action: "pupil.access_reason", entityId: pupil.id, reason });

    // Not asked: the officer whose case it is, and a manager reading a pupil with no case.
    expect((await getCaseRoute(get(officerToken!), caseParams)).status).toBe(200);
    expect((await getPupilRoute(get(officerToken!), pupilParams(pupil.upn))).status).toBe(200);
    expect((await getPupilRoute(get(managerToken!), pupilParams(unassigned.upn))).status).toBe(200);
    // The wrong roles are refused whatever reason they give: school staff and auditors never see a case (404), and
    // an auditor sees no pupil records (403).
    expect((await getCaseRoute(get(staffToken!, reason), caseParams)).status).toBe(404);
    expect((await getCaseRoute(get(auditorToken!, reason), caseParams)).status).toBe(404);
    expect((await getPupilRoute(get(auditorToken!, reason), pupilParams(pupil.upn))).status).toBe(403);
  });
});
