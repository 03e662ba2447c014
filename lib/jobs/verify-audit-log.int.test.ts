import { describe, expect, it } from "vitest";
import { makeAuthority, makeUser } from "@/prisma/factories";
import { audit } from "@/lib/server/audit";
import { ownerPool, testDb } from "@/tests/db";
import { verifyAuditLogDaily } from "./verify-audit-log";

describe("the daily check of the audit log", () => {
  it("records a clean chain and tells nobody", async () => {
    const authority = await makeAuthority(testDb);
    const admin = await makeUser(testDb, { authority, role: "admin" });
    await audit({ system: "test", authorityId: authority.id }, [{ action: "test.one" }, { action: "test.two" }]);
    expect(await verifyAuditLogDaily({ authorityId: authority.id })).toEqual({ chains: 1, rows: 2, broken: [] });
    expect(await testDb.auditVerification.findFirstOrThrow({ where: { authorityId: authority.id } })).toMatchObject({
      ok: true,
      rowsChecked: 2n,
      break: null,
    });
    expect(await testDb.notification.count({ where: { userId: admin.id } })).toBe(0);
  });

  it("finds a row changed in the last day, records the break, and tells the authority's administrators and auditors", async () => {
    const authority = await makeAuthority(testDb);
    const other = await makeAuthority(testDb);
    const admin = await makeUser(testDb, { authority, role: "admin" });
    const auditor = await makeUser(testDb, { authority, role: "auditor" });
    const officer = await makeUser(testDb, { authority, role: "officer" });
    const otherAdmin = await makeUser(testDb, { authority: other, role: "admin" });
    for (const action of ["test.one", "test.two", "test.three"]) {
      await audit({ system: "test", authorityId: authority.id }, { action });
    }
    const tampered = await testDb.auditLog.findFirstOrThrow({ where: { authorityId: authority.id, chainSeq: 2 } });
    const client = await ownerPool.connect();
    try {
      await client.query("SET session_replication_role = replica");
      await client.query("UPDATE audit_log SET action = 'test.innocent' WHERE id = $1", [tampered.id]);
    } finally {
      await client.query("RESET session_replication_role");
      client.release();
    }

    const summary = await verifyAuditLogDaily({ authorityId: authority.id });
    expect(summary.broken).toEqual([{ authority: authority.laCode, id: String(tampered.id) }]);
    const recorded = await testDb.auditVerification.findFirstOrThrow({ where: { authorityId: authority.id } });
    expect(recorded).toMatchObject({ ok: false, break: { id: String(tampered.id), chainSeq: "2" } });
    const told = await testDb.notification.findMany({
      where: { kind: "audit_chain_broken", authorityId: authority.id },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([admin.id, auditor.id].sort());
    expect(told[0]!.message).toContain(`row ${tampered.id} (position 2)`);
    expect(await testDb.notification.count({ where: { userId: { in: [officer.id, otherAdmin.id] } } })).toBe(0);
    expect(await testDb.auditLog.count({ where: { authorityId: authority.id, action: "audit.chain_broken" } })).toBe(1);
  });
});
