// Resolves the database every entry point (start, cli, import, jobs) uses: DATABASE_URL when set, otherwise
// the embedded PostgreSQL whose data lives in .data/pg (or a temp folder; see embedded-pg.ts).
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseKind } from "../../lib/domain/demo-data";
import { loadEnv } from "../../lib/env";
import { resolveDataDir, startEmbeddedPg, type RunningPg } from "./embedded-pg";
import { ensureLocalEnv, REPO_ROOT } from "./local-env";
import { migrate } from "./migrator";

/** `kind`: the embedded PostgreSQL (ours, or npm start's already running) or a server named by DATABASE_URL. */
export type Database = { url: string; kind: DatabaseKind; embedded: RunningPg | null; stop: () => Promise<void> };

export const EMBEDDED_DB_NAME = "fasttrack";

export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export type OpenDatabaseOptions = {
  /** A throwaway embedded cluster in the temp folder, deleted by stop(). */
  ephemeral?: boolean;
  /** Use the embedded server when it is already running (e.g. under `npm start`) instead of starting one, which
   * would stop it: starting takes over the data folder. Then stop() leaves it running. For short commands. */
  reuseRunning?: boolean;
  log?: (l: string) => void;
};

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  ensureLocalEnv();
  const env = loadEnv();
  const log = options.log ?? (() => {});
  if (env.DATABASE_URL) {
    await migrateAndReport(env.DATABASE_URL, log);
    return { url: env.DATABASE_URL, kind: "server", embedded: null, stop: async () => {} };
  }
  if (options.reuseRunning && !options.ephemeral) {
    const serverUrl = embeddedUrl(env.FAST_TRACK_PG_PORT, env.FAST_TRACK_PG_PASSWORD!, "postgres");
    if (await serverAnswers(serverUrl, env.FAST_TRACK_PG_PORT)) {
      log(`Using the embedded PostgreSQL already running on 127.0.0.1:${env.FAST_TRACK_PG_PORT}`);
      await createDatabaseIfMissing(serverUrl, EMBEDDED_DB_NAME);
      const url = embeddedUrl(env.FAST_TRACK_PG_PORT, env.FAST_TRACK_PG_PASSWORD!, EMBEDDED_DB_NAME);
      await migrateAndReport(url, log);
      return { url, kind: "embedded", embedded: null, stop: async () => {} };
    }
  }
  const dataDir = options.ephemeral
    ? path.join(os.tmpdir(), `fast-track-ephemeral-${process.pid}`, "pg")
    : resolveDataDir(path.join(REPO_ROOT, ".data", "pg"));
  const port = options.ephemeral ? await freePort() : env.FAST_TRACK_PG_PORT;
  const started = Date.now();
  const embedded = await startEmbeddedPg({
    dataDir,
    port,
    user: "fasttrack",
    password: env.FAST_TRACK_PG_PASSWORD!,
    log: () => {},
  });
  log(`Embedded PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms (data: ${dataDir})`);
  await createDatabaseIfMissing(embedded.url("postgres"), EMBEDDED_DB_NAME);
  const url = embedded.url(EMBEDDED_DB_NAME);
  await migrateAndReport(url, log);
  return {
    url,
    kind: "embedded",
    embedded,
    stop: async () => {
      await embedded.stop();
      if (options.ephemeral) {
        const fs = await import("node:fs");
        fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
      }
    },
  };
}

/** The URL startEmbeddedPg's server has, for the embedded user. */
function embeddedUrl(port: number, password: string, database: string): string {
  return `postgresql://fasttrack:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** True when a PostgreSQL accepts our credentials at `url`; false when nothing listens on the port. Anything
 * else (another program on the port, a wrong password) is an error: starting a server there would fail too. */
async function serverAnswers(url: string, port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "ECONNREFUSED") return false;
    throw new Error(
      `Something is listening on 127.0.0.1:${port} (FAST_TRACK_PG_PORT) but did not accept the embedded database's credentials: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** A TCP port nothing is listening on now (for throwaway servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function migrateAndReport(url: string, log: (l: string) => void) {
  const result = await migrate(url);
  log(result.applied.length ? `Applied migrations: ${result.applied.join(", ")}` : "Database schema is up to date");
}
