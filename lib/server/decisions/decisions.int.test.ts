import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import { runDailyDecisions } from "@/lib/jobs/daily-decisions";
import { makeAuthority, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { countUnreadNotifications, findNotifications } from "./find-notifications";
import { getCaseDecision } from "./get-case-decision";
import { markNotificationsRead } from "./mark-notifications-read";
import { insertMarks, setMarkCode } from "@/tests/marks";
import { queriesSentBy } from "@/tests/count-queries";
import { CASE_VIEW_COVERS } from "../cases/get-case";

let authority: { id: string; laCode: string };
let officer: Actor;
let manager: Actor;
let staff: Actor;
let foreignManager: Actor;
let caseId: string;
let pupilId: string;

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  staff = await makeActor({ authority, role: "school", school });
  const elsewhere = await makeAuthority(testDb);
  foreignManager = await makeActor({ authority: elsewhere, role: "manager" });
  const pupil = await makePupil(testDb, { authority, school });
  pupilId = pupil.id;
  const parent = await makeParent(testDb, { authority, pupil });
  const kase = await testDb.attendanceCase.create({
    data: {
      authorityId: authority.id,
      pupilId: pupil.id,
      assignedOfficerId: officer.id,
      openedBy: officer.id,
      openedOn: new Date("2026-09-01T00:00:00Z"),
      status: "window_active",
      windowStart: new Date("2026-09-07T00:00:00Z"),
      windowEnd: new Date("2026-09-11T00:00:00Z"),
      targetMinAttendanceTenths: 900,
    },
  });
  caseId = kase.id;
  // This authority refers from 5 unauthorised sessions (its local policy): the window below has 5.
  await testDb.authorityCaseSettings.create({
    data: { authorityId: authority.id, windowSettings: DEFAULT_WINDOW_SETTINGS, referralMinimum: 5 },
  });
  await testDb.caseParty.create({ data: { caseId, parentId: parent.id, authorityId: authority.id } });
  await insertMarks(
    rawPool,
    ["2026-09-07", "2026-09-08", "2026-09-09", "2026-09-10", "2026-09-11"].flatMap((date) =>
      ([0, 1] as const).map((session) => ({
        authorityId: authority.id,
        pupilId: pupil.id,
        schoolId: school.id,
        date,
        session,
        code: session === 0 ? "O" : "\\",
      })),
    ),
  );
});

afterAll(async () => {
  const { closePgPool } = await import("@/lib/server/pg");
  await closePgPool();
});

describe("getCaseDecision", () => {
  it("is null before the decision, then shows the figures and the evidence, and warns once the register changes", async () => {
    expect(await getCaseDecision(officer, caseId)).toBeNull();
    await runDailyDecisions({ asOf: "2026-09-14", authorityId: authority.id });
    const view = await getCaseDecision(manager, caseId);
    expect(view).toMatchObject({
      outcome: "referred",
      asOf: "2026-09-14",
      windowStart: "2026-09-07",
      windowEnd: "2026-09-11",
      figures: { possibleSessions: 10, attendedSessions: 5, unauthorisedSessions: 5, attendancePct: 50 },
      evidence: { markCount: 10, comparison: { differs: false } },
    });
    expect(view!.evidence.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await setMarkCode(rawPool, pupilId, "2026-09-08", 0, "I");
    const after = await getCaseDecision(officer, caseId);
    expect(after!.evidence.comparison).toMatchObject({
      differs: true,
      differences: [{ date: "2026-09-08", session: "AM", snapshot: "O", live: "I" }],
    });
    expect(after!.evidence.contentHash).toBe(view!.evidence.contentHash);
    expect(view!.evidence.createdAt).toBeInstanceOf(Date);
    expect(await testDb.auditLog.count({ where: { entityId: caseId, action: "decision.view" } })).toBe(2);
    // Put back as frozen, the register is the snapshot again.
    await setMarkCode(rawPool, pupilId, "2026-09-08", 0, "O");
    expect((await getCaseDecision(officer, caseId))!.evidence.comparison).toEqual({
      snapshotId: view!.evidence.id,
      contentHash: view!.evidence.contentHash,
      differs: false,
      differences: [],
    });
  });

  it("reads the decision with its evidence in one statement, and the live register in one more (ADR 084)", async () => {
    await getCaseDecision(officer, caseId, CASE_VIEW_COVERS);
    const sent = await queriesSentBy(() => getCaseDecision(officer, caseId, CASE_VIEW_COVERS));
    // The case in the actor's scope, the decision with its snapshot, the register's marks; no audit row of its own.
    expect(sent).toHaveLength(3);
    expect(sent.filter((q) => /evidence_snapshot/.test(q))).toHaveLength(1);
    expect(sent.filter((q) => /attendance_mark/.test(q))).toHaveLength(1);
  });

  it("refuses school staff and hides another authority's case", async () => {
    expect(await caught(getCaseDecision(staff, caseId))).toBeInstanceOf(ForbiddenError);
    expect(await caught(getCaseDecision(foreignManager, caseId))).toBeInstanceOf(NotFoundError);
  });
});

describe("notifications", () => {
  it("lists only the user's own, and marks one or all read without touching anyone else's", async () => {
    await runDailyDecisions({ asOf: "2026-09-14", authorityId: authority.id });
    const mine = await findNotifications(manager);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: "referral_awaiting_review", caseId });
    expect((await findNotifications(officer)).items).toEqual([]);
    expect(await countUnreadNotifications(manager)).toBe(1);
    expect(await countUnreadNotifications(officer)).toBe(0);
    // Reading the messages (they name pupils) is audited.
    expect(
      await testDb.auditLog.count({ where: { action: "notification.list", actorUserId: manager.id } }),
    ).toBeGreaterThan(0);
    // Another user (even a manager elsewhere) cannot mark it read.
    expect(await markNotificationsRead(foreignManager, { notificationId: mine.items[0]!.id })).toBe(0);
    expect(await markNotificationsRead(officer, { notificationId: "all" })).toBe(0);
    expect((await findNotifications(manager)).unread).toBe(1);
    expect(await markNotificationsRead(manager, { notificationId: mine.items[0]!.id })).toBe(1);
    expect(
      await testDb.auditLog.findFirst({
        where: { action: "notification.mark_read", actorUserId: manager.id },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({ detail: { notificationId: mine.items[0]!.id, marked: 1 } });
    expect((await findNotifications(manager)).unread).toBe(0);
    const bad = await caught(markNotificationsRead(manager, { notificationId: "nonsense" }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors.notificationId).toEqual(["Select a notification"]);
  });
});
