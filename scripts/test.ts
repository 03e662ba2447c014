// `npm test`: lint, typecheck, unit tests, integration tests (real PostgreSQL), build, and Playwright e2e in
// Chromium. Every phase runs even if an earlier one failed (except e2e, which needs the build), and the run
// ends with one summary line: "N passed, N failed". Above that line it names each failed test, with the first line
// of its error, so the tail of a CI log says what failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type Counts = { passed: number; failed: number; skipped: number; failures?: string[] };
type Phase = Counts & { name: string; seconds: number };
const phases: Phase[] = [];

/** One line naming a failed test: where it is, its name, and the first line of its error (colours removed). */
function failureLine(where: string, title: string, message = "") {
  const first = stripVTControlCharacters(message)
    .split("\n")
    .find((l) => l.trim());
  return `${where} › ${title}${first ? `: ${first.trim().slice(0, 240)}` : ""}`;
}

function run(name: string, command: string, args: string[], count?: () => Counts | null) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" },
  });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const ok = child.status === 0;
  let counts = count?.() ?? null;
  if (!counts) counts = { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  else if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed outside any test (e.g. setup)
  phases.push({ name, ...counts, seconds });
  return ok;
}

function vitestCounts(file: string) {
  return () => {
    try {
      const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
        testResults: {
          name: string;
          message?: string;
          assertionResults: { status: string; fullName: string; failureMessages?: string[] }[];
        }[];
      };
      const failures = report.testResults.flatMap((f) => {
        const where = path.relative(root, f.name);
        const tests = f.assertionResults
          .filter((t) => t.status === "failed")
          .map((t) => failureLine(where, t.fullName, t.failureMessages?.[0]));
        // A file that failed outside any test (an error in a hook or on import).
        return tests.length === 0 && f.message ? [failureLine(where, "(the file)", f.message)] : tests;
      });
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
        failures,
      };
    } catch {
      return null;
    }
  };
}

function playwrightCounts(file: string) {
  return () => {
    try {
      type Suite = {
        suites?: Suite[];
        specs?: {
          title: string;
          file: string;
          line: number;
          tests: { status: string; results: { error?: { message?: string } }[] }[];
        }[];
      };
      const { stats, suites } = JSON.parse(fs.readFileSync(file, "utf8")) as {
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
        suites: Suite[];
      };
      const failures: string[] = [];
      const walk = (suite: Suite) => {
        for (const spec of suite.specs ?? [])
          for (const t of spec.tests)
            if (t.status === "unexpected" || t.status === "flaky")
              failures.push(
                failureLine(`${spec.file}:${spec.line}`, spec.title, t.results.find((r) => r.error)?.error?.message),
              );
        suite.suites?.forEach(walk);
      };
      suites.forEach(walk);
      return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped, failures };
    } catch {
      return null;
    }
  };
}

const vitest = (project: string) => {
  const out = path.join(results, `${project}.json`);
  fs.rmSync(out, { force: true });
  return run(
    `${project} tests`,
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${out}`],
    vitestCounts(out),
  );
};

run("lint", bin("eslint"), ["--max-warnings=0", "."]);
run("format (Prettier)", bin("prettier"), ["--check", "."]);
run("typecheck", bin("tsc"), ["--noEmit"]);
vitest("unit");
vitest("integration");
const built = run("build", bin("next"), ["build"]);
if (built) {
  const out = path.join(results, "e2e.json");
  fs.rmSync(out, { force: true });
  run("e2e tests (Playwright, Chromium)", bin("playwright"), ["test"], playwrightCounts(out));
} else {
  phases.push({ name: "e2e tests (not run: build failed)", passed: 0, failed: 1, skipped: 0, seconds: 0 });
}

console.log("\n━━ Summary ━━");
for (const p of phases) {
  console.log(
    `${p.failed ? "✗" : "✓"} ${p.name.padEnd(34)} ${String(p.passed).padStart(4)} passed ${String(p.failed).padStart(3)} failed${p.skipped ? ` ${p.skipped} skipped` : ""}  (${p.seconds}s)`,
  );
}
const failures = phases.flatMap((p) => (p.failures ?? []).map((f) => `  ${p.name}: ${f}`));
if (failures.length) console.log(`\nFailed:\n${failures.join("\n")}`);
const passed = phases.reduce((n, p) => n + p.passed, 0);
const failed = phases.reduce((n, p) => n + p.failed, 0);
const skipped = phases.reduce((n, p) => n + p.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
