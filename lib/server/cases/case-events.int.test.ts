// Interviews under caution and support on the timeline (issue 10 §2): an interview names the parents it was with and
// its outcome (held, refused, or invited with no response); the parents must be parties to the case.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, ValidationError } from "../errors";
import { addCaseEvent } from "./add-case-event";
import { getCase } from "./get-case";

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

describe("addCaseEvent: visits, meetings and calls recorded in full (issue 15)", () => {
  it("records a home visit's time, outcome, parents and others seen, child seen and next step, and reads it back", async () => {
    const { kase, mother } = await caseWithParents();
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 1,
      kind: "home_visit",
      occurredOn: "6/11/2026",
      contactTime: "4:30pm",
      contactOutcome: "spoke_to_parent",
      childSeen: "yes",
      parentIds: [mother.id],
      othersSeen: "Older sister (17)",
      nextStep: "Meeting at school on Tuesday",
      note: "",
    });
    const event = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id }, include: { parties: true } });
    expect(event).toMatchObject({
      kind: "home_visit",
      contactTime: "16:30",
      contactOutcome: "spoke_to_parent",
      childSeen: true,
      othersSeen: "Older sister (17)",
      nextStep: "Meeting at school on Tuesday",
    });
    expect(event.occurredOn.toISOString().slice(0, 10)).toBe("2026-11-06");
    expect(event.parties.map((p) => p.parentId)).toEqual([mother.id]);
    const page = await getCase(officer, kase.id);
    expect(page.timeline[0]!.contact).toMatchObject({
      time: "16:30",
      outcome: "spoke_to_parent",
      childSeen: true,
      parentsSeen: [`${mother.firstName} ${mother.lastName}`],
    });
    expect(await testDb.auditLog.count({ where: { entityId: kase.id, action: "case.add_event" } })).toBeGreaterThan(0);
  });

  it("refuses a record that does not hold together, saving nothing; a visit without one is still accepted elsewhere", async () => {
    const { kase, mother } = await caseWithParents();
    const base = { caseId: kase.id, version: 1, occurredOn: "2026-11-16", note: "", nextStep: "Visit again" };
    const fields = async (input: Parameters<typeof addCaseEvent>[1]) =>
      Object.keys(((await addCaseEvent(officer, input).catch((e: unknown) => e)) as ValidationError).fieldErrors);
    // No access, yet the child "seen" and a parent ticked.
    expect(
      await fields({
        ...base,
        kind: "home_visit",
        contactTime: "10am",
        contactOutcome: "no_access",
        childSeen: "yes",
        parentIds: [mother.id],
      }),
    ).toEqual(["childSeen", "parentIds"]);
    // A card left at a meeting; a phone call asked whether the child was seen; a record on a note.
    expect(
      await fields({ ...base, kind: "meeting", contactTime: "10am", contactOutcome: "card_left", childSeen: "no" }),
    ).toEqual(["contactOutcome"]);
    expect(
      await fields({ ...base, kind: "phone_call", contactTime: "10am", contactOutcome: "no_access", childSeen: "no" }),
    ).toEqual(["childSeen"]);
    expect(await fields({ ...base, kind: "note", note: "A note", contactOutcome: "refused" })).toEqual([
      "contactOutcome",
    ]);
    // Half a record: the time missing.
    expect(await fields({ ...base, kind: "home_visit", contactOutcome: "refused", childSeen: "no" })).toEqual([
      "contactTime",
    ]);
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id } })).toBe(0);
    // Without any of it (a completed task, the API): the visit on its own.
    await addCaseEvent(officer, {
      caseId: kase.id,
      version: 1,
      kind: "home_visit",
      occurredOn: "2026-11-16",
      note: "",
    });
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id } })).toBe(1);
  });

  it("the database refuses a record that does not hold together, whatever the writer", async () => {
    const { kase } = await caseWithParents();
    const insert = (
      kind: string,
      c: { time?: string; outcome?: string; child?: boolean | null; others?: string; next?: string | null },
    ) =>
      rawPool.query(
        `INSERT INTO case_event (case_id, authority_id, kind, occurred_on, actor_user_id, contact_time, contact_outcome,
           child_seen, others_seen, next_step)
         VALUES ($1, $2, $3, '2026-11-16', $4, $5, $6, $7, $8, $9)`,
        [
          kase.id,
          authority.id,
          kind,
          officer.id,
          c.time ?? null,
          c.outcome ?? null,
          c.child ?? null,
          c.others ?? null,
          c.next === undefined ? "Visit again" : c.next,
        ],
      );
    await expect(insert("home_visit", { time: "25:00", outcome: "refused", child: false })).rejects.toThrow(
      /case_event_contact_time_of_day/,
    );
    await expect(insert("note", { others: "Uncle", next: null })).rejects.toThrow(
      /case_event_contact_only_on_contacts/,
    );
    await expect(insert("meeting", { time: "10:00", outcome: "card_left", child: false })).rejects.toThrow(
      /case_event_contact_outcome_fits_kind/,
    );
    await expect(insert("home_visit", { outcome: "refused", child: false })).rejects.toThrow(
      /case_event_contact_complete/,
    );
    await expect(insert("phone_call", { time: "10:00", outcome: "refused", child: false })).rejects.toThrow(
      /case_event_contact_complete/,
    );
    await expect(insert("home_visit", { time: "10:00", outcome: "no_access", child: true })).rejects.toThrow(
      /case_event_no_one_seen_without_access/,
    );
    await expect(
      insert("home_visit", { time: "10:00", outcome: "card_left", child: false, others: "Uncle" }),
    ).rejects.toThrow(/case_event_no_one_seen_without_access/);
    await insert("home_visit", { time: "10:00", outcome: "card_left", child: false });
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id } })).toBe(1);
  });
});
