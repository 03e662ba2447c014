// The web server as several processes on one port (ADR 059), through the real launcher (scripts/web-processes.ts)
// with a stand-in server that answers each request with its process id. Real processes and sockets; the app itself
// runs under it in the pages benchmark (npm run bench -- pages --processes 2).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "./lib/embedded-port";
import { REPO_ROOT } from "./lib/local-env";

const SERVER = `import http from "node:http";
http.createServer((req, res) => res.end(String(process.pid)))
  .listen(Number(process.argv[2]), "127.0.0.1", () => console.log("listening " + process.pid));
`;

const launched: ChildProcess[] = [];

afterEach(() => {
  for (const child of launched.splice(0))
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
});

async function launch(processes: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ft-web-processes-"));
  const script = path.join(dir, "server.mjs");
  fs.writeFileSync(script, SERVER);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "scripts", "web-processes.ts"), String(processes), script, String(port)],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  launched.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // Ready when every server process has said it listens (a busy machine may take seconds to start them).
  const started = Date.now();
  while ((output.match(/^listening \d+$/gm) ?? []).length < processes) {
    if (child.exitCode !== null) throw new Error(`the launcher exited early: ${output}`);
    if (Date.now() - started > 60_000) throw new Error(`the servers did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pids = (output.match(/^listening (\d+)$/gm) ?? []).map((l) => Number(l.split(" ")[1]));
  return { child, port, pids, exited, output: () => output };
}

async function servedBy(port: number): Promise<number> {
  // A new connection each time: the primary hands connections, not requests, to the processes in turn.
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } });
  return Number(await response.text());
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, what: string) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the web server as several processes sharing one port", () => {
  it("runs the number of processes asked for, and every one of them serves the same port", async () => {
    const { port, pids, child, exited } = await launch(2);
    expect(new Set(pids).size).toBe(2);
    const seen = new Set<number>();
    for (let i = 0; i < 20 && seen.size < 2; i++) seen.add(await servedBy(port));
    expect([...seen].sort()).toEqual([...pids].sort());
    process.kill(child.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    await until(() => pids.every((p) => !alive(p)), "both server processes have stopped");
  }, 120_000);

  it("stops the other processes and exits with an error when one of them dies unasked", async () => {
    const { pids, exited, output } = await launch(2);
    process.kill(pids[0]!, "SIGKILL");
    expect(await exited).toBe(1);
    expect(output()).toContain(`web server process ${pids[0]} exited (SIGKILL); stopping the others`);
    await until(() => !alive(pids[1]!), "the other server process has stopped");
  }, 120_000);

  it("refuses a number of processes that is not a whole number of at least 1", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "scripts", "web-processes.ts"), "0", "server.mjs"],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("<processes ≥ 1>");
  }, 60_000);
});
