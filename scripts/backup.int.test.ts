// `npm run cli -- backup create` and `backup restore`, run as the operator runs them, on a database of their own
// (the shared test database changes under every other test): a backup restored into a fresh database has the
// same rows in every table, and its audit log verifies.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/audit";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { insertMarks } from "@/tests/marks";
import { runCli } from "@/tests/run-cli";
import { createDatabaseIfMissing, prepareDatabase } from "./lib/database";

const ownerUrl = new URL(process.env.OWNER_DATABASE_URL!);
const urlOf = (database: string) => Object.assign(new URL(ownerUrl), { pathname: `/${database}` }).toString();
const suffix = randomBytes(3).toString("hex");
const SOURCE = `fast_track_backup_src_${suffix}`;
const RESTORED = `fast_track_backup_dst_${suffix}`;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ft-backup-"));
const file = path.join(folder, "backup.gz");

async function countRows(database: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

// Each CLI run is a child process (about 3 s idle); the whole test about 25 s idle. The budget is 240 s.
describe("backup and restore", { timeout: 240_000 }, () => {
  let auditRows = 0;
  let markRows = 0;

  beforeAll(async () => {
    await createDatabaseIfMissing(urlOf("postgres"), SOURCE);
    await prepareDatabase(urlOf(SOURCE));
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: urlOf(SOURCE) }) });
    const writer = new pg.Client({ connectionString: urlOf(SOURCE) });
    const marksPool = new pg.Pool({ connectionString: urlOf(SOURCE), max: 1 });
    await writer.connect();
    try {
      for (const code of ["701", "702"]) {
        const authority = await makeAuthority(db, { laCode: code });
        const school = await makeSchool(db, authority);
        const officer = await makeUser(db, { authority, role: "officer" });
        for (let i = 0; i < 3; i++) {
          const pupil = await makePupil(db, { authority, school });
          await makeParent(db, { authority, pupil, lastName: `O'Neill\tTab "Quoted"\nNewline ${i}` });
          const kase = await makeCase(db, { authority, pupil, officer });
          // Marks in two academic years: the store's partitions (ADR 050) must come back too.
          await insertMarks(
            marksPool,
            ["2025-10-06", "2026-10-05"].flatMap((date) =>
              ([0, 1] as const).map((session) => ({
                authorityId: authority.id,
                pupilId: pupil.id,
                schoolId: school.id,
                date,
                session,
                code: session === 0 ? "/" : "O",
              })),
            ),
          );
          markRows += 4;
          await audit(
            { id: officer.id, authorityId: authority.id, sessionId: "s" },
            [
              { action: "pupil.view", entityType: "pupil", entityId: pupil.id, detail: { note: "ünïcode ✓\n\\" } },
              { action: "case.view", entityType: "case", entityId: kase.id },
            ],
            writer,
          );
        }
      }
      await audit({ system: "sign-in" }, { action: "auth.sign_in_failed", detail: { email: "x@example.org" } }, writer);
      auditRows = Number((await writer.query("SELECT count(*) AS n FROM audit_log")).rows[0].n);
    } finally {
      await writer.end();
      await marksPool.end();
      await db.$disconnect();
    }
  }, 120_000);

  afterAll(async () => {
    const client = new pg.Client({ connectionString: urlOf("postgres") });
    await client.connect();
    for (const name of [SOURCE, RESTORED]) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("restores into a fresh database with the same rows in every table, and the audit log verifies", async () => {
    const created = await runCli(["backup", "create", file], { DATABASE_URL: urlOf(SOURCE) });
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Backed up \d+ tables/);

    const restored = await runCli(["backup", "restore", file, "--into", RESTORED], { DATABASE_URL: urlOf(SOURCE) });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`into the new database ${RESTORED}`);

    const [before, after] = await Promise.all([countRows(SOURCE), countRows(RESTORED)]);
    expect(after).toEqual(before);
    expect(after.audit_log).toBe(auditRows);
    expect(after.pupil).toBe(6);
    expect(after.attendance_mark).toBe(markRows);

    const verified = await runCli(["audit", "verify"], { DATABASE_URL: urlOf(RESTORED) });
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toEqual({ rows: auditRows, ok: true });

    // The restored log goes on: a new row follows the restored chain.
    const client = new pg.Client({ connectionString: urlOf(RESTORED) });
    await client.connect();
    try {
      await audit({ system: "test" }, { action: "test.after_restore" }, client);
      const { rows } = await client.query("SELECT count(*) AS n FROM parent WHERE last_name LIKE 'O''Neill%'");
      expect(Number(rows[0].n)).toBe(6);
    } finally {
      await client.end();
    }
    expect(JSON.parse((await runCli(["audit", "verify"], { DATABASE_URL: urlOf(RESTORED) })).stdout)).toEqual({
      rows: auditRows + 1,
      ok: true,
    });
  });

  it("refuses a database that already holds records, and a damaged file, changing nothing", async () => {
    const intoUsed = await runCli(["backup", "restore", file], { DATABASE_URL: urlOf(SOURCE) });
    expect(intoUsed.code).toBe(1);
    expect(intoUsed.stderr).toContain("The database already holds records");

    const whole = fs.readFileSync(file);
    const { gunzipSync, gzipSync } = await import("node:zlib");
    const text = gunzipSync(whole).toString("utf8");
    const damaged = path.join(folder, "damaged.gz");
    fs.writeFileSync(damaged, gzipSync(text.slice(0, Math.floor(text.length * 0.6))));
    const target = `${RESTORED}_b`;
    const result = await runCli(["backup", "restore", damaged, "--into", target], { DATABASE_URL: urlOf(SOURCE) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/incomplete|damaged/);
    const counts = await countRows(target);
    expect(counts.authority).toBe(0);
    expect(counts.audit_log).toBe(0);
    const client = new pg.Client({ connectionString: urlOf("postgres") });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
    await client.end();
  });
});
