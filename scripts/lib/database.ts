// Resolves the database every entry point (start, cli, import, jobs) uses: DATABASE_URL when set, otherwise
// the embedded PostgreSQL whose data lives in .data/pg (or a temp folder; see embedded-pg.ts). Two roles
// (ADR 031): the migration role (MIGRATION_DATABASE_URL, else DATABASE_URL; the embedded cluster's own user)
// applies migrations and installs the job queue; the app connects as a member of fast_track_runtime (the embedded
// database creates `fasttrack_app` for it).
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseKind } from "../../lib/domain/demo-data";
import { loadEnv } from "../../lib/env";
import { resolveDataDir, startEmbeddedPg, type RunningPg } from "./embedded-pg";
import { installJobQueue } from "./job-queue";
import { ensureLocalEnv, REPO_ROOT, saveLocalSetting } from "./local-env";
import { chooseEmbeddedPort, freePort } from "./embedded-port";
import { createCitusDatabase, dropCitusDatabase, hasCitus } from "./citus";
import { migrate, SUPERSEDED_WHEN } from "./migrator";
import { ensureRuntimeLogin } from "./roles";

export type Database = {
  /** The app's connection: a member of fast_track_runtime (or whatever DATABASE_URL names). */
  url: string;
  /** The migration role's connection: owner of the schema (backups, restores and migrations use it). */
  ownerUrl: string;
  /** The embedded PostgreSQL (ours, or npm start's already running) or a server named by DATABASE_URL. */
  kind: DatabaseKind;
  embedded: RunningPg | null;
  stop: () => Promise<void>;
};

export const EMBEDDED_DB_NAME = "fasttrack";
/** The login role the embedded database creates for the app (its password: FAST_TRACK_PG_APP_PASSWORD). */
export const EMBEDDED_APP_ROLE = "fasttrack_app";

/** Creates the database on the server unless it exists. On a Citus coordinator (its maintenance database has
 * the extension) the database is made on every node, with Citus, so that the migrations can distribute it. */
export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const state = await withClient(serverUrl, async (client) => {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount !== 0) return "exists";
    if (await hasCitus(client)) return "citus";
    await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
    return "created";
  });
  if (state === "citus") await createCitusDatabase(serverUrl, name);
}

/** Drops a database made by createDatabaseIfMissing (on every node of a Citus cluster). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const citus = await withClient(serverUrl, async (client) => {
    if (await hasCitus(client)) return true;
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "")}" WITH (FORCE)`);
    return false;
  });
  if (citus) await dropCitusDatabase(serverUrl, name);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
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
    const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
    await prepareDatabase(ownerUrl, log);
    return { url: env.DATABASE_URL, ownerUrl, kind: "server", embedded: null, stop: async () => {} };
  }
  const appPassword = env.FAST_TRACK_PG_APP_PASSWORD!;
  if (options.reuseRunning && !options.ephemeral && env.FAST_TRACK_PG_PORT !== undefined) {
    const serverUrl = embeddedUrl(env.FAST_TRACK_PG_PORT, env.FAST_TRACK_PG_PASSWORD!, "postgres");
    if (await serverAnswers(serverUrl, env.FAST_TRACK_PG_PORT)) {
      log(`Using the embedded PostgreSQL already running on 127.0.0.1:${env.FAST_TRACK_PG_PORT}`);
      await createDatabaseIfMissing(serverUrl, EMBEDDED_DB_NAME);
      const ownerUrl = embeddedUrl(env.FAST_TRACK_PG_PORT, env.FAST_TRACK_PG_PASSWORD!, EMBEDDED_DB_NAME);
      await prepareDatabase(ownerUrl, log);
      await ensureRuntimeLogin(ownerUrl, EMBEDDED_APP_ROLE, appPassword);
      const url = embeddedUrl(env.FAST_TRACK_PG_PORT, appPassword, EMBEDDED_DB_NAME, EMBEDDED_APP_ROLE);
      return { url, ownerUrl, kind: "embedded", embedded: null, stop: async () => {} };
    }
  }
  const dataDir = options.ephemeral
    ? path.join(os.tmpdir(), `fast-track-ephemeral-${process.pid}`, "pg")
    : resolveDataDir(path.join(REPO_ROOT, ".data", "pg"));
  // A kept cluster's port is chosen on first start and kept in .env (embedded-port.ts); a throwaway one takes any.
  const port = options.ephemeral
    ? await freePort()
    : await chooseEmbeddedPort(env.FAST_TRACK_PG_PORT, (chosen) => {
        saveLocalSetting("FAST_TRACK_PG_PORT", String(chosen));
        log(`Chose port ${chosen} for the embedded PostgreSQL (saved in .env as FAST_TRACK_PG_PORT)`);
      });
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
  const ownerUrl = embedded.url(EMBEDDED_DB_NAME);
  await prepareDatabase(ownerUrl, log);
  await ensureRuntimeLogin(ownerUrl, EMBEDDED_APP_ROLE, appPassword);
  return {
    url: embeddedUrl(port, appPassword, EMBEDDED_DB_NAME, EMBEDDED_APP_ROLE),
    ownerUrl,
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

/** A URL on the embedded server: for its own user (the owner), or for another login role. */
function embeddedUrl(port: number, password: string, database: string, user = "fasttrack"): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
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

export { freePort };

/** As the migration role: applies the migrations and installs the job queue, granting the runtime role its use. */
export async function prepareDatabase(ownerUrl: string, log: (l: string) => void = () => {}): Promise<void> {
  const result = await migrate(ownerUrl);
  log(result.applied.length ? `Applied migrations: ${result.applied.join(", ")}` : "Database schema is up to date");
  for (const name of result.superseded) {
    log(`Recorded ${name} without running it: ${SUPERSEDED_WHEN[name]?.because ?? "a later migration holds it"}`);
  }
  await installJobQueue(ownerUrl);
}
