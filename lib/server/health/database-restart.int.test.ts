// Fault test (issue 12 §5): PostgreSQL is stopped and started again while the app serves. One long-lived process
// serves the app's GET /api/health handler with the app's database client and pool settings (pool-options.ts)
// against a PostgreSQL of its own. While the database is down, health answers 503 "unavailable" promptly (no
// request hangs); once it is back, health answers 200 again without restarting the process.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPg, type RunningPg } from "@/scripts/lib/embedded-pg";
import { freePort } from "@/scripts/lib/database";

let server: RunningPg | null = null;
let app: ChildProcess | null = null;
let folder: string;
let pgPort: number;
let appPort: number;
const password = randomBytes(12).toString("hex");

const startPg = async () =>
  (server = await startEmbeddedPg({ dataDir: path.join(folder, "pg"), port: pgPort, user: "fasttrack", password }));

/** One GET /api/health, timed; the client gives up after 30 s, which would fail the test as a hang. */
async function health(): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${appPort}/api/health`, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

async function until(wanted: number, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  const seen: number[] = [];
  for (;;) {
    const h = await health();
    seen.push(h.status);
    if (h.status === wanted) return h;
    if (Date.now() > deadline) throw new Error(`health never answered ${wanted}; it answered ${seen.join(", ")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  // Not mkdtemp: its folder is private, and the server runs as the postgres user when the tests run as root.
  folder = path.join(os.tmpdir(), `fault-restart-${process.pid}-${randomBytes(3).toString("hex")}`);
  pgPort = await freePort();
  appPort = await freePort();
  await startPg();
  app = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "tests/faults/health-server.ts", String(appPort)],
    { env: { ...process.env, DATABASE_URL: server!.url("postgres") }, stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    app!.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening")) resolve();
    });
    app!.once("exit", (code) => reject(new Error(`the health server exited (${code})`)));
  });
}, 120_000);

afterAll(async () => {
  app?.kill("SIGKILL");
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
}, 60_000);

describe("PostgreSQL restarted while the app serves", () => {
  it("health says the database is down, promptly, then recovers without restarting the app", async () => {
    expect(await until(200, 30)).toMatchObject({ body: { status: "ok", database: "ok" } });

    await server!.stop();
    server = null;
    const down = await until(503, 30);
    expect(down.body).toEqual({ status: "unavailable", database: "unavailable" });
    expect(down.ms, "a request while the database is down is answered, not left hanging").toBeLessThan(10_000);
    const again = await health();
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(10_000);

    await startPg();
    const up = await until(200, 60);
    expect(up.body).toEqual({ status: "ok", database: "ok" });
    expect(app!.exitCode, "the same process, never restarted").toBeNull();
  }, 180_000);
});
