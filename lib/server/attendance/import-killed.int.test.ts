// Fault test (issue 12 §5): the process importing a register is killed (SIGKILL) while it saves the marks. The
// import is one transaction, so nothing from that file is left: no marks, no summaries, no import record, no audit
// row. Sending the same file again imports all of it, and the audit chain verifies.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";
import { verifyAuditChain } from "../audit-log/verify-audit-chain";

const PUPILS = 120;
/** The killed import's connections, by name, so that the test looks only once PostgreSQL has ended them. */
const APP_NAME = `fault-import-${process.pid}`;
let authority: { id: string; laCode: string };
let file: string;
let folder: string;
let lines = 0;

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  const upns: string[] = [];
  for (let i = 0; i < PUPILS; i++) upns.push((await makePupil(testDb, { authority, school })).upn);
  // Every weekday session from 1 September 2025 to the end of January 2026 for every pupil.
  const rows = ["upn,date,session,code"];
  for (let d = "2025-09-01"; d <= "2026-01-30"; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    for (const upn of upns) rows.push(`${upn},${d},AM,/`, `${upn},${d},PM,${upn.endsWith("1") ? "O" : "\\"}`);
  }
  lines = rows.length - 1;
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "fault-import-"));
  file = path.join(folder, "autumn.csv");
  fs.writeFileSync(file, `${rows.join("\n")}\n`);
}, 120_000);

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function written() {
  const count = async (sql: string) => Number((await rawPool.query(sql, [authority.id])).rows[0].count);
  return {
    marks: await count("SELECT count(*) FROM attendance_mark WHERE authority_id = $1"),
    summaries: await count("SELECT count(*) FROM attendance_pupil_year WHERE authority_id = $1"),
    imports: await count("SELECT count(*) FROM attendance_import WHERE authority_id = $1"),
    audits: await count("SELECT count(*) FROM audit_log WHERE authority_id = $1 AND action LIKE 'attendance.%'"),
  };
}

describe("the import process killed mid-import", () => {
  it("leaves nothing from the file, and sending it again imports all of it", async () => {
    const args = ["register", "import", file, "--authority", authority.laCode];
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
      env: {
        ...process.env,
        PGAPPNAME: APP_NAME,
        FAST_TRACK_PG_PASSWORD: process.env.FAST_TRACK_PG_PASSWORD ?? randomBytes(12).toString("hex"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    // Killed as soon as it says it is saving: every line is checked and the marks are being written.
    let stderr = "";
    await new Promise<void>((resolve) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("Saving")) resolve();
      });
      void exited.then(() => resolve());
    });
    const { rows: seen } = await rawPool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
      [APP_NAME],
    );
    child.kill("SIGKILL");
    expect(await exited, `the import ended before it could be killed: ${stderr}`).toEqual({
      code: null,
      signal: "SIGKILL",
    });
    expect(seen[0]!.n, "the import's connection is visible by name").toBeGreaterThan(0);
    for (let open = 1; open > 0;) {
      const { rows } = await rawPool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
        [APP_NAME],
      );
      open = rows[0]!.n;
      if (open > 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(await written()).toEqual({ marks: 0, summaries: 0, imports: 0, audits: 0 });

    const again = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const retry = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
        {
          env: {
            ...process.env,
            FAST_TRACK_PG_PASSWORD: process.env.FAST_TRACK_PG_PASSWORD ?? randomBytes(12).toString("hex"),
          },
          stdio: ["ignore", "pipe", "ignore"],
        },
      );
      let stdout = "";
      retry.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      retry.on("close", (code) => resolve({ code, stdout }));
    });
    expect(again.code).toBe(0);
    const after = await written();
    expect(after.marks).toBe(lines);
    expect(after.summaries).toBe(PUPILS);
    expect(after.imports).toBe(1);
    expect(after.audits).toBeGreaterThan(0);
    expect(await verifyAuditChain({ authorityId: authority.id })).toMatchObject({ ok: true });
  }, 240_000);
});
