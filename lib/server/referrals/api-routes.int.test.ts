// The enforcement API routes, called as Next would call them (a Request with a Bearer token, the params promise),
// against the real database.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  makeApiToken,
  makeAuthority,
  makeCalendar,
  makeParent,
  makePupil,
  makeSchool,
  makeUser,
} from "@/prisma/factories";
import { hashApiToken } from "@/lib/server/actor";
import { COMPLETE_CHECKLIST, makeHearing, makeReferredCase } from "@/lib/server/referrals/test-factories";
import { testDb } from "@/tests/db";
import { POST as postCase } from "@/app/api/v1/cases/route";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[id]/route";
import { POST as postDecision } from "@/app/api/v1/referrals/[id]/decision/route";
import { POST as postOutcome } from "@/app/api/v1/referrals/[id]/outcome/route";
import { GET as getPupilRoute } from "@/app/api/v1/pupils/[upn]/route";

type Authority = { id: string; laCode: string };
let authority: Authority;
let school: { id: string; estabNumber: string };
let tokens: Record<"manager" | "officer" | "school" | "otherManager", string>;
let managerUserId: string;
let officerUser: { id: string; email: string };

async function tokenFor(userId: string) {
  const token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, { id: userId }, hashApiToken(token));
  return token;
}

function call(token: string, body?: unknown, method = "POST") {
  return new Request("http://127.0.0.1/api", {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });

async function referred(ready?: Parameters<typeof makeReferredCase>[1]["ready"]) {
  const officer = await testDb.appUser.findUniqueOrThrow({ where: { id: officerUser.id } });
  const pupil = await makePupil(testDb, { authority, school });
  const parent = await makeParent(testDb, { authority, pupil });
  const f = await makeReferredCase(testDb, { authority, pupil, officer, parentIds: [parent.id], ready });
  return { ...f, pupil, parent, referral: f.referrals[0]! };
}

const OFFICER_EMAIL_MESSAGE =
  "officerEmail must be the email address of an active education welfare officer in your authority";

const approveBody = { decision: "approve", offence: "s444(1)", checklist: COMPLETE_CHECKLIST };

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  const other = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  const manager = await makeUser(testDb, { authority, role: "manager" });
  managerUserId = manager.id;
  const officer = await makeUser(testDb, { authority, role: "officer" });
  officerUser = officer;
  const staff = await makeUser(testDb, { authority, role: "school", school });
  const otherManager = await makeUser(testDb, { authority: other, role: "manager" });
  tokens = {
    manager: await tokenFor(manager.id),
    officer: await tokenFor(officer.id),
    school: await tokenFor(staff.id),
    otherManager: await tokenFor(otherManager.id),
  };
});

describe("POST /api/v1/cases and GET /api/v1/cases/{id}", () => {
  it("opens a case with the pupil's parents, the officer and a window, then reads it back", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    const pupilRes = await getPupilRoute(call(tokens.officer, undefined, "GET"), params({ upn: pupil.upn }));
    const pupilBody = await pupilRes.json();
    expect(pupilBody.parents.map((p: { id: string }) => p.id)).toEqual([parent.id]);

    const res = await postCase(
      call(tokens.officer, {
        upn: pupil.upn,
        parentIds: [parent.id],
        officerEmail: officerUser.email,
        openedOn: "2026-11-02",
        windowStart: "2026-11-09",
        target: { minAttendancePct: 92.5, maxUnauthorisedSessions: null },
      }),
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    // The case is the officer's: the manager gives a reason in the header first (issue 12 §2).
    const unexplained = await getCaseRoute(call(tokens.manager, undefined, "GET"), params({ id }));
    expect(unexplained.status).toBe(422);
    const explained = call(tokens.manager, undefined, "GET");
    explained.headers.set("X-Access-Reason", "Checking the window the officer started");
    const got = await getCaseRoute(explained, params({ id }));
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({
      id,
      upn: pupil.upn,
      status: "window_active",
      decision: null,
      referrals: [],
      window: { start: "2026-11-09", target: { minAttendancePct: 92.5, maxUnauthorisedSessions: null } },
    });
    expect((await getCaseRoute(call(tokens.otherManager, undefined, "GET"), params({ id }))).status).toBe(404);
    expect((await getCaseRoute(call(tokens.school, undefined, "GET"), params({ id }))).status).toBe(404);
  });

  it("422 with every error and nothing saved: a stranger parent, an unknown officer, a future window", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    const stranger = await makeParent(testDb, { authority, pupil: await makePupil(testDb, { authority, school }) });
    const res = await postCase(
      call(tokens.officer, { upn: pupil.upn, parentIds: [stranger.id], officerEmail: officerUser.email }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([
      { field: "parentIds", message: "Select only parents or carers recorded for this pupil" },
    ]);
    const noOfficer = await postCase(
      call(tokens.officer, { upn: pupil.upn, parentIds: [stranger.id], officerEmail: "nobody@example.gov.uk" }),
    );
    expect((await noOfficer.json()).errors[0]).toMatchObject({ field: "officerEmail" });
    const future = await postCase(
      call(tokens.officer, {
        upn: pupil.upn,
        parentIds: [stranger.id],
        officerEmail: officerUser.email,
        windowStart: "2027-01-11",
      }),
    );
    expect(future.status).toBe(422);
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(0);
    expect(
      (await postCase(call(tokens.school, { upn: pupil.upn, parentIds: [], officerEmail: officerUser.email }))).status,
    ).toBe(403);
  });

  it("officerEmail must be an active officer: a manager's or a disabled officer's email is 422 naming officerEmail, nothing saved", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    const manager = await makeUser(testDb, { authority, role: "manager" });
    const disabled = await makeUser(testDb, { authority, role: "officer" });
    await testDb.appUser.update({ where: { id: disabled.id }, data: { disabled: true } });
    for (const email of [manager.email, disabled.email, "nobody@example.gov.uk"]) {
      const res = await postCase(call(tokens.manager, { upn: pupil.upn, parentIds: [parent.id], officerEmail: email }));
      expect(res.status).toBe(422);
      expect((await res.json()).errors).toEqual([{ field: "officerEmail", message: OFFICER_EMAIL_MESSAGE }]);
    }
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(0);
  });

  it("a pupil with an open case: 422 naming upn once (not the internal pupilId)", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    const body = { upn: pupil.upn, parentIds: [parent.id], officerEmail: officerUser.email };
    expect((await postCase(call(tokens.officer, body))).status).toBe(201);
    const again = await postCase(call(tokens.officer, body));
    expect(again.status).toBe(422);
    expect((await again.json()).errors).toEqual([
      { field: "upn", message: "This pupil already has an open case: add to that case instead" },
    ]);
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(1);
  });

  it("a target without windowStart is refused (422 naming target), not dropped; nothing saved", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    const res = await postCase(
      call(tokens.officer, {
        upn: pupil.upn,
        parentIds: [parent.id],
        officerEmail: officerUser.email,
        target: { minAttendancePct: 95, maxUnauthorisedSessions: null },
      }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([
      { field: "target", message: "target needs windowStart: the target is set when the window starts" },
    ]);
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(0);
  });

  it("all or nothing: a request whose window cannot start saves no case", async () => {
    const noCalendar = await makeAuthority(testDb);
    const noCalendarSchool = await makeSchool(testDb, noCalendar);
    const noCalendarOfficer = await makeUser(testDb, { authority: noCalendar, role: "officer" });
    const noCalendarToken = await tokenFor(noCalendarOfficer.id);
    const base = { officerEmail: officerUser.email, openedOn: "2026-09-07" };
    const refused: {
      why: string;
      token: string;
      body: Record<string, unknown>;
      field: string;
      where?: "noCalendar";
    }[] = [
      {
        why: "window start not a real date",
        token: tokens.officer,
        body: { ...base, windowStart: "2026-09-31" },
        field: "windowStart",
      },
      {
        why: "window before the case opens",
        token: tokens.officer,
        body: { ...base, windowStart: "2026-09-04" },
        field: "windowStart",
      },
      {
        why: "window in the future",
        token: tokens.officer,
        body: { ...base, windowStart: "2026-11-23" },
        field: "windowStart",
      },
      {
        why: "target out of range",
        token: tokens.officer,
        body: {
          ...base,
          windowStart: "2026-09-14",
          target: { minAttendancePct: 90.25, maxUnauthorisedSessions: null },
        },
        field: "target.minAttendancePct",
      },
      {
        why: "an empty target",
        token: tokens.officer,
        body: { ...base, windowStart: "2026-09-14", target: { minAttendancePct: null, maxUnauthorisedSessions: null } },
        field: "target.minAttendancePct",
      },
      {
        why: "no term calendar",
        token: noCalendarToken,
        body: { ...base, officerEmail: noCalendarOfficer.email, windowStart: "2026-09-14" },
        field: "windowStart",
        where: "noCalendar",
      },
    ];
    for (const r of refused) {
      const [a, s] = r.where === "noCalendar" ? [noCalendar, noCalendarSchool] : [authority, school];
      const pupil = await makePupil(testDb, { authority: a, school: s });
      const parent = await makeParent(testDb, { authority: a, pupil });
      const res = await postCase(call(r.token, { upn: pupil.upn, parentIds: [parent.id], ...r.body }));
      const body = await res.json();
      expect({ why: r.why, status: res.status, fields: body.errors?.map((e: { field?: string }) => e.field) }).toEqual({
        why: r.why,
        status: 422,
        fields: [r.field],
      });
      expect({ why: r.why, cases: await testDb.attendanceCase.count({ where: { pupilId: pupil.id } }) }).toEqual({
        why: r.why,
        cases: 0,
      });
    }
  });

  it("all or nothing: an officer may open a case for another officer but not start its window (422 naming windowStart, nothing saved)", async () => {
    const otherOfficer = await makeUser(testDb, { authority, role: "officer" });
    const pupil = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    const body = { upn: pupil.upn, parentIds: [parent.id], officerEmail: otherOfficer.email, openedOn: "2026-09-07" };
    const refused = await postCase(call(tokens.officer, { ...body, windowStart: "2026-09-14" }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toEqual([
      {
        field: "windowStart",
        message: expect.stringContaining("Only the officer assigned to the case, or a manager, can start its window"),
      },
    ]);
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(0);
    // Without the window the same request opens the case, and a manager may open it with the window.
    expect((await postCase(call(tokens.officer, body))).status).toBe(201);
    const another = await makePupil(testDb, { authority, school });
    const anotherParent = await makeParent(testDb, { authority, pupil: another });
    const byManager = await postCase(
      call(tokens.manager, { ...body, upn: another.upn, parentIds: [anotherParent.id], windowStart: "2026-09-14" }),
    );
    expect(byManager.status).toBe(201);
  });

  it("one transaction: when the window's step fails after the case's step has written, nothing of either is left", async () => {
    // A sibling with an open case: opening this pupil's case links the two and audits the link, so the first
    // step writes a case, its timeline entry, a link and audit rows before the window's step is refused.
    const pupil = await makePupil(testDb, { authority, school });
    const sibling = await makePupil(testDb, { authority, school });
    const parent = await makeParent(testDb, { authority, pupil });
    await testDb.pupilParent.create({
      data: {
        authorityId: authority.id,
        pupilId: sibling.id,
        parentId: parent.id,
        relationship: "mother",
        parentalResponsibility: true,
        livesWithPupil: true,
      },
    });
    const siblingCase = await postCase(
      call(tokens.officer, { upn: sibling.upn, parentIds: [parent.id], officerEmail: officerUser.email }),
    );
    expect(siblingCase.status).toBe(201);
    const siblingCaseId = (await siblingCase.json()).id as string;
    const auditBefore = await testDb.auditLog.count({ where: { authorityId: authority.id } });

    // The case may open on 7 September, but its window cannot start before that: startWindow's own rule.
    const body = { upn: pupil.upn, parentIds: [parent.id], officerEmail: officerUser.email, openedOn: "2026-09-07" };
    const refused = await postCase(call(tokens.officer, { ...body, windowStart: "2026-09-04" }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors.map((e: { field: string }) => e.field)).toEqual(["windowStart"]);
    expect(await testDb.attendanceCase.count({ where: { pupilId: pupil.id } })).toBe(0);
    expect(
      await testDb.caseLink.count({ where: { OR: [{ caseId: siblingCaseId }, { linkedCaseId: siblingCaseId }] } }),
    ).toBe(0);
    expect(await testDb.auditLog.count({ where: { authorityId: authority.id } })).toBe(auditBefore);

    // The same request with a window that may start opens the case, links the sibling and starts the window.
    const opened = await postCase(call(tokens.officer, { ...body, windowStart: "2026-09-14" }));
    expect(opened.status).toBe(201);
    const kase = await testDb.attendanceCase.findFirstOrThrow({ where: { pupilId: pupil.id } });
    expect(kase).toMatchObject({ status: "window_active", version: 2 });
    expect(
      await testDb.caseLink.count({ where: { OR: [{ caseId: siblingCaseId }, { linkedCaseId: siblingCaseId }] } }),
    ).toBe(1);
  });

  it("lists the case's decision and referrals", async () => {
    const f = await referred();
    const body = await (await getCaseRoute(call(tokens.officer, undefined, "GET"), params({ id: f.kase.id }))).json();
    expect(body.decision).toMatchObject({ outcome: "referred", asOf: "2026-11-13" });
    expect(body.referrals).toEqual([
      {
        id: f.referral.id,
        parentId: f.parent.id,
        status: "awaiting_review",
        offence: null,
        createdAt: expect.any(String),
      },
    ]);
  });
});

describe("POST /api/v1/referrals/{id}/decision", () => {
  it("refuses officers (403) and school staff (403), 404 for another authority", async () => {
    const { referral } = await referred();
    expect((await postDecision(call(tokens.officer, approveBody), params({ id: referral.id }))).status).toBe(403);
    expect((await postDecision(call(tokens.school, approveBody), params({ id: referral.id }))).status).toBe(403);
    expect((await postDecision(call(tokens.otherManager, approveBody), params({ id: referral.id }))).status).toBe(404);
  });

  it("422 naming each missing item of the manager's own; then approves", async () => {
    const { referral } = await referred();
    const res = await postDecision(
      call(tokens.manager, {
        ...approveBody,
        checklist: {
          ...COMPLETE_CHECKLIST,
          esoReasoning: "",
          defencesConsidered: ["leave", "sickness", "transport", "traveller"],
        },
      }),
      params({ id: referral.id }),
    );
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(["checklist.esoReasoning", "checklist.defencesConsidered"]);
    const ok = await postDecision(call(tokens.manager, approveBody), params({ id: referral.id }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: referral.id, status: "approved", offence: "s444(1)" });
  });

  // The review finding, reproduced: a manager approved with `lettersSent: true` on a case with no letters.
  it("422 naming checklist.lettersSent when the request claims letters the case does not have, and saves nothing", async () => {
    const { referral } = await referred({ letters: false });
    const res = await postDecision(call(tokens.manager, approveBody), params({ id: referral.id }));
    expect(res.status).toBe(422);
    const errors = (await res.json()).errors as { field: string; message: string }[];
    // No letter at all: neither the letters nor the warning before the period is on the record.
    expect(errors.map((e) => e.field)).toEqual(["checklist.lettersSent", "checklist.warningGiven"]);
    expect(errors[0]!.message).toBe(
      "Letters to this parent: the request says this is met, but the record does not show it. No letter to this parent is on the case",
    );
    expect(await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: referral.id } })).toMatchObject({
      status: "awaiting_review",
      version: 1,
      checklist: null,
    });
    expect(await testDb.referralApprovalEvidence.count({ where: { referralId: referral.id } })).toBe(0);
  });

  it("rejects with a reason (back to casework by default); a missing reason is 422", async () => {
    const { referral, kase } = await referred();
    expect((await postDecision(call(tokens.manager, { decision: "reject" }), params({ id: referral.id }))).status).toBe(
      422,
    );
    const ok = await postDecision(
      call(tokens.manager, { decision: "reject", reason: "Support plan agreed" }),
      params({ id: referral.id }),
    );
    expect(await ok.json()).toMatchObject({ status: "rejected" });
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("monitoring");
  });
});

describe("POST /api/v1/referrals/{id}/outcome", () => {
  it("422 naming the cap and the offence for an over-cap fine, nothing saved; 201 at the cap; 403 for officers", async () => {
    const { referral } = await referred();
    await postDecision(call(tokens.manager, approveBody), params({ id: referral.id }));
    // Without a hearing there is nothing for the outcome to belong to.
    const early = await postOutcome(
      call(tokens.manager, { plea: "none", verdict: "withdrawn", sentences: [] }),
      params({ id: referral.id }),
    );
    expect(early.status).toBe(422);
    expect((await early.json()).errors).toEqual([
      { field: "hearingId", message: "Record the hearing that decided the outcome first" },
    ]);
    await makeHearing(testDb, { id: referral.id, authorityId: referral.authorityId }, { id: managerUserId });
    const outcome = (amountPence: number) => ({
      plea: "guilty",
      verdict: "guilty",
      sentences: [{ type: "fine", amountPence }],
      costsPence: 0,
      victimSurchargePence: 0,
    });
    const over = await postOutcome(call(tokens.manager, outcome(100_001)), params({ id: referral.id }));
    expect(over.status).toBe(422);
    expect((await over.json()).errors).toEqual([
      {
        field: "sentences.0.amountPence",
        message: "A fine under section 444(1) can be at most £1,000.00 (level 3); £1,000.01 was entered",
      },
    ]);
    expect(await testDb.courtOutcome.count({ where: { referralId: referral.id } })).toBe(0);
    expect((await postOutcome(call(tokens.officer, outcome(100_000)), params({ id: referral.id }))).status).toBe(403);
    const ok = await postOutcome(call(tokens.manager, outcome(100_000)), params({ id: referral.id }));
    expect(ok.status).toBe(201);
    expect((await ok.json()).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
