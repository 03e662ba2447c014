// authority_id leads the keys of per-authority data (docs/decisions/070-authority-leads-every-key.md): the
// catalogue check fails when a table, old or new, breaks the rule that sharding by authority needs, and the Prisma
// checks show that the client still works with `id @id` models over composite SQL keys.
import { describe, expect, it } from "vitest";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";

/** Uniques that are national by nature: held by a reference table on Citus (ADR 071), not per authority. */
const NATIONAL_UNIQUES = new Set(["school(urn)", "app_user(email)", "api_token(token_hash)"]);
/** The audit log, its chain checkpoints and the daily check's record of each chain (ADR 032): rows may belong to no
 * authority (a failed sign-in for an unknown email), so they are keyed by their own id and stay on the coordinator
 * on Citus (ADR 071). */
const NOT_PER_AUTHORITY = new Set(["audit_log", "audit_chain_checkpoint", "audit_verification", "audit_log_erased"]);

type KeyRow = {
  table: string;
  name: string;
  kind: "p" | "u" | "f";
  cols: string[];
  ref_table: string | null;
  ref_cols: string[] | null;
};

async function keys(): Promise<KeyRow[]> {
  const { rows } = await rawPool.query<KeyRow>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS kind,
       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
       c.confrelid::regclass::text AS ref_table,
       CASE WHEN c.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) END AS ref_cols
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.contype IN ('p', 'u', 'f') AND t.relnamespace = 'public'::regnamespace AND t.relkind IN ('r', 'p')
       AND NOT t.relispartition
     UNION ALL
     SELECT i.indrelid::regclass::text, ic.relname, 'u',
       ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o), NULL, NULL
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     WHERE i.indisunique AND t.relnamespace = 'public'::regnamespace AND NOT t.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  return rows;
}

async function perAuthorityTables(): Promise<Set<string>> {
  const { rows } = await rawPool.query<{ table: string }>(
    `SELECT c.table_name AS table FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND c.column_name = 'authority_id' AND t.table_type = 'BASE TABLE'`,
  );
  return new Set(rows.map((r) => r.table).filter((t) => !NOT_PER_AUTHORITY.has(t)));
}

describe("per-authority keys", () => {
  it("start every primary key with authority_id, include it in every unique key, and pair it in every foreign key", async () => {
    const perAuthority = await perAuthorityTables();
    const problems: string[] = [];
    for (const k of await keys()) {
      const where = `${k.table}.${k.name} (${k.cols.join(", ")})`;
      if (k.kind === "f") {
        if (!k.ref_table || !perAuthority.has(k.ref_table)) continue;
        const i = k.cols.indexOf("authority_id");
        if (i < 0 || k.ref_cols![i] !== "authority_id")
          problems.push(`${where} references ${k.ref_table} without authority_id`);
        continue;
      }
      if (!perAuthority.has(k.table)) continue;
      if (k.kind === "p" && k.cols[0] !== "authority_id")
        problems.push(`${where}: primary key does not start with authority_id`);
      if (
        k.kind === "u" &&
        !k.cols.includes("authority_id") &&
        !NATIONAL_UNIQUES.has(`${k.table}(${k.cols.join(",")})`)
      ) {
        problems.push(`${where}: unique key without authority_id`);
      }
    }
    expect(problems).toEqual([]);
    // The check has something to check: the case table's keys are there.
    expect(perAuthority.has("attendance_case")).toBe(true);
  });

  it("refuse a row that points at another authority's record", async () => {
    const a = await makeAuthority(testDb);
    const b = await makeAuthority(testDb);
    const schoolA = await makeSchool(testDb, a);
    const officerA = await makeUser(testDb, { authority: a, role: "officer" });
    const pupilA = await makePupil(testDb, { authority: a, school: schoolA });
    const kase = await makeCase(testDb, { authority: a, pupil: pupilA, officer: officerA });
    const parentB = await makeParent(testDb, {
      authority: b,
      pupil: await makePupil(testDb, { authority: b, school: await makeSchool(testDb, b) }),
    });
    await expect(
      rawPool.query(`INSERT INTO case_party (case_id, parent_id, authority_id) VALUES ($1, $2, $3)`, [
        kase.id,
        parentB.id,
        a.id,
      ]),
    ).rejects.toThrow(/case_party_parent_id_authority_id_fkey/);
    await expect(
      rawPool.query(`INSERT INTO case_party (case_id, parent_id, authority_id) VALUES ($1, $2, $3)`, [
        kase.id,
        parentB.id,
        b.id,
      ]),
    ).rejects.toThrow(/case_party_case_id_authority_id_fkey/);
    await expect(
      rawPool.query(`INSERT INTO api_token (authority_id, user_id, token_hash) VALUES ($1, $2, repeat('a', 64))`, [
        b.id,
        officerA.id,
      ]),
    ).rejects.toThrow(/api_token_user_id_fkey/);
  });

  it("keep one open case per pupil with the authority in the key", async () => {
    const a = await makeAuthority(testDb);
    const school = await makeSchool(testDb, a);
    const officer = await makeUser(testDb, { authority: a, role: "officer" });
    const pupil = await makePupil(testDb, { authority: a, school });
    await makeCase(testDb, { authority: a, pupil, officer });
    await expect(makeCase(testDb, { authority: a, pupil, officer })).rejects.toThrow(
      /attendance_case_one_open_per_pupil|Unique constraint/,
    );
  });

  it("work with Prisma 7: findUnique by id, relations both ways, nested creates, updates by id and upserts on authority-led keys", async () => {
    const a = await makeAuthority(testDb);
    const school = await makeSchool(testDb, a);
    const officer = await makeUser(testDb, { authority: a, role: "officer" });
    // Nested create: the enrolment takes pupil_id and authority_id from its parent through the composite relation.
    const pupil = await makePupil(testDb, { authority: a, school });
    const parent = await makeParent(testDb, { authority: a, pupil });

    const found = await testDb.pupil.findUniqueOrThrow({
      where: { id: pupil.id },
      include: { enrolments: { include: { school: true } }, parents: { include: { parent: true } }, authority: true },
    });
    expect(found.enrolments.map((e) => e.school.urn)).toEqual([school.urn]);
    expect(found.parents.map((p) => p.parent.id)).toEqual([parent.id]);
    expect(found.authority.id).toBe(a.id);

    const kase = await testDb.attendanceCase.create({
      data: {
        authorityId: a.id,
        pupilId: pupil.id,
        assignedOfficerId: officer.id,
        openedBy: officer.id,
        openedOn: new Date("2026-10-01T00:00:00Z"),
        parties: { create: [{ parentId: parent.id }] },
      },
      include: { parties: true },
    });
    expect(kase.parties).toHaveLength(1);
    const updated = await testDb.attendanceCase.update({ where: { id: kase.id }, data: { version: { increment: 1 } } });
    expect(updated.version).toBe(2);
    // The authority in the where clause is what lets Citus route an update to one shard (ADR 071).
    const routed = await testDb.attendanceCase.update({
      where: { id: kase.id, authorityId: a.id },
      data: { version: 3 },
    });
    expect(routed.version).toBe(3);
    const party = await testDb.caseParty.findUniqueOrThrow({
      where: { authorityId_caseId_parentId: { authorityId: a.id, caseId: kase.id, parentId: parent.id } },
      include: { kase: true },
    });
    expect(party.kase.id).toBe(kase.id);

    // Upsert on a key that starts with authority_id (INSERT … ON CONFLICT (authority_id, kind)), twice.
    for (const subject of ["First subject", "Second subject"]) {
      await testDb.letterTemplate.upsert({
        where: { authorityId_kind: { authorityId: a.id, kind: "warning" } },
        create: { authorityId: a.id, kind: "warning", subject, body: "Body", updatedBy: officer.id },
        update: { subject },
      });
    }
    const templates = await testDb.letterTemplate.findMany({ where: { authorityId: a.id } });
    expect(templates.map((t) => t.subject)).toEqual(["Second subject"]);
  });
});
