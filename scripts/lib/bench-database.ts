// A throwaway database for the benchmarks: a new database on DATABASE_URL's server, or else a new embedded
// PostgreSQL in the temp folder, migrated, with the process's DATABASE_URL, service clock and session secret set
// for the code under test. `stop` removes the embedded server and its data (a database on an outside server is
// left for its owner to drop). With `keepDir` the embedded server's data lives in that folder and outlives the run
// (`stop` stops the server and keeps the data; `kept` says whether the database was already there), so that a
// Kent-scale database is built once and measured many times (`npm run bench -- kent --keep <dir>`).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPg } from "./embedded-pg";
import { createDatabaseIfMissing, freePort } from "./database";
import { migrate } from "./migrator";

export async function openBenchDatabase(
  name: string,
  clock: string,
  keepDir?: string,
): Promise<{
  url: string;
  stop: () => Promise<void>;
  serverCpuSeconds: () => number | null;
  kept: boolean;
  markBuilt: () => void;
}> {
  const dbName = `fast_track_${name}_${randomBytes(3).toString("hex")}`;
  let url: string;
  let stop = async () => {};
  let serverCpuSeconds = (): number | null => null;
  let kept = false;
  let markBuilt = () => {};
  if (keepDir) {
    const dataDir = path.join(path.resolve(keepDir), "pg");
    const settingsFile = path.join(path.resolve(keepDir), "bench-database.json");
    const builtFile = path.join(path.resolve(keepDir), "built");
    kept = fs.existsSync(builtFile);
    if (!kept) fs.rmSync(path.resolve(keepDir), { recursive: true, force: true }); // a half-built database
    fs.mkdirSync(path.resolve(keepDir), { recursive: true, mode: 0o755 });
    const settings = kept
      ? (JSON.parse(fs.readFileSync(settingsFile, "utf8")) as { dbName: string; password: string })
      : { dbName, password: randomBytes(12).toString("hex") };
    if (!kept) fs.writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
    markBuilt = () => fs.writeFileSync(builtFile, new Date().toISOString());
    const logFile = path.join(path.resolve(keepDir), "postgres.log");
    const server = await startEmbeddedPg({
      dataDir,
      port: await freePort(),
      user: "fasttrack",
      password: settings.password,
      log: (text) => fs.appendFileSync(logFile, text),
    });
    await createDatabaseIfMissing(server.url("postgres"), settings.dbName);
    url = server.url(settings.dbName);
    serverCpuSeconds = () => postgresCpuSeconds(dataDir);
    stop = () => server.stop();
  } else if (process.env.DATABASE_URL) {
    await createDatabaseIfMissing(process.env.DATABASE_URL, dbName);
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  } else {
    const dataDir = path.join(os.tmpdir(), `fast-track-${name}-${process.pid}`, "pg");
    const server = await startEmbeddedPg({
      dataDir,
      port: await freePort(),
      user: "fasttrack",
      password: randomBytes(12).toString("hex"),
    });
    await createDatabaseIfMissing(server.url("postgres"), dbName);
    url = server.url(dbName);
    serverCpuSeconds = () => postgresCpuSeconds(dataDir);
    stop = async () => {
      await server.stop();
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  process.env.DATABASE_URL = url;
  process.env.FAST_TRACK_CLOCK = clock;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
  await migrate(url);
  return { url, stop, serverCpuSeconds, kept, markBuilt };
}

/**
 * CPU seconds (user + system) used so far by the embedded server's processes: the postmaster's children alive now,
 * plus those already ended (counted in the postmaster's cutime and cstime). On a shared machine the wall time of a
 * benchmark depends on what else runs; the CPU time it costs does much less. Null where /proc cannot be read.
 */
function postgresCpuSeconds(dataDir: string): number | null {
  try {
    const ticks = 100; // USER_HZ on Linux
    const fields = (pid: string | number) =>
      fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ").map(Number);
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const own = fields(postmaster);
    let total = own[13]! + own[14]!; // cutime, cstime (ended children)
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const f = fields(pid);
        if (f[1] === postmaster) total += f[11]! + f[12]!; // utime, stime
      } catch {
        // The process ended while the folder was read.
      }
    }
    return total / ticks;
  } catch {
    return null;
  }
}

/**
 * Closes the app's own pools that a benchmark used through the app's code (the register store's pg pool and the shared
 * Prisma client), before the benchmark's server stops or its database is copied: left open, their idle connections
 * are ended by the server and logged as dropped (ADR 038, 7 December addendum).
 */
export async function closeAppPools(): Promise<void> {
  const { closePgPool } = await import("../../lib/server/pg");
  const { db } = await import("../../lib/server/db");
  await closePgPool();
  await db.$disconnect();
}
