import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { writeNotifications } from "../notifications/write-notifications";
import type { DbClient } from "../queryable";
import { createReferrals } from "../referrals/create-referrals";
import { writeTimelineEvents } from "./write-timeline-events";

// One writer per kind of row, whichever client runs the transaction: these tests write through a pg client and
// through a Prisma transaction and expect the same rows.
let authority: { id: string; laCode: string };
let officer: Actor;
let managers: Actor[];
let caseId: string;
let parentIds: string[];

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer" });
  managers = [await makeActor({ authority, role: "manager" }), await makeActor({ authority, role: "manager" })];
  const disabled = await makeActor({ authority, role: "manager" });
  await testDb.appUser.update({ where: { id: disabled.id }, data: { disabled: true } });
  const pupil = await makePupil(testDb, { authority, school });
  parentIds = [
    (await makeParent(testDb, { authority, pupil })).id,
    (await makeParent(testDb, { authority, pupil })).id,
  ];
  caseId = (await makeCase(testDb, { authority, pupil, officer })).id;
  await testDb.caseParty.createMany({
    data: parentIds.map((parentId) => ({ caseId, parentId, authorityId: authority.id })),
  });
});

const clients: [string, (fn: (q: DbClient) => Promise<void>) => Promise<void>][] = [
  [
    "a pg client",
    async (fn) => {
      const client = await rawPool.connect();
      try {
        await client.query("BEGIN");
        await fn(client);
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    },
  ],
  ["a Prisma transaction", (fn) => testDb.$transaction((tx) => fn(tx))],
];

describe.each(clients)("through %s", (label, inTransaction) => {
  it("writes timeline events with their day, note, actor and details", async () => {
    await inTransaction((q) =>
      writeTimelineEvents(q, [
        {
          caseId,
          authorityId: authority.id,
          kind: "note",
          occurredOn: "2026-11-02",
          note: `written by ${label}`,
          actorUserId: officer.id,
          details: { via: label, n: 1 },
        },
        { caseId, authorityId: authority.id, kind: "phone_call", occurredOn: "2026-11-03", actorUserId: officer.id },
      ]),
    );
    const rows = await testDb.caseEvent.findMany({ where: { caseId, details: { path: ["via"], equals: label } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "note", note: `written by ${label}`, actorUserId: officer.id });
    expect(rows[0]!.occurredOn.toISOString().slice(0, 10)).toBe("2026-11-02");
    expect(rows[0]!.details).toEqual({ via: label, n: 1 });
  });

  it("tells one user, or every active manager of the authority", async () => {
    await inTransaction((q) =>
      writeNotifications(
        q,
        [
          { authorityId: authority.id, to: { userId: officer.id }, caseId, kind: "window_improved", message: label },
          { authorityId: authority.id, to: "managers", caseId, kind: "referral_decided", message: label },
        ],
        "2026-11-20T09:00:00.000Z",
      ),
    );
    const rows = await testDb.notification.findMany({ where: { message: label } });
    expect(rows.map((r) => r.userId).sort()).toEqual([officer.id, ...managers.map((m) => m.id)].sort());
    expect(rows.every((r) => r.createdAt.toISOString() === "2026-11-20T09:00:00.000Z")).toBe(true);
  });
});

describe("createReferrals", () => {
  it("writes one referral per parent and tells the managers once, and skips a referral already held", async () => {
    const evidence = await rawPool.query<{ id: string }>(
      `INSERT INTO evidence_snapshot (authority_id, case_id, pupil_id, period_start, period_end, marks, figures, content_hash)
       SELECT $1, c.id, c.pupil_id, '2026-09-07', '2026-11-27', '[]', '{}', repeat('0', 64) FROM attendance_case c WHERE c.id = $2
       RETURNING id`,
      [authority.id, caseId],
    );
    const decision = await rawPool.query<{ id: string }>(
      `INSERT INTO case_decision (authority_id, case_id, window_start, window_end, as_of, outcome, figures, evidence_id, decided_by)
       VALUES ($1, $2, '2026-09-07', '2026-11-27', '2026-11-27', 'referred', '{}', $3, 'daily_job') RETURNING id`,
      [authority.id, caseId, evidence.rows[0]!.id],
    );
    const referral = (parentId: string) => ({
      id: crypto.randomUUID(),
      authorityId: authority.id,
      caseId,
      parentId,
      source: "window" as const,
      decisionId: decision.rows[0]!.id,
      evidenceId: evidence.rows[0]!.id,
      periodStart: "2026-09-07",
      periodEnd: "2026-11-27",
    });
    const told = [{ authorityId: authority.id, caseId, message: "A referral is awaiting review (test)" }];
    const first = await testDb.$transaction((tx) =>
      createReferrals(tx, parentIds.map(referral), told, "2026-11-27T06:00:00.000Z"),
    );
    expect(first).toBe(2);
    const again = await createReferrals(rawPool, [referral(parentIds[0]!)], [], "2026-11-28T06:00:00.000Z");
    expect(again).toBe(0);
    const referrals = await testDb.prosecutionReferral.findMany({ where: { caseId } });
    expect(referrals.map((r) => r.parentId).sort()).toEqual([...parentIds].sort());
    expect(referrals.every((r) => r.status === "awaiting_review" && r.source === "window")).toBe(true);
    const notes = await testDb.notification.findMany({ where: { message: told[0]!.message } });
    expect(notes.map((n) => n.userId).sort()).toEqual(managers.map((m) => m.id).sort());
  });
});
