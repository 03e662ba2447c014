// Interviews under caution and support on the timeline (issue 10 §2): an interview names the parents it was with and
// its outcome (held, refused, or invited with no response); the parents must be parties to the case.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, ValidationError } from "../errors";
import { addCaseEvent } from "./add-case-event";

let authority: { id: string; laCode: string };
let school: { id: string; estabNumber: string };
let officer: Actor;
let otherOfficer: Actor;

async function caseWithParents() {
  const pupil = await makePupil(testDb, { authority, school });
  const mother = await makeParent(testDb, { authority, pupil, firstName: "Siobhán" });
  const stranger = await makeParent(testDb, { authority, pupil: await makePupil(testDb, { authority, school }) });
  const kase = await makeCase(testDb, { authority, pupil, officer });
  await testDb.caseParty.create({ data: { caseId: kase.id, parentId: mother.id, authorityId: authority.id } });
  return { kase, mother, stranger };
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer" });
  otherOfficer = await makeActor({ authority, role: "officer" });
});

describe("addCaseEvent: interviews under caution and support", () => {
  it("records an interview with the parent interviewed and its outcome, and support offered", async () => {
    const { kase, mother } = await caseWithParents();
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 1,
      kind: "interview_under_caution",
      occurredOn: "2026-11-16",
      parentIds: [mother.id],
      outcome: "no_response",
      note: "Invited by letter on 2 November; no reply.",
    });
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 2,
      kind: "support_offered",
      occurredOn: "2026-11-17",
      note: "",
    });
    const events = await testDb.caseEvent.findMany({
      where: { caseId: kase.id },
      include: { parties: true },
      orderBy: { occurredOn: "asc" },
    });
    expect(events.map((e) => [e.kind, e.outcome, e.parties.map((p) => p.parentId)])).toEqual([
      ["interview_under_caution", "no_response", [mother.id]],
      ["support_offered", null, []],
    ]);
  });

  it("refuses an interview without an outcome or a parent, an outcome on other work, and a parent not on the case", async () => {
    const { kase, mother, stranger } = await caseWithParents();
    const base = { caseId: kase.id, version: 1, occurredOn: "2026-11-16", note: "" };
    const fields = async (input: Parameters<typeof addCaseEvent>[1]) =>
      Object.keys(((await addCaseEvent(officer, input).catch((e: unknown) => e)) as ValidationError).fieldErrors);
    expect(await fields({ ...base, kind: "interview_under_caution" })).toEqual(["outcome", "parentIds"]);
    expect(await fields({ ...base, kind: "meeting", outcome: "held" })).toEqual(["outcome"]);
    expect(
      await fields({ ...base, kind: "interview_under_caution", outcome: "held", parentIds: [stranger.id] }),
    ).toEqual(["parentIds"]);
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id } })).toBe(0);
    // Not this officer's case.
    await expect(
      addCaseEvent(otherOfficer, { ...base, kind: "interview_under_caution", outcome: "held", parentIds: [mother.id] }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("the database refuses an interview without its outcome, or naming no parent", async () => {
    const { kase } = await caseWithParents();
    const insert = (outcome: string | null) =>
      rawPool.query(
        `INSERT INTO case_event (case_id, authority_id, kind, occurred_on, actor_user_id, outcome)
         VALUES ($1, $2, 'interview_under_caution', '2026-11-16', $3, $4)`,
        [kase.id, authority.id, officer.id, outcome],
      );
    await expect(insert(null)).rejects.toThrow(/case_event_interview_has_outcome/);
    await expect(insert("held")).rejects.toThrow(/must name the parent/);
  });
});
