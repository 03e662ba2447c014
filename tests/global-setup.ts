// Integration tests run against a real PostgreSQL: DATABASE_URL's server when set (a throwaway database is
// created on it), otherwise a throwaway embedded cluster in the temp folder. Migrations are applied with the
// same runner as production. Each test file makes its own authority, so nothing is truncated.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPg } from "../scripts/lib/embedded-pg";
import { createDatabaseIfMissing, freePort } from "../scripts/lib/database";
import { migrate } from "../scripts/lib/migrator";

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
  const testUrl = url.toString();
  try {
    await createDatabaseIfMissing(serverUrl, name);
    await migrate(testUrl);
  } catch (error) {
    await stopServer();
    throw error;
  }
  project.provide("databaseUrl", testUrl);

  return async () => {
    if (external) {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
    await stopServer();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
