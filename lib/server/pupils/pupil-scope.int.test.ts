import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { NotFoundError, ForbiddenError } from "../errors";
import { findPupils } from "./find-pupils";
import { getPupil } from "./get-pupil";
import { pupilScope, pupilScopeSql } from "./pupil-scope";

// Two authorities; authority A has two schools. Pupils: one at each school in A (plus one who left school 1,
// and one not yet started there), one in B.
let actors: Record<"admin" | "manager" | "officer" | "school1" | "otherManager", Actor>;
let pupils: Record<"atSchool1" | "atSchool2" | "left" | "future" | "inB", { id: string; upn: string }>;

beforeAll(async () => {
  const a = await makeAuthority(testDb);
  const b = await makeAuthority(testDb);
  const s1 = await makeSchool(testDb, a);
  const s2 = await makeSchool(testDb, a, { phase: "secondary" });
  const sb = await makeSchool(testDb, b);
  pupils = {
    atSchool1: await makePupil(testDb, { authority: a, school: s1, enrolledOn: "2025-09-01" }),
    atSchool2: await makePupil(testDb, { authority: a, school: s2 }),
    left: await makePupil(testDb, { authority: a, school: s1, enrolledOn: "2024-09-01", leftOn: "2025-07-20" }),
    future: await makePupil(testDb, { authority: a, school: s1, enrolledOn: "2099-09-01" }),
    inB: await makePupil(testDb, { authority: b, school: sb }),
  };
  actors = {
    admin: await makeActor({ authority: a, role: "admin" }),
    manager: await makeActor({ authority: a, role: "manager" }),
    officer: await makeActor({ authority: a, role: "officer" }),
    school1: await makeActor({ authority: a, role: "school", school: s1 }),
    otherManager: await makeActor({ authority: b, role: "manager" }),
  };
});

async function visibleIds(actor: Actor): Promise<string[]> {
  const ids = Object.values(pupils).map((p) => p.id);
  const rows = await testDb.pupil.findMany({
    where: { AND: [pupilScope(actor), { id: { in: ids } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id).sort();
}

/** The same question through the SQL form of the scope (for raw reads). */
async function visibleIdsSql(actor: Actor): Promise<string[]> {
  const params: unknown[] = [Object.values(pupils).map((p) => p.id)];
  const where = pupilScopeSql(actor, "p", params);
  const rows = await testDb.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id::text FROM pupil p WHERE p.id = ANY($1::uuid[]) AND ${where}`,
    ...params,
  );
  return rows.map((r) => r.id).sort();
}

const ids = (...keys: (keyof typeof pupils)[]) => keys.map((k) => pupils[k].id).sort();

describe("pupilScope", () => {
  it("gives managers and officers every pupil of their authority, and nothing of another", async () => {
    expect(await visibleIds(actors.manager)).toEqual(ids("atSchool1", "atSchool2", "left", "future"));
    expect(await visibleIds(actors.officer)).toEqual(ids("atSchool1", "atSchool2", "left", "future"));
    expect(await visibleIds(actors.otherManager)).toEqual(ids("inB"));
  });

  it("gives school staff only pupils on roll at their school today", async () => {
    expect(await visibleIds(actors.school1)).toEqual(ids("atSchool1"));
  });

  it("gives administrators no pupils", async () => {
    expect(await visibleIds(actors.admin)).toEqual([]);
  });

  it("is the same scope in its SQL form, for every role", async () => {
    for (const actor of Object.values(actors)) expect(await visibleIdsSql(actor)).toEqual(await visibleIds(actor));
    expect(await visibleIdsSql(actors.school1)).toEqual(ids("atSchool1"));
  });
});

describe("getPupil", () => {
  it("returns a pupil in scope with parents, and audits the read", async () => {
    const before = await testDb.auditLog.count({ where: { entityId: pupils.atSchool1.id, action: "pupil.view" } });
    const pupil = await getPupil(actors.school1, { id: pupils.atSchool1.id });
    expect(pupil.upn).toBe(pupils.atSchool1.upn);
    const after = await testDb.auditLog.findMany({
      where: { entityId: pupils.atSchool1.id, action: "pupil.view" },
      orderBy: { id: "asc" },
    });
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.actorUserId).toBe(actors.school1.id);
  });

  it("is not found for another school's pupil, another authority's pupil, and by UPN too", async () => {
    await expect(getPupil(actors.school1, { id: pupils.atSchool2.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPupil(actors.school1, { upn: pupils.atSchool2.upn })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPupil(actors.manager, { id: pupils.inB.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPupil(actors.manager, { upn: pupils.inB.upn })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses administrators outright", async () => {
    await expect(getPupil(actors.admin, { id: pupils.atSchool1.id })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("findPupils", () => {
  it("finds by UPN only within scope", async () => {
    const mine = await findPupils(actors.school1, { q: pupils.atSchool1.upn, page: 1 });
    expect(mine.pupils.map((p) => p.id)).toEqual([pupils.atSchool1.id]);
    const other = await findPupils(actors.school1, { q: pupils.atSchool2.upn, page: 1 });
    expect(other.total).toBe(0);
  });

  it("finds by name within scope", async () => {
    const p = await testDb.pupil.findUniqueOrThrow({ where: { id: pupils.atSchool2.id } });
    const found = await findPupils(actors.officer, { q: `${p.firstName} ${p.lastName}`, page: 1 });
    expect(found.pupils.map((x) => x.id)).toContain(p.id);
    const hidden = await findPupils(actors.school1, { q: `${p.firstName} ${p.lastName}`, page: 1 });
    expect(hidden.pupils.map((x) => x.id)).not.toContain(p.id);
  });
});
