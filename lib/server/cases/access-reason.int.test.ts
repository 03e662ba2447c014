// A manager or officer opening a case assigned to someone else gives a reason first (issue 12 §2): without one the
// case is not read, with one the read's audit row carries it; one's own cases are not asked. The same for a pupil
// whose cases are all someone else's.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[id]/route";
import { GET as getPupilRoute } from "@/app/api/v1/pupils/[upn]/route";
import { GET as getAttendanceRoute } from "@/app/api/v1/pupils/[upn]/attendance/route";
import { makeApiToken, makeAuthority, makeCase, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { actorFor, makeActor, testDb } from "@/tests/db";
import { hashApiToken } from "../actor";
import { NotFoundError, ValidationError } from "../errors";
import { getPupilAttendancePage } from "../attendance/get-pupil-attendance-page";
import {
  askPupilReasonFirst,
  askReasonFirst,
  checkAccessReason,
  checkPupilAccessReason,
  giveAccessReason,
  givePupilAccessReason,
} from "./access-reason";
import { getCasePage } from "./get-case-page";

describe("the reason before opening a case outside one's caseload", { timeout: 60_000 }, () => {
  it("asks a manager for a reason on another officer's case, records it, and puts it on the read's audit row", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officer = await makeActor({ authority, role: "officer" });
    const manager = { ...(await makeActor({ authority, role: "manager" })), sessionId: "session-a" };
    const pupil = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil, officer });

    // The officer's own case: no reason asked.
    expect(await checkAccessReason(officer, kase.id)).toEqual({ needed: false });

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

  it("asks an officer too, on a colleague's case and a pupil whose cases are all a colleague's: the page sends them to the reason page, the API answers 422, and the reason covers the session", async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const owner = await makeUser(testDb, { authority, role: "officer" });
    const colleagueUser = await makeUser(testDb, { authority, role: "officer" });
    const colleague = { ...(await actorFor(colleagueUser.id)), sessionId: "s-1" };
    const pupil = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil, officer: owner });
    const ownPupil = await makePupil(testDb, { authority, school });
    const ownCase = await makeCase(testDb, { authority, pupil: ownPupil, officer: colleagueUser });
    const noCase = await makePupil(testDb, { authority, school });
    const otherPupil = await makePupil(testDb, { authority, school });
    await makeCase(testDb, { authority, pupil: otherPupil, officer: owner });

    // The pages: sent to the reason page (with the way back), nothing read or audited.
    const redirectOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { digest?: string }) => e.digest?.split(";")[2] ?? String(e),
      );
    expect(await redirectOf(askReasonFirst(colleague, kase.id, "letters/new"))).toBe(
      `/cases/${kase.id}/reason?next=${encodeURIComponent(`/cases/${kase.id}/letters/new`)}`,
    );
    expect(await redirectOf(askPupilReasonFirst(colleague, pupil.id, "attendance"))).toBe(
      `/pupils/${pupil.id}/reason?next=${encodeURIComponent(`/pupils/${pupil.id}/attendance`)}`,
    );
    expect(await redirectOf(askPupilReasonFirst(colleague, pupil.id, ""))).toBe(`/pupils/${pupil.id}/reason`);
    expect(await testDb.auditLog.count({ where: { actorUserId: colleague.id } })).toBe(0);

    // Their own case and pupil, and a pupil with no case (the register, read to triage), are not asked.
    expect(await askReasonFirst(colleague, ownCase.id, "close")).toBeUndefined();
    expect(await checkPupilAccessReason(colleague, ownPupil.id)).toEqual({ needed: false });
    expect(await checkPupilAccessReason(colleague, noCase.id)).toEqual({ needed: false });
    // Nor is the owner, on their pupil.
    expect(await checkPupilAccessReason(await actorFor(owner.id), pupil.id)).toEqual({ needed: false });

    // The reason given for the case covers the case, and the pupil's record (the same child), for the session.
    const reason = "Covering Owen's caseload while he is on leave";
    await giveAccessReason(colleague, { caseId: kase.id, reason });
    expect(await askReasonFirst(colleague, kase.id, "letters/new")).toBe(reason);
    expect(await askPupilReasonFirst(colleague, pupil.id, "attendance")).toBe(reason);
    await getPupilAttendancePage(colleague, pupil.id, reason);
    // Not another pupil's record, nor in another session.
    expect(await checkPupilAccessReason(colleague, otherPupil.id)).toEqual({ needed: true, reason: null });
    expect(await checkAccessReason({ ...colleague, sessionId: "s-2" }, kase.id)).toMatchObject({ reason: null });

    // A reason for a pupil's record: refused blank (naming the record), then recorded and covering it.
    const blank = await givePupilAccessReason(colleague, { pupilId: otherPupil.id, reason: "" }).catch((e) => e);
    expect((blank as ValidationError).fieldErrors).toEqual({
      reason: ["Enter why you need to open this pupil's record"],
    });
    await givePupilAccessReason(colleague, { pupilId: otherPupil.id, reason: "The school rang about him today" });
    expect(await askPupilReasonFirst(colleague, otherPupil.id, "")).toBe("The school rang about him today");

    const rows = await testDb.auditLog.findMany({
      where: { actorUserId: colleague.id },
      orderBy: { chainSeq: "asc" },
      select: { action: true, entityId: true, reason: true, sessionId: true },
    });
    expect(rows).toEqual([
      { action: "case.access_reason", entityId: kase.id, reason, sessionId: "s-1" },
      { action: "attendance.view", entityId: pupil.id, reason, sessionId: "s-1" },
      {
        action: "pupil.access_reason",
        entityId: otherPupil.id,
        reason: "The school rang about him today",
        sessionId: "s-1",
      },
    ]);

    // The API: 422 without the header, the answer with it (the reason on the read's row).
    const t = `ft_${randomBytes(16).toString("hex")}`;
    await makeApiToken(testDb, colleagueUser, hashApiToken(t));
    const get = (header?: string) =>
      new Request("http://127.0.0.1/api", {
        headers: { authorization: `Bearer ${t}`, ...(header ? { "X-Access-Reason": header } : {}) },
      });
    const caseParams = { params: Promise.resolve({ id: kase.id }) };
    const pupilParams = { params: Promise.resolve({ upn: pupil.upn }) };
    expect((await getCaseRoute(get(), caseParams)).status).toBe(422);
    expect((await getPupilRoute(get(), pupilParams)).status).toBe(422);
    expect((await getCaseRoute(get(reason), caseParams)).status).toBe(200);
    expect((await getPupilRoute(get(reason), pupilParams)).status).toBe(200);
    expect((await getCaseRoute(get(), { params: Promise.resolve({ id: ownCase.id }) })).status).toBe(200);
    const apiRows = await testDb.auditLog.findMany({
      where: { actorUserId: colleague.id, action: { in: ["case.view", "pupil.view"] } },
      select: { action: true, reason: true },
      orderBy: { chainSeq: "asc" },
    });
    expect(apiRows).toEqual([
      { action: "case.view", reason },
      { action: "pupil.view", reason },
      { action: "case.view", reason: null },
    ]);
  });
});
