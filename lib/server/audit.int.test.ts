import { describe, expect, it } from "vitest";
import { makeAuthority, makeUser } from "@/prisma/factories";
import { ownerPool, rawPool, testDb } from "@/tests/db";
import { runCli } from "@/tests/run-cli";
import { audit } from "./audit";
import { verifyAuditChain } from "./audit-log/verify-audit-chain";

const chainOf = (authorityId: string) =>
  rawPool.query<{ id: string; chain_seq: string; prev_hash: string; row_hash: string; action: string }>(
    "SELECT id::text, chain_seq::text, prev_hash, row_hash, action FROM audit_log a WHERE authority_id = $1 ORDER BY a.chain_seq",
    [authorityId],
  );

/** Runs `sql` as the database superuser with triggers off for the session, as an attacker with that power would. */
async function asSuperuserWithoutTriggers(...statements: [string, unknown[]][]) {
  const client = await ownerPool.connect();
  try {
    await client.query("SET session_replication_role = replica");
    for (const [sql, params] of statements) await client.query(sql, params);
  } finally {
    await client.query("RESET session_replication_role");
    client.release();
  }
}

// The two tests that run `npm run cli` take about 4 s each idle (two child processes); the budget is 120 s.
describe("audit log", { timeout: 120_000 }, () => {
  it("appends rows; the app's role may not UPDATE, DELETE or TRUNCATE them, and the owner is stopped by the trigger", async () => {
    const authority = await makeAuthority(testDb);
    await audit(
      { system: "test", authorityId: authority.id },
      { action: "test.append", entityType: "authority", entityId: authority.id },
    );
    const row = await testDb.auditLog.findFirstOrThrow({ where: { action: "test.append", entityId: authority.id } });
    expect(row).toMatchObject({ actorSystem: "test", actorUserId: null, detail: {} });

    for (const [pool, refusal] of [
      [rawPool, /permission denied/],
      [ownerPool, /append-only/],
    ] as const) {
      await expect(pool.query("UPDATE audit_log SET action = 'test.changed' WHERE id = $1", [row.id])).rejects.toThrow(
        refusal,
      );
      await expect(pool.query("DELETE FROM audit_log WHERE id = $1", [row.id])).rejects.toThrow(refusal);
      await expect(pool.query("TRUNCATE audit_log")).rejects.toThrow(refusal);
    }
    const still = await testDb.auditLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(still.action).toBe("test.append");
  });

  it("chains each authority's rows in order: position, previous hash, own hash; a user's row names the user", async () => {
    const authority = await makeAuthority(testDb);
    const user = await makeUser(testDb, { authority, role: "officer" });
    await audit({ id: user.id, authorityId: authority.id, sessionId: "s-1" }, { action: "test.first" });
    await audit({ id: user.id, authorityId: authority.id }, [{ action: "test.second" }, { action: "test.third" }]);
    const { rows } = await chainOf(authority.id);
    expect(rows.map((r) => [r.chain_seq, r.action])).toEqual([
      ["1", "test.first"],
      ["2", "test.second"],
      ["3", "test.third"],
    ]);
    expect(rows[0]!.prev_hash).toBe("0".repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.row_hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.row_hash);
    const first = await testDb.auditLog.findFirstOrThrow({ where: { authorityId: authority.id, chainSeq: 1 } });
    expect(first).toMatchObject({ actorUserId: user.id, actorSystem: null, sessionId: "s-1" });
    expect(await verifyAuditChain({ authorityId: authority.id })).toEqual({ rows: 3, ok: true });
  });

  it("the chain cannot be forged by the writer: position and hashes come from the database", async () => {
    const authority = await makeAuthority(testDb);
    await audit({ system: "test", authorityId: authority.id }, { action: "test.honest" });
    await rawPool.query(
      `INSERT INTO audit_log (authority_id, actor_system, action, chain_seq, prev_hash, row_hash)
       VALUES ($1, 'test', 'test.forged', 99, repeat('a', 64), repeat('b', 64))`,
      [authority.id],
    );
    const { rows } = await chainOf(authority.id);
    expect(rows.map((r) => r.chain_seq)).toEqual(["1", "2"]);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.row_hash);
    expect(await verifyAuditChain({ authorityId: authority.id })).toEqual({ rows: 2, ok: true });
  });

  it("concurrent writers in one authority each get their own position, with no gap and no fork", async () => {
    const authority = await makeAuthority(testDb);
    const other = await makeAuthority(testDb);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        audit({ system: "test", authorityId: i % 3 === 0 ? other.id : authority.id }, { action: "test.concurrent" }),
      ),
    );
    expect((await chainOf(authority.id)).rows.map((r) => Number(r.chain_seq))).toEqual(
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    expect(await verifyAuditChain({ authorityId: authority.id })).toEqual({ rows: 16, ok: true });
    expect(await verifyAuditChain({ authorityId: other.id })).toEqual({ rows: 8, ok: true });
  });

  it("rows without an authority have a chain of their own", async () => {
    await audit({ system: "sign-in" }, { action: "test.no_authority" });
    const row = await testDb.auditLog.findFirstOrThrow({
      where: { action: "test.no_authority" },
      orderBy: { id: "desc" },
    });
    expect(row.authorityId).toBeNull();
    const previous = await testDb.auditLog.findFirst({ where: { authorityId: null, chainSeq: row.chainSeq - 1n } });
    expect(row.prevHash).toBe(previous?.rowHash ?? "0".repeat(64));
  });

  it("a row changed by a superuser with the triggers off is named by audit verify (library and npm run cli)", async () => {
    const authority = await makeAuthority(testDb);
    for (const action of ["test.one", "test.two", "test.three"]) {
      await audit({ system: "test", authorityId: authority.id }, { action, detail: { n: action } });
    }
    const cleanRun = await runCli(["audit", "verify", "--authority", authority.laCode]);
    expect(cleanRun.code).toBe(0);
    expect(JSON.parse(cleanRun.stdout)).toEqual({ rows: 3, ok: true });

    const { rows } = await chainOf(authority.id);
    await asSuperuserWithoutTriggers([
      `UPDATE audit_log SET detail = '{"n":"rewritten"}' WHERE id = $1`,
      [rows[1]!.id],
    ]);
    expect(await verifyAuditChain({ authorityId: authority.id })).toEqual({
      rows: 2,
      ok: false,
      break: {
        id: rows[1]!.id,
        authority: authority.laCode,
        chainSeq: "2",
        reason: "its content does not match its hash: the row was changed",
      },
    });
    const run = await runCli(["audit", "verify", "--authority", authority.laCode]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, break: { id: rows[1]!.id, chainSeq: "2" } });
  });

  it("a row deleted, or re-hashed to hide a change, breaks the chain at the next row", async () => {
    const deleted = await makeAuthority(testDb);
    const rehashed = await makeAuthority(testDb);
    for (const authority of [deleted, rehashed]) {
      for (const action of ["test.one", "test.two", "test.three"]) {
        await audit({ system: "test", authorityId: authority.id }, { action });
      }
    }
    const gone = (await chainOf(deleted.id)).rows;
    await asSuperuserWithoutTriggers(["DELETE FROM audit_log WHERE id = $1", [gone[1]!.id]]);
    expect(await verifyAuditChain({ authorityId: deleted.id })).toMatchObject({
      ok: false,
      break: { id: gone[2]!.id, chainSeq: "3", reason: "position 2 of the chain is missing: a row was deleted" },
    });

    // The attacker recomputes the changed row's own hash, but cannot fix the next row's link without rewriting it.
    const kept = (await chainOf(rehashed.id)).rows;
    await asSuperuserWithoutTriggers(
      ["UPDATE audit_log SET action = 'test.innocent' WHERE id = $1", [kept[1]!.id]],
      ["UPDATE audit_log a SET row_hash = audit_log_row_hash(a) WHERE id = $1", [kept[1]!.id]],
    );
    expect(await verifyAuditChain({ authorityId: rehashed.id })).toMatchObject({
      ok: false,
      break: { id: kept[2]!.id, chainSeq: "3", reason: expect.stringMatching(/does not follow the row before it/) },
    });
  });
});
