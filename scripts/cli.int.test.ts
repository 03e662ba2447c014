// `npm run cli`, run as the operator runs it: a child process against the test database. Each run uses its own
// authority code, URNs and emails (tests share one database), and bad input is checked to write nothing.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_LA_CODES, makeAuthority, makeSchool, TEST_URN_MAX } from "@/prisma/factories";
import { requireApiActor } from "@/lib/server/auth";
import { verifyPassword } from "@/lib/server/passwords";
import { rawPool, testDb } from "@/tests/db";
import { countMarks } from "@/tests/marks";

const ROOT = path.resolve(import.meta.dirname, "..");

type Run = { code: number | null; stdout: string; stderr: string };

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: ROOT,
      // A password is given so that the CLI never writes one to the checkout's .env (it uses DATABASE_URL).
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        FAST_TRACK_PG_PASSWORD: process.env.FAST_TRACK_PG_PASSWORD ?? randomBytes(12).toString("hex"),
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

/** A 3-digit LA code no authority has yet (only 900 exist, so a random pick could clash with another test). */
/** An LA code no authority has, and never a demo authority's: seed-enforcement.int.test.ts seeds the demo into
 * this shared database, and fails if a test took 841, 806 or 807 first. */
async function unusedLaCode(): Promise<string> {
  const used = new Set((await testDb.authority.findMany({ select: { laCode: true } })).map((a) => a.laCode));
  const free = Array.from({ length: 900 }, (_, i) => String(100 + i)).filter(
    (c) => !used.has(c) && !DEMO_LA_CODES.includes(c),
  );
  return free[Math.floor(Math.random() * free.length)]!;
}

/** A URN no school has, clear of the demo schools' (as the factories keep them). */
async function unusedUrn(): Promise<number> {
  for (;;) {
    const urn = 100000 + Math.floor(Math.random() * (TEST_URN_MAX - 99999));
    if (!(await testDb.school.findUnique({ where: { urn } }))) return urn;
  }
}

const uniqueEmail = (who: string) => `${who}.${randomBytes(5).toString("hex")}@cli-test.example.gov.uk`;

// Each test spawns the CLI as a child process (about 1 s each on an idle 2-core machine; the longest test, four
// runs in a row, took 4.0 s idle on 6 December 2026 and once hit vitest's 30 s on a busy machine). The budget is
// 30 times the idle figure, so a loaded machine slows the suite but does not fail it.
describe("npm run cli", { timeout: 120_000 }, () => {
  it("--help lists every command, and each command's --help lists its options", async () => {
    const global = await cli("--help");
    expect(global.code).toBe(0);
    for (const command of [
      "authority create",
      "school create",
      "user create",
      "token create",
      "calendar import",
      "register import",
    ]) {
      expect(global.stdout).toContain(command);
    }

    const user = await cli("user", "create", "--help");
    expect(user.code).toBe(0);
    for (const option of ["--email", "--name", "--role", "--authority", "--school", "--help"])
      expect(user.stdout).toContain(option);
    expect(user.stdout).toMatch(/admin.*manager.*officer.*school/);
  });

  it("creates an authority, a school, a school user with a one-time password, and an API token that acts as them", async () => {
    const code = await unusedLaCode();
    const urn = await unusedUrn();
    const email = uniqueEmail("head");

    const authority = await cli("authority", "create", "--code", code, "--name", `CLI Test Council ${code}`);
    expect(authority.stderr).toBe("");
    expect(authority.code).toBe(0);
    expect(authority.stdout).toContain(`Created authority CLI Test Council ${code} (code ${code}).`);
    const authorityRow = await testDb.authority.findUniqueOrThrow({ where: { laCode: code } });
    expect(authorityRow.name).toBe(`CLI Test Council ${code}`);
    expect(await testDb.auditLog.count({ where: { action: "authority.create", entityId: authorityRow.id } })).toBe(1);

    const school = await cli(
      "school",
      "create",
      "--urn",
      String(urn),
      "--authority",
      code,
      "--estab",
      "2999",
      "--name",
      "Cli Test Primary School",
      "--phase",
      "primary",
      "--type",
      "academy",
    );
    expect(school.stderr).toBe("");
    expect(school.code).toBe(0);
    expect(await testDb.school.findUniqueOrThrow({ where: { urn } })).toMatchObject({
      authorityId: authorityRow.id,
      estabNumber: "2999",
      name: "Cli Test Primary School",
      phase: "primary",
      type: "academy",
    });

    const user = await cli(
      "user",
      "create",
      "--email",
      email.toUpperCase(),
      "--name",
      "Sam Head",
      "--role",
      "school",
      "--authority",
      code,
      "--school",
      String(urn),
    );
    expect(user.stderr).toBe("");
    expect(user.code).toBe(0);
    expect(user.stdout).toContain(`Created user ${email} (School staff, school ${urn}, CLI Test Council ${code}).`);
    expect(user.stdout).toContain("They must change it when they first sign in.");
    const password = /^One-time password: (\S+)$/m.exec(user.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const userRow = await testDb.appUser.findUniqueOrThrow({ where: { email }, include: { school: true } });
    expect(userRow).toMatchObject({
      authorityId: authorityRow.id,
      role: "school",
      name: "Sam Head",
      mustChangePassword: true,
    });
    expect(userRow.school?.urn).toBe(urn);
    expect(await verifyPassword(userRow.passwordHash, password!)).toBe(true);

    const token = await cli("token", "create", "--email", email, "--label", "nightly import");
    expect(token.stderr).toBe("");
    expect(token.code).toBe(0);
    const tokenLines = token.stdout.split("\n").filter((line) => /^ft_\S+$/.test(line));
    expect(tokenLines).toHaveLength(1);
    const secret = tokenLines[0]!;
    const tokenRow = await testDb.apiToken.findUniqueOrThrow({
      where: { tokenHash: createHash("sha256").update(secret).digest("hex") },
    });
    expect(tokenRow).toMatchObject({ userId: userRow.id, label: "nightly import", revokedAt: null, readOnly: false });
    // The operator is told when it expires: 90 days by default.
    expect(tokenRow.expiresAt.getTime() - tokenRow.createdAt.getTime()).toBe(90 * 86_400_000);
    expect(token.stdout).toContain(`(${tokenRow.expiresAt.toISOString()})`);
    const actor = await requireApiActor(
      new Request("http://localhost/api/v1/pupils", { headers: { authorization: `Bearer ${secret}` } }),
    );
    expect(actor).toMatchObject({ id: userRow.id, email, role: "school", schoolId: userRow.schoolId });
  });

  describe("refuses bad input, naming the option, and writes nothing", () => {
    let authority: Awaited<ReturnType<typeof makeAuthority>>;
    let existing: Awaited<ReturnType<typeof makeSchool>>;
    const counts = async () => ({
      schools: await testDb.school.count({ where: { authorityId: authority.id } }),
      users: await testDb.appUser.count({ where: { authorityId: authority.id } }),
      audit: await testDb.auditLog.count({ where: { authorityId: authority.id } }),
    });

    beforeAll(async () => {
      authority = await makeAuthority(testDb, { laCode: await unusedLaCode() });
      existing = await makeSchool(testDb, authority, { urn: await unusedUrn(), estabNumber: "2001" });
    });

    it("an unknown command", async () => {
      const run = await cli("school", "delete", "--urn", "100001");
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Unknown command "school delete"');
      expect(run.stderr).toContain('"school create"');
      expect(run.stdout).toBe("");
    });

    it("an unknown option", async () => {
      const code = await unusedLaCode();
      const run = await cli("authority", "create", "--code", code, "--name", "Nowhere", "--colour", "red");
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Unknown option --colour");
      expect(run.stderr).toContain("--code or --name");
      expect(await testDb.authority.count({ where: { laCode: code } })).toBe(0);
    });

    it("missing and invalid options, every one named with what is allowed", async () => {
      const before = await counts();
      const run = await cli(
        "school",
        "create",
        "--urn",
        "12",
        "--authority",
        authority.laCode,
        "--estab",
        "2999",
        "--phase",
        "tertiary",
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--urn: The URN must be a 6-digit number, like 100001 (you gave "12")');
      expect(run.stderr).toContain("Missing --name");
      expect(run.stderr).toContain('--phase must be primary or secondary, not "tertiary"');
      expect(run.stderr).toContain("Missing --type <type>: The type: maintained, academy or other");
      expect(run.stderr).toContain("school create --help");
      expect(await counts()).toEqual(before);
    });

    it("a school user without --school", async () => {
      const before = await counts();
      const email = uniqueEmail("staff");
      const run = await cli(
        "user",
        "create",
        "--email",
        email,
        "--name",
        "No School",
        "--role",
        "school",
        "--authority",
        authority.laCode,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Missing --school <urn>");
      expect(run.stderr).toContain("needed with --role school");
      expect(await testDb.appUser.count({ where: { email } })).toBe(0);
      expect(await counts()).toEqual(before);
    });

    it("an authority code no authority has (exit 1)", async () => {
      const code = await unusedLaCode();
      const email = uniqueEmail("officer");
      const run = await cli(
        "user",
        "create",
        "--email",
        email,
        "--name",
        "Owen Officer",
        "--role",
        "officer",
        "--authority",
        code,
      );
      expect(run.stderr).toContain(`--authority: There is no authority with code ${code}.`);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(await testDb.appUser.count({ where: { email } })).toBe(0);
    });

    it("a URN another school has (exit 1)", async () => {
      const before = await counts();
      const run = await cli(
        "school",
        "create",
        "--urn",
        String(existing.urn),
        "--authority",
        authority.laCode,
        "--estab",
        "2002",
        "--name",
        "Second School",
        "--phase",
        "secondary",
        "--type",
        "maintained",
      );
      expect(run.stderr).toContain(`--urn: A school with URN ${existing.urn} already exists.`);
      expect(run.code).toBe(1);
      expect(await counts()).toEqual(before);
    });
  });
});

// Five CLI runs in a row: 34 s with the machine's load average near 12, and over 60 s on a busier one (6 December
// 2026), so it has the same budget as the runs above.
describe("npm run cli: calendars and registers", { timeout: 120_000 }, () => {
  it("loads a calendar and a register from files, and refuses bad files naming each line", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const { makePupil } = await import("@/prisma/factories");
    const authority = await makeAuthority(testDb, { laCode: await unusedLaCode() });
    const school = await makeSchool(testDb, authority, { urn: await unusedUrn() });
    const pupil = await makePupil(testDb, { authority, school, enrolledOn: "2025-09-01" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ft-cli-"));
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };

    const badCalendar = await cli(
      "calendar",
      "import",
      "--authority",
      authority.laCode,
      write("bad-cal.csv", "kind,start,end,name\nterm,2025-09-03,2025-08-01,Backwards\n"),
    );
    expect(badCalendar.code).toBe(1);
    expect(badCalendar.stderr).toMatch(/Line 2/);
    expect(await testDb.calendarEntry.count({ where: { authorityId: authority.id } })).toBe(0);

    const calendar = await cli(
      "calendar",
      "import",
      "--authority",
      authority.laCode,
      write("cal.csv", "kind,start,end,name\nterm,2025-09-03,2025-10-24,Autumn 1\n"),
    );
    expect(calendar.stdout).toContain("Loaded 1 calendar rows");
    expect(await testDb.calendarEntry.count({ where: { authorityId: authority.id } })).toBe(1);

    const badRegister = await cli(
      "register",
      "import",
      "--authority",
      authority.laCode,
      write("bad.csv", `upn,date,session,code\n${pupil.upn},2025-09-03,AM,J\n`),
    );
    expect(badRegister.code).toBe(1);
    expect(badRegister.stderr).toMatch(/Line 2, UPN .*: Code "J" is not valid/);
    expect(await countMarks(rawPool, pupil.id)).toBe(0);

    const register = await cli(
      "register",
      "import",
      "--authority",
      authority.laCode,
      write("good.csv", `upn,date,session,code\n${pupil.upn},2025-09-03,AM,/\n${pupil.upn},2025-09-03,PM,N\n`),
    );
    expect(register.code).toBe(0);
    expect(register.stdout).toContain("Marks created: 2, updated: 0, unchanged: 0");
    expect(await countMarks(rawPool, pupil.id)).toBe(2);

    // The test database holds many authorities, so the authority must be named.
    const unnamed = await cli("register", "import", path.join(dir, "good.csv"));
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain(
      "--authority: Give --authority <code>: the database holds more than one authority",
    );

    const missing = await cli("register", "import", "--authority", authority.laCode, path.join(dir, "nope.csv"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--file: There is no file at that path");
  });
});
