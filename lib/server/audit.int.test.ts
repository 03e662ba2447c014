import { describe, expect, it } from "vitest";
import { makeAuthority } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";
import { audit } from "./audit";

describe("audit log", () => {
  it("appends rows and refuses UPDATE, DELETE and TRUNCATE at the database", async () => {
    const authority = await makeAuthority(testDb);
    await audit(
      { system: "test", authorityId: authority.id },
      { action: "test.append", entityType: "authority", entityId: authority.id },
    );
    const row = await testDb.auditLog.findFirstOrThrow({ where: { action: "test.append", entityId: authority.id } });
    expect(row.detail).toEqual({ via: "test" });

    await expect(rawPool.query("UPDATE audit_log SET action = 'test.changed' WHERE id = $1", [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(rawPool.query("DELETE FROM audit_log WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
    await expect(rawPool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    const still = await testDb.auditLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(still.action).toBe("test.append");
  });
});
