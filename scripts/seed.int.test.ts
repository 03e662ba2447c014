// `npm run seed` against a DATABASE_URL server: demo users (published password) are added only with --demo, with
// a warning, and the database is then marked as an explicit demo. Runs the script as the operator would, on a
// fresh empty database made on the test server.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseIfMissing } from "./lib/database";
import { migrate } from "./lib/migrator";

const ROOT = path.resolve(import.meta.dirname, "..");
const name = `fast_track_seed_${randomBytes(4).toString("hex")}`;
let url: string;
let serverUrl: string;

function seed(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, FAST_TRACK_PG_PASSWORD: randomBytes(12).toString("hex") },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // As the migration role (the owner), which may create databases; the script then runs against it as an
  // operator's DATABASE_URL would.
  const server = new URL(process.env.OWNER_DATABASE_URL!);
  server.pathname = "/postgres";
  serverUrl = server.toString();
  const fresh = new URL(process.env.OWNER_DATABASE_URL!);
  fresh.pathname = `/${name}`;
  url = fresh.toString();
  await createDatabaseIfMissing(serverUrl, name);
  await migrate(url);
});
afterAll(async () => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});

// Each run spawns the script (about 2 s idle; seeding the demo users and pupils about 6 s more); the budget is
// 20 times that.
describe("npm run seed on a DATABASE_URL server", { timeout: 180_000 }, () => {
  it("refuses without --demo and adds nothing", async () => {
    const run = await seed();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("npm run seed -- --demo");
    expect(await query("SELECT id FROM authority")).toEqual([]);
    expect(await query("SELECT * FROM demo_database")).toEqual([]);
  });

  it("with --demo warns, adds demo users marked as such, and marks the database as an explicit (not embedded) demo", async () => {
    const run = await seed("--demo");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("WARNING");
    expect(await query("SELECT embedded FROM demo_database")).toEqual([{ embedded: false }]);
    const users = await query<{ demo: boolean; n: number }>(
      "SELECT demo, count(*)::int AS n FROM app_user GROUP BY demo",
    );
    expect(users).toEqual([{ demo: true, n: expect.any(Number) }]);
  });
});
