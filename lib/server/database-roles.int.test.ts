// Least privilege (ADR 031): the whole integration suite runs as the app's runtime role, which proves its grants
// are enough for the app; this file proves they are no more than that.
import { describe, expect, it } from "vitest";
import { checkAppRole, roleWarnings } from "@/scripts/lib/roles";
import { makeAuthority } from "@/prisma/factories";
import { ownerPool, rawPool, testDb } from "@/tests/db";
import { audit } from "./audit";

describe("the app's runtime role", () => {
  it("is a plain login in fast_track_runtime: no superuser, no owner of the tables, so no start-up warning", async () => {
    const check = await checkAppRole(process.env.DATABASE_URL!);
    expect(check).toMatchObject({ superuser: false, ownsSchema: false, runtimeMember: true });
    expect(roleWarnings(check)).toEqual([]);
  });

  it("the start banner warns when the app would connect as a superuser", async () => {
    const check = await checkAppRole(process.env.OWNER_DATABASE_URL!);
    expect(check.superuser).toBe(true);
    expect(roleWarnings(check)).toEqual([
      expect.stringMatching(/^WARNING: .* a superuser: it could disable the audit/),
    ]);
  });

  it("cannot disable a trigger, truncate, or change or delete audit and evidence rows", async () => {
    const authority = await makeAuthority(testDb);
    await audit({ system: "test", authorityId: authority.id }, { action: "test.role_check" });
    const { rows } = await rawPool.query<{ id: string }>(
      "SELECT id::text FROM audit_log WHERE authority_id = $1 LIMIT 1",
      [authority.id],
    );
    const refused = [
      "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete",
      "ALTER TABLE audit_log DISABLE TRIGGER ALL",
      "TRUNCATE audit_log",
      "TRUNCATE attendance_mark",
      `UPDATE audit_log SET action = 'test.rewritten' WHERE id = ${rows[0]!.id}`,
      `DELETE FROM audit_log WHERE id = ${rows[0]!.id}`,
      "UPDATE evidence_snapshot SET content_hash = repeat('0', 64)",
      "DELETE FROM evidence_snapshot",
      "DELETE FROM case_letter",
      "UPDATE case_decision SET outcome = outcome",
      "DELETE FROM attendance_mark_change",
      "INSERT INTO audit_chain_checkpoint (chain_seq, row_hash, erased_rows) VALUES (1, repeat('0', 64), 0)",
      "DELETE FROM schema_migration",
      "SET session_replication_role = replica",
      "CREATE TABLE runtime_was_here (id int)",
      "ALTER TABLE pupil ADD COLUMN runtime_was_here int",
      "DROP TABLE notification",
      "CREATE OR REPLACE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
    ];
    for (const sql of refused) {
      await expect(rawPool.query(sql), sql).rejects.toThrow(/permission denied|must be owner|must be the owner/);
    }
    const still = await rawPool.query("SELECT action FROM audit_log WHERE id = $1", [rows[0]!.id]);
    expect(still.rows[0]).toEqual({ action: "test.role_check" });
  });

  it("the owner can do what the runtime role cannot (the refusals above come from the grants)", async () => {
    const client = await ownerPool.connect();
    try {
      await client.query("BEGIN");
      await client.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete");
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });
});
