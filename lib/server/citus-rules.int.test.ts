// Rules that hold on both engines but needed a different form on Citus (docs/decisions/071-citus.md). These run
// in `npm test` on PostgreSQL and in `npm run test:citus` on a Citus cluster, so each is proven on both.
import { describe, expect, it } from "vitest";
import { makeAuthority, makeUser } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";

describe("rules that Citus holds in another form", () => {
  it("has no enum-typed column the app writes: enumerations are domains over text", async () => {
    // Prisma returns an enum column cast to text after each insert and update; Citus refuses that STABLE cast in a
    // RETURNING clause. The national code table's category is written only by migrations, and a mark's category only
    // by the register import's SQL (INSERT and COPY, no RETURNING).
    const { rows } = await rawPool.query<{ col: string }>(
      `SELECT c.table_name || '.' || c.column_name AS col FROM information_schema.columns c
       JOIN pg_type t ON t.typname = c.udt_name AND t.typtype = 'e'
       WHERE c.table_schema = 'public' AND c.domain_name IS NULL
         AND c.table_name NOT IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'public')`,
    );
    const writtenOnlyBySql = ["attendance_code.category", "attendance_mark.category"];
    expect(rows.map((r) => r.col).filter((c) => !writtenOnlyBySql.includes(c))).toEqual([]);
  });

  it("refuses a role, phase or sex outside its list, as the enum types did", async () => {
    const a = await makeAuthority(testDb);
    await expect(
      rawPool.query(
        `INSERT INTO app_user (authority_id, email, name, role, password_hash) VALUES ($1, 'x@example.test', 'X', 'caretaker', 'x')`,
        [a.id],
      ),
    ).rejects.toThrow(/user_role_check/);
    await expect(
      rawPool.query(
        `INSERT INTO school (authority_id, urn, estab_number, name, phase, type) VALUES ($1, 199999, '2999', 'S', 'nursery', 'other')`,
        [a.id],
      ),
    ).rejects.toThrow(/school_phase_check/);
  });

  it("refuses an audit row whose actor is not a user of that authority (a foreign key, or a trigger on Citus)", async () => {
    const a = await makeAuthority(testDb);
    const b = await makeAuthority(testDb);
    const userOfB = await makeUser(testDb, { authority: b, role: "manager" });
    await expect(
      rawPool.query(`INSERT INTO audit_log (authority_id, actor_user_id, action) VALUES ($1, $2, 'pupil.view')`, [
        a.id,
        userOfB.id,
      ]),
    ).rejects.toMatchObject({ code: "23503", constraint: "audit_log_actor_user_id_fkey" });
    const userOfA = await makeUser(testDb, { authority: a, role: "manager" });
    await rawPool.query(`INSERT INTO audit_log (authority_id, actor_user_id, action) VALUES ($1, $2, 'pupil.view')`, [
      a.id,
      userOfA.id,
    ]);
    expect(await testDb.auditLog.count({ where: { authorityId: a.id, actorUserId: userOfA.id } })).toBe(1);
  });
});
