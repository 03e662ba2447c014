// The pupil page's case link: the open case in scope, nothing for other roles or other authorities.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { actorFor, makeActor, testDb } from "@/tests/db";
import { findOpenCaseId, findOpenCaseIds } from "./find-open-case";

describe("findOpenCaseId", () => {
  let ids: { pupil: string; caseId: string; closedPupil: string };
  let actors: Record<"officer" | "manager" | "school" | "admin" | "otherOfficer", Awaited<ReturnType<typeof actorFor>>>;

  beforeAll(async () => {
    const authority = await makeAuthority(testDb);
    const other = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    const officerUser = await makeUser(testDb, { authority, role: "officer" });
    const pupil = await makePupil(testDb, { authority, school });
    const closedPupil = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil, officer: officerUser });
    const closed = await makeCase(testDb, { authority, pupil: closedPupil, officer: officerUser });
    await testDb.attendanceCase.update({
      where: { id: closed.id },
      data: { status: "closed", closeOutcome: "other", closeReason: "Test" },
    });
    ids = { pupil: pupil.id, caseId: kase.id, closedPupil: closedPupil.id };
    actors = {
      officer: await actorFor(officerUser.id),
      manager: await makeActor({ authority, role: "manager" }),
      school: await makeActor({ authority, role: "school", school }),
      admin: await makeActor({ authority, role: "admin" }),
      otherOfficer: await makeActor({ authority: other, role: "officer" }),
    };
  });

  it("finds the pupil's open case for officers and managers of the authority", async () => {
    expect(await findOpenCaseId(actors.officer, ids.pupil)).toBe(ids.caseId);
    expect(await findOpenCaseId(actors.manager, ids.pupil)).toBe(ids.caseId);
  });

  it("ignores closed cases", async () => {
    expect(await findOpenCaseId(actors.officer, ids.closedPupil)).toBeNull();
  });

  it("tells school staff, administrators and other authorities nothing", async () => {
    expect(await findOpenCaseId(actors.school, ids.pupil)).toBeNull();
    expect(await findOpenCaseId(actors.admin, ids.pupil)).toBeNull();
    expect(await findOpenCaseId(actors.otherOfficer, ids.pupil)).toBeNull();
  });

  it("finds many pupils' open cases at once for a queue, with the same scope", async () => {
    const all = [ids.pupil, ids.closedPupil];
    expect(await findOpenCaseIds(actors.officer, all)).toEqual(new Map([[ids.pupil, ids.caseId]]));
    expect(await findOpenCaseIds(actors.manager, all)).toEqual(new Map([[ids.pupil, ids.caseId]]));
    for (const actor of [actors.school, actors.admin, actors.otherOfficer])
      expect((await findOpenCaseIds(actor, all)).size).toBe(0);
    expect((await findOpenCaseIds(actors.officer, [])).size).toBe(0);
  });
});
