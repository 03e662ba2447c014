import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makePupil, makeSchool } from "@/prisma/factories";
import { queriesSentBy } from "@/tests/count-queries";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { findCaseEsos } from "./find-case-esos";

// findCaseEsos reads through the pg pool (ADR 080): the same orders, in the same order, in the actor's scope only.
describe("findCaseEsos", () => {
  let officer: Actor;
  let otherOfficer: Actor;
  let staff: Actor;
  let caseId: string;

  beforeAll(async () => {
    const authority = await makeAuthority(testDb);
    const other = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    officer = await makeActor({ authority, role: "officer" });
    otherOfficer = await makeActor({ authority: other, role: "officer" });
    staff = await makeActor({ authority, role: "school", school });
    const pupil = await makePupil(testDb, { authority, school });
    caseId = (await makeCase(testDb, { authority, pupil, officer: { id: officer.id } })).id;
    const order = (madeOn: string, relation: string, months: number) =>
      testDb.educationSupervisionOrder.create({
        data: {
          authorityId: authority.id,
          caseId,
          madeOn: new Date(`${madeOn}T00:00:00Z`),
          relation,
          months,
          recordedBy: officer.id,
        },
      });
    await order("2026-11-10", "in_addition_to_prosecution", 12);
    await order("2026-10-05", "instead_of_prosecution", 6);
  });

  it("lists the case's orders oldest first, with their dates as ISO dates, in one statement", async () => {
    const sent = await queriesSentBy(async () => {
      expect(await findCaseEsos(officer, caseId)).toEqual([
        { id: expect.any(String), madeOn: "2026-10-05", relation: "instead_of_prosecution", months: 6 },
        { id: expect.any(String), madeOn: "2026-11-10", relation: "in_addition_to_prosecution", months: 12 },
      ]);
    });
    // The case in the actor's scope (Prisma, outside a render), then the orders.
    expect(sent).toHaveLength(2);
  });

  it("shows nothing outside the actor's scope", async () => {
    expect(await findCaseEsos(otherOfficer, caseId)).toEqual([]);
    await expect(findCaseEsos(staff, caseId)).rejects.toThrow();
  });
});
