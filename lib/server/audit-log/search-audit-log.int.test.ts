import { beforeAll, describe, expect, it } from "vitest";
import { londonDate } from "@/lib/domain/dates";
import { parseAuditSearch, type AuditSearch } from "@/lib/schemas/audit";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { getCase } from "../cases/get-case";
import { ForbiddenError, ValidationError } from "../errors";
import { getPupil } from "../pupils/get-pupil";
import { exportAuditLog, searchAuditLog } from "./search-audit-log";

const searchOf = (params: Record<string, string>): AuditSearch => {
  const parsed = parseAuditSearch(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.search;
};

describe("the auditor's search of the audit log", () => {
  let auditor: Actor;
  let officer: Actor;
  let manager: Actor;
  let child: { id: string; upn: string };
  let other: { id: string; upn: string };
  let caseId: string;
  let strangerAuditor: Actor;

  beforeAll(async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    auditor = await makeActor({ authority, role: "auditor" });
    officer = await makeActor({ authority, role: "officer" });
    manager = await makeActor({ authority, role: "manager" });
    child = await makePupil(testDb, { authority, school });
    other = await makePupil(testDb, { authority, school });
    await makeParent(testDb, { authority, pupil: child, firstName: "Rhiannon", lastName: "Quartermaine" });
    caseId = (await makeCase(testDb, { authority, pupil: child, officer })).id;
    await getPupil(officer, { id: child.id });
    await getCase(manager, caseId);
    await getPupil(manager, { id: other.id });
    const strangers = await makeAuthority(testDb);
    strangerAuditor = await makeActor({ authority: strangers, role: "auditor" });
  });

  it("finds every access to one child's records by UPN, and nothing about other children", async () => {
    const result = await searchAuditLog(auditor, searchOf({ upn: child.upn }));
    expect(result.rows.map((r) => [r.action, r.entityId]).sort()).toEqual(
      [
        ["case.view", caseId],
        ["pupil.view", child.id],
      ].sort(),
    );
    expect(result.total).toBe(2);
    const view = result.rows.find((r) => r.action === "pupil.view")!;
    expect(view).toMatchObject({ upn: child.upn, who: expect.stringContaining(officer.email) });
  });

  it("finds the same by the parent or carer's name, saying how many matched", async () => {
    const result = await searchAuditLog(auditor, searchOf({ parent: "quarterMAINE" }));
    expect(result.matched).toBe('1 parent or carer match "quarterMAINE"');
    expect(result.rows.map((r) => r.action).sort()).toEqual(["case.view", "pupil.view"]);
  });

  it("filters by user, action, case and date range", async () => {
    expect((await searchAuditLog(auditor, searchOf({ user: manager.id, action: "pupil.view" }))).rows).toEqual([
      expect.objectContaining({ action: "pupil.view", entityId: other.id }),
    ]);
    expect((await searchAuditLog(auditor, searchOf({ caseId }))).rows.map((r) => r.action)).toEqual(["case.view"]);
    const today = londonDate(new Date()); // audit rows carry real time, searched by London dates
    expect((await searchAuditLog(auditor, searchOf({ upn: child.upn, from: today, to: today }))).total).toBe(2);
    expect((await searchAuditLog(auditor, searchOf({ upn: child.upn, to: "2020-01-01" }))).total).toBe(0);
  });

  it("names an unknown pupil, parent or case, and never finds another authority's", async () => {
    for (const [params, field] of [
      [{ upn: child.upn }, "upn"],
      [{ parent: "Quartermaine" }, "parent"],
      [{ caseId }, "caseId"],
    ] as const) {
      const error = await searchAuditLog(strangerAuditor, searchOf(params)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
    }
    const theirs = await searchAuditLog(strangerAuditor, searchOf({}));
    expect(theirs.rows.every((r) => r.entityId !== child.id && r.entityId !== caseId)).toBe(true);
  });

  it("records every search and every export in the log", async () => {
    await searchAuditLog(auditor, searchOf({ upn: child.upn, page: "1" }));
    const exported = await exportAuditLog(auditor, searchOf({ upn: child.upn }));
    expect(exported).toMatchObject({ truncated: false });
    expect(exported.rows.map((r) => r.action).sort()).toEqual(["case.view", "pupil.view"]);
    const searches = await testDb.auditLog.findMany({
      where: { actorUserId: auditor.id, action: { in: ["audit.search", "audit.export"] } },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(searches.map((s) => s.action)).toEqual(["audit.export", "audit.search"]);
    expect(searches[0]!.detail).toMatchObject({ filters: { upn: child.upn }, rows: 2 });
    expect(searches[1]!.detail).toMatchObject({ filters: { upn: child.upn }, total: 2 });
  });

  it("is the auditor's alone: officers, managers and administrators are refused", async () => {
    for (const actor of [
      officer,
      manager,
      await makeActor({ authority: { id: officer.authorityId }, role: "admin" }),
    ]) {
      await expect(searchAuditLog(actor, searchOf({}))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAuditLog(actor, searchOf({}))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
