// Upgrading a database migrated while main had crossed branches (scripts/lib/migrator.ts, SUPERSEDED_WHEN): from
// about 16:47 to 17:25 UTC on 6 December 2026 main had 20261206160100_enum_domains (the user_role enum became a
// text domain) but not issue 12's 20261206120200_auditor_role (ALTER TYPE user_role ADD VALUE), which sorts
// before it. A database migrated then failed at its next upgrade on both engines, "user_role is not an enum". The
// runner now records that migration without running it when user_role is already a domain, and
// 20261206235912_auditor_role_domain gives the domain the role. This test migrates a database to exactly the
// migrations main had at 17:22 (commit 34d478f, the last state before issue 12 landed), with a user in it, then
// upgrades it to every migration: it fails if the runner stops at the crossing or ends with another schema.
//
// On Citus (npm run test:citus) the database at 17:22 is migrated without placing its tables
// (migrate's `distribute: false`), then upgraded, and the runner places it after the remaining migrations as it
// places a fresh database; the upgraded schema and placement must equal a fresh one's. A cluster placed at 17:22
// cannot be upgraded in place (ADR 074: the register store's and the court list's migrations cannot run on a live
// cluster; such a cluster is rebuilt from a backup), and today's runner refuses to place the 17:22 state at all
// (its register store's keys lack authority_id until 20261206140000_register_store, and since ADR 076 the store is
// distributed). Upgrades of a placed cluster are scripts/citus-upgrade.int.test.ts's, from a later state.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabaseIfMissing, dropDatabase } from "./lib/database";
import { describeSchema } from "./lib/describe-schema";
import { listMigrations, migrate } from "./lib/migrator";

/** The migrations on main at commit 34d478f (17:22 UTC on 6 December 2026). */
const MAIN_AT_1722 = [
  "20261128000000_foundation",
  "20261128010000_attendance",
  "20261128020000_ctf",
  "20261128030000_casework",
  "20261128040000_letters",
  "20261128050000_referrals",
  "20261128060000_penalty_notices",
  "20261128070000_court",
  "20261128080000_casework_guards",
  "20261128090000_hearing_after_approval",
  "20261205010000_penalty_notice_counting",
  "20261205020000_window_started_once",
  "20261205030000_penalty_payment_band",
  "20261206100000_referral_grounds",
  "20261206100100_evidence_record",
  "20261206110000_sign_in_attempts",
  "20261206110100_demo_accounts",
  "20261206110200_personal_api_tokens",
  "20261206110300_second_factor",
  "20261206110400_one_time_password_expiry",
  "20261206120000_audit_chain",
  "20261206120100_runtime_role",
  "20261206130000_truancy_sweeps",
  "20261206130100_education_supervision_orders",
  "20261206130200_pupil_characteristics",
  "20261206150000_case_tasks",
  "20261206160000_authority_keys",
  "20261206160100_enum_domains",
  "20261206160200_reference_trigger_writes",
];

const serverUrl = () => {
  const url = new URL(inject("ownerDatabaseUrl"));
  url.pathname = "/postgres";
  return url.toString();
};
const name = `fast_track_crossed_${randomBytes(4).toString("hex")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fast-track-migrations-"));

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await dropDatabase(serverUrl(), name);
});

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("upgrading a database migrated while main had the enum domains but not the auditor role", () => {
  // Measured on the shared 2-core machine under load: see the closing note of issue 16 (PostgreSQL and Citus).
  it(
    "records the auditor role's enum migration as held, upgrades, and the auditor role then exists",
    {
      timeout: 480_000,
    },
    async () => {
      const all = listMigrations().map((m) => m.name);
      for (const m of MAIN_AT_1722) {
        expect(all, `${m} is listed here but is not a migration`).toContain(m);
        fs.cpSync(path.join("prisma", "migrations", m), path.join(dir, m), { recursive: true });
      }
      await createDatabaseIfMissing(serverUrl(), name);
      const url = new URL(inject("ownerDatabaseUrl"));
      url.pathname = `/${name}`;
      const before = await migrate(url.toString(), dir, { distribute: false });
      expect(before.applied).toEqual(MAIN_AT_1722);
      expect(before.superseded).toEqual([]);
      expect(before.citus).toBeNull();

      // The database in use then: an authority with an officer (a role the domain already had).
      await withClient(url.toString(), async (c) => {
        const { rows } = await c.query<{ id: string }>(
          "INSERT INTO authority (la_code, name) VALUES ('999', 'Crossed Borough') RETURNING id",
        );
        await c.query(
          `INSERT INTO app_user (authority_id, email, name, role, password_hash)
         VALUES ($1, 'officer@crossed.example', 'An Officer', 'officer', 'x')`,
          [rows[0]!.id],
        );
        await expect(c.query("SELECT 'auditor'::user_role")).rejects.toThrow(/user_role_check/);
      });

      const after = await migrate(url.toString());
      expect(after.superseded).toEqual(["20261206120200_auditor_role"]);
      expect(after.applied).toEqual(all.filter((m) => !MAIN_AT_1722.includes(m) && !after.superseded.includes(m)));
      const again = await migrate(url.toString());
      expect(again).toMatchObject({ applied: [], superseded: [] });

      await withClient(url.toString(), async (c) => {
        const { rows } = await c.query<{ role: string }>(
          "SELECT 'auditor'::user_role::text AS role UNION ALL SELECT role::text FROM app_user ORDER BY 1",
        );
        expect(rows.map((r) => r.role)).toEqual(["auditor", "officer"]);
        await expect(c.query("SELECT 'superuser'::user_role")).rejects.toThrow(/user_role_check/);
        const { rows: recorded } = await c.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM schema_migration WHERE name = '20261206120200_auditor_role'",
        );
        expect(recorded[0]!.n).toBe(1);
      });

      const [upgraded, fresh] = await Promise.all([
        describeSchema(url.toString()),
        describeSchema(inject("ownerDatabaseUrl")),
      ]);
      expect(upgraded.columns).toEqual(fresh.columns);
      expect(upgraded.constraints).toEqual(fresh.constraints);
      expect(upgraded.placement).toEqual(fresh.placement);
    },
  );
});
