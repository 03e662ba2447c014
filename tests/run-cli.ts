// Runs `npm run cli -- …` as the operator runs it: a child process against the test database.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export type CliRun = { code: number | null; stdout: string; stderr: string };

export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: ROOT,
      // A password is given so that the CLI never writes one to the checkout's .env (it uses DATABASE_URL).
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        FAST_TRACK_PG_PASSWORD: process.env.FAST_TRACK_PG_PASSWORD ?? randomBytes(12).toString("hex"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
