// Integration tests run against a real PostgreSQL: DATABASE_URL's server when set (a throwaway database is
// created on it), otherwise a throwaway embedded cluster in the temp folder. Migrations are applied with the
// same runner as production, as the server's own (owner) user. The tests' app connection (DATABASE_URL inside
// the tests) is a login role in fast_track_runtime, as in production, so the suite proves those grants are
// enough for the app (ADR 031); `ownerDatabaseUrl` is the owner, for the tests that play an attacker with more
// power. Each test file makes its own authority, so nothing is truncated.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPg } from "../scripts/lib/embedded-pg";
import { createDatabaseIfMissing, dropDatabase, freePort, prepareDatabase } from "../scripts/lib/database";
import { ensureRuntimeLogin } from "../scripts/lib/roles";

export default async function setup(project: TestProject) {
  const name = `fast_track_test_${randomBytes(4).toString("hex")}`;
  let serverUrl: string;
  let stopServer = async () => {};
  const external = process.env.DATABASE_URL;
  if (external) {
    serverUrl = external;
  } else {
    const dataDir = path.join(os.tmpdir(), `fast-track-test-${process.pid}-${randomBytes(3).toString("hex")}`, "pg");
    const server = await startEmbeddedPg({
      dataDir,
      port: await freePort(),
      user: "fasttrack",
      password: randomBytes(12).toString("hex"),
    });
    serverUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  // Roles are cluster-wide: on an outside server each run has its own, dropped afterwards.
  const appRole = external ? `${name}_app` : "fasttrack_app";
  const appPassword = randomBytes(12).toString("hex");
  const appUrl = new URL(ownerUrl);
  appUrl.username = appRole;
  appUrl.password = appPassword;
  try {
    await createDatabaseIfMissing(serverUrl, name);
    await prepareDatabase(ownerUrl);
    await ensureRuntimeLogin(ownerUrl, appRole, appPassword);
  } catch (error) {
    await stopServer();
    throw error;
  }
  project.provide("databaseUrl", appUrl.toString());
  project.provide("ownerDatabaseUrl", ownerUrl);

  return async () => {
    if (external) {
      await dropDatabase(serverUrl, name);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS "${appRole}"`);
      await client.end();
    }
    await stopServer();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    ownerDatabaseUrl: string;
  }
}
