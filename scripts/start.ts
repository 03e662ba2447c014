// `npm start`: the whole service on one machine with no set-up. Starts (or connects to) PostgreSQL, applies
// migrations, seeds demo data into an empty embedded database (never a DATABASE_URL server), builds the app if the build is missing or stale, then
// runs the web server and the background worker (scripts/worker.ts: the daily job). Ctrl-C stops everything cleanly.
//   --no-demo     start with an empty database (also FAST_TRACK_NO_DEMO=1)
//   --ephemeral   throwaway embedded database in the temp folder, deleted on exit (used by the e2e tests)
//   --no-build    never build (the caller has just built)
//   --port N      web port (also PORT; default 3000)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { loadEnv, today } from "../lib/env";
import { DEMO_AUTHORITIES, DEMO_PASSWORD, demoEmail, markDemoDatabase, seedDemo } from "../prisma/seed";
import { demoDataOnStart } from "../lib/domain/demo-data";
import { closePgPool } from "../lib/server/pg";
import { openDatabase } from "./lib/database";
import { checkAppRole, roleWarnings } from "./lib/roles";
import { REPO_ROOT } from "./lib/local-env";

const KEEP_ALIVE_MS = 65_000;

const { values: args } = parseArgs({
  options: {
    "no-demo": { type: "boolean", default: false },
    ephemeral: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    port: { type: "string" },
  },
});

const say = (line: string) => console.log(`[fast-track] ${line}`);
const nextBin = path.join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");
const tsxCli = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (
      !entry.isFile() ||
      entry.parentPath.includes("node_modules") ||
      entry.parentPath.includes(`${path.sep}generated`)
    )
      continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(REPO_ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public"]
    .map((d) => path.join(REPO_ROOT, d))
    .filter((d) => fs.existsSync(d));
  return (
    sources.some((d) => newestMtime(d) > built) ||
    ["next.config.ts", "package.json"].some((f) => fs.statSync(path.join(REPO_ROOT, f)).mtimeMs > built)
  );
}

async function main() {
  const database = await openDatabase({ ephemeral: args.ephemeral, log: say });
  process.env.DATABASE_URL = database.url; // for lib/server code run by the seed
  const env = loadEnv();
  const port = Number(args.port ?? env.PORT);
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("Stopping…");
    for (const child of children) {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          /* already gone */
        }
      }
    }
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    await database.stop();
    say("Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  // Least privilege (ADR 031): say so loudly when the app would run with the power to rewrite history.
  const roleProblems = roleWarnings(await checkAppRole(database.url));
  for (const warning of roleProblems) console.warn(`[fast-track] ${warning}`);

  const noDemo = args["no-demo"] || env.FAST_TRACK_NO_DEMO === "1";
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  let seeded = false;
  try {
    const decision = demoDataOnStart({ kind: database.kind, empty: (await prisma.authority.count()) === 0, noDemo });
    if (decision === "no-demo")
      say("Empty database, no demo data (--no-demo). Create an authority with: npm run cli -- authority create --help");
    else if (decision === "server")
      say(
        "The database at DATABASE_URL is empty. Demo data (with its published password) is never added to a server automatically: create the authority with npm run cli -- authority create --help, or add demo data on purpose with npm run seed -- --demo.",
      );
    else if (decision === "seed") {
      say("Seeding demo data…");
      await seedDemo(prisma, say);
      say("Seeding demo registers (a year of marks, through the CSV importer)…");
      const { seedAttendance } = await import("../prisma/seed-attendance");
      await seedAttendance(today(), say);
      await (await import("../prisma/seed-cases")).seedCases(prisma, today(), say);
      await (await import("../prisma/seed-enforcement")).seedEnforcement(prisma, today(), say);
      await (await import("../prisma/seed-tasks")).seedTasks(prisma, today(), say);
      await (await import("../prisma/seed-insight")).seedInsight(prisma, today(), say);
      await (await import("../prisma/seed-retention")).seedRetention(prisma, today(), say);
      await closePgPool();
      await markDemoDatabase(prisma, { embedded: true });
      seeded = true;
    }
    seeded ||= (await prisma.demoDatabase.count()) > 0;
  } finally {
    await prisma.$disconnect();
  }

  if (!args["no-build"] && buildIsStale()) {
    say("Building the app (first run, or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: REPO_ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) {
      say("Build failed.");
      await stop(1);
    }
  }

  const host = env.HOST;
  const origin = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? origin,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
  };
  // Idle keep-alive connections stay open 65 s (Node's default is 5 s). A client that reuses a connection the
  // server has just closed gets ECONNRESET on its request (seen once in the e2e suite on a busy machine, a POST
  // after a few seconds' pause); 65 s is also longer than the usual 60 s idle timeout of a load balancer in front.
  // With FAST_TRACK_WEB_PROCESSES above 1, that many `next start` processes share the port (ADR 059).
  const nextStart = [nextBin, "start", "-H", host, "-p", String(port), "--keepAliveTimeout", String(KEEP_ALIVE_MS)];
  const processes = env.FAST_TRACK_WEB_PROCESSES;
  const web = spawn(
    process.execPath,
    processes > 1
      ? [tsxCli, path.join(REPO_ROOT, "scripts", "web-processes.ts"), String(processes), ...nextStart]
      : nextStart,
    {
      cwd: REPO_ROOT,
      env: childEnv,
      stdio: "inherit",
      detached: true,
    },
  );
  children.push(web);
  web.once("exit", (code) => {
    if (!stopping) {
      say(`Web server exited (code ${code}).`);
      void stop(code ?? 1);
    }
  });

  // The background worker (the daily job on its schedule, and a catch-up run now), with the same database and
  // clock as the web server; stopped with it.
  const worker = spawn(
    process.execPath,
    [tsxCli, "--conditions=react-server", path.join(REPO_ROOT, "scripts", "worker.ts")],
    {
      cwd: REPO_ROOT,
      env: childEnv,
      stdio: "inherit",
      detached: true,
    },
  );
  children.push(worker);
  worker.once("exit", (code) => {
    if (!stopping) say(`Worker exited (code ${code}); the daily job will not run until the service is restarted.`);
  });

  say(`Fast Track is running at ${origin}`);
  for (const warning of roleProblems) console.warn(`[fast-track] ${warning}`);
  if (seeded) {
    say(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_AUTHORITIES) {
      say(
        `  ${a.name}: ${["admin", "manager", "officer"].map((w) => demoEmail(a.slug, w)).join(", ")}, ${demoEmail(a.slug, `school.${a.schools[0]!.urn}`)}`,
      );
    }
  }
  say("Press Ctrl-C to stop.");
}

main().catch((error: unknown) => {
  console.error(`[fast-track] ${(error as Error).message}`);
  process.exit(1);
});
