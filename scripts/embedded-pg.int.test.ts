// The embedded PostgreSQL's password file (given to initdb) is readable by its owner only: the postgres user
// when we run as root, so that initdb can still read it. The file is seen just before it is deleted.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "./lib/database";
import { startEmbeddedPg } from "./lib/embedded-pg";

const original = fs.rmSync;
afterEach(() => {
  fs.rmSync = original;
});

describe("the embedded database's password file", { timeout: 120_000 }, () => {
  it("is readable by its owner only, and initdb (as that owner) can read it", async () => {
    const seen: fs.Stats[] = [];
    fs.rmSync = ((target: fs.PathLike, options?: fs.RmOptions) => {
      if (/ft-pw-/.test(String(target)) && fs.existsSync(target)) seen.push(fs.statSync(target));
      return original(target, options);
    }) as typeof fs.rmSync;
    const dataDir = path.join(os.tmpdir(), `fast-track-pwtest-${randomBytes(4).toString("hex")}`, "pg");
    const server = await startEmbeddedPg({
      dataDir,
      port: await freePort(),
      user: "fasttrack",
      password: "x".repeat(20),
    });
    try {
      expect(seen).toHaveLength(1);
      expect((seen[0]!.mode & 0o777).toString(8)).toBe("600");
      const owner =
        process.getuid?.() === 0 ? Number(execFileSync("id", ["-u", "postgres"]).toString()) : process.getuid?.();
      expect(seen[0]!.uid).toBe(owner);
    } finally {
      await server.stop();
      original(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
