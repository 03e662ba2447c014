// A throwaway database for the benchmarks: a new database on DATABASE_URL's server, or else a new embedded
// PostgreSQL in the temp folder, migrated, with the process's DATABASE_URL, service clock and session secret set
// for the code under test. `stop` removes the embedded server and its data (a database on an outside server is
// left for its owner to drop).
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
): Promise<{ url: string; stop: () => Promise<void> }> {
  const dbName = `fast_track_${name}_${randomBytes(3).toString("hex")}`;
  let url: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
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
    stop = async () => {
      await server.stop();
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  process.env.DATABASE_URL = url;
  process.env.FAST_TRACK_CLOCK = clock;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
  await migrate(url);
  return { url, stop };
}
