// `npm run bench -- pages [--seconds 10] [--connections 10,50] [--processes 1]`: the pages under load (issue 14 §3),
// served by that many web server processes (FAST_TRACK_WEB_PROCESSES, ADR 059; default 1). Starts the
// app as the e2e tests do (scripts/start.ts on a throwaway embedded PostgreSQL with the demo data, clock
// 2026-11-20; built first if the build is missing or stale), signs in as the Darlington officer through the real
// sign-in form in Chromium, finds a case and its pupil from the officer's own case list, then loads each page with
// autocannon (ADR 052) at each number of concurrent connections, /api/health (no session, no database) being the
// baseline in the same run. Every response time is collected (autocannon's own table has no p95) and JSON is
// printed: {"connections":{"10":{"/cases":{"p50Ms","p95Ms","p99Ms","requestsPerSecond",…},…},"50":{…}}}.
// A benchmark, not a test: it asserts nothing but that every response was a 200 or a 503 shed by the door with
// Retry-After (ADR 054; counted apart as `shed`, and left out of the times, which are the pages served). A run with
// failures still prints its figures, each page's `failed` count, and exits 1. It is not part of npm test.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { chromium } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail } from "../prisma/seed";
import { freePort } from "./lib/embedded-port";
import { REPO_ROOT } from "./lib/local-env";

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10,50" },
    processes: { type: "string", default: "1" },
  },
});
const SECONDS = Number(args.seconds);
const LEVELS = args.connections.split(",").map(Number);
const PROCESSES = Number(args.processes);
const CLOCK = "2026-11-20"; // the e2e tests' clock, so that the demo data reads as it does there
const log = (line: string) => process.stderr.write(`[bench pages] ${line}\n`);

type PageFigures = {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  /** Mean body size of a response, in kilobytes. */
  responseKB: number;
  /** Requests shed with 503 and Retry-After because a database pool's queue was full (ADR 054). */
  shed: number;
  /** Responses other than 200 and 503, connection errors and timeouts (autocannon's 10 s limit), each counted once. */
  failed: number;
  /** Of `failed`, the requests that hit autocannon's 10 s limit. */
  timeouts: number;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function startApp(port: number): Promise<{ origin: string; child: ChildProcess }> {
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      path.join(REPO_ROOT, "scripts", "start.ts"),
      "--ephemeral",
      "--port",
      String(port),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        FAST_TRACK_CLOCK: CLOCK,
        NEXTAUTH_URL: origin,
        FAST_TRACK_WEB_PROCESSES: String(PROCESSES),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const started = Date.now();
  // Migrating, seeding a year of demo registers and (when stale) building take minutes on a busy machine.
  while (Date.now() - started < 20 * 60_000) {
    if (child.exitCode !== null) throw new Error(`the app exited (code ${child.exitCode}) before it answered`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error("the app did not answer /api/health within 20 minutes");
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

/** Signs in as the officer in Chromium; returns the session cookie header and a case's and its pupil's paths. */
async function signInAndFindPages(origin: string) {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await (await browser.newContext({ baseURL: origin })).newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(demoEmail("darlington", "officer"));
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const cookies = await page.context().cookies();
    await page.goto("/cases");
    const casePath = await page
      .locator('a[href^="/cases/"]')
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute("href")!).find((href) => /^\/cases\/[0-9a-f-]{36}$/.test(href)),
      );
    if (!casePath) throw new Error("no case in the officer's case list");
    await page.goto(casePath);
    const pupilPath = await page
      .locator('a[href^="/pupils/"]')
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute("href")!).find((href) => /^\/pupils\/[0-9a-f-]{36}$/.test(href)),
      );
    if (!pupilPath) throw new Error(`no pupil link on ${casePath}`);
    return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), casePath, pupilPath };
  } finally {
    await browser.close();
  }
}

async function load(url: string, connections: number, cookie: string | null): Promise<PageFigures> {
  const headers = cookie ? { cookie } : undefined;
  // Warm-up (compiled routes, connection pools, caches), not counted.
  await autocannon({ url, connections: Math.min(connections, 10), amount: 20, headers });
  const times: number[] = [];
  let bytes = 0;
  let failures = 0;
  let shed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: SECONDS, headers }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", (_client, statusCode, resBytes, responseTime) => {
      if (statusCode === 503) {
        shed++;
        return;
      }
      if (statusCode !== 200) failures++;
      times.push(responseTime);
      bytes += resBytes;
    });
  });
  // A page that fails under load is a finding, not a reason to lose the run's other figures: it is counted, shown
  // in the JSON, and makes the run exit with an error at the end.
  // autocannon counts a timeout as an error too (its `errors` includes its `timeouts`): count each failure once.
  const failed = failures + result.errors;
  if (failed > 0)
    log(
      `${url}: ${failures} responses not 200 or 503, ${result.errors - result.timeouts} connection errors, ${result.timeouts} timeouts`,
    );
  if (shed > 0) log(`${url}: ${shed} requests shed with 503`);
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    p99Ms: round(percentile(times, 99)),
    requestsPerSecond: round(times.length / SECONDS),
    requests: times.length,
    responseKB: round(bytes / Math.max(times.length, 1) / 1024),
    shed,
    failed,
    timeouts: result.timeouts,
  };
}

async function main() {
  if (
    !Number.isFinite(SECONDS) ||
    SECONDS < 1 ||
    LEVELS.some((n) => !Number.isSafeInteger(n) || n < 1) ||
    !Number.isSafeInteger(PROCESSES) ||
    PROCESSES < 1 ||
    PROCESSES > 32
  ) {
    console.error(
      "Error: --seconds must be 1 or more, --connections a list of whole numbers (e.g. 10,50) and --processes a whole number from 1 to 32",
    );
    process.exit(2);
  }
  const port = await freePort();
  log(
    `starting the app on port ${port} (throwaway database, demo data, clock ${CLOCK}, ${PROCESSES} web server process${PROCESSES === 1 ? "" : "es"})…`,
  );
  const { origin, child } = await startApp(port);
  try {
    const { cookie, casePath, pupilPath } = await signInAndFindPages(origin);
    log(`signed in as the Darlington officer; case ${casePath}, pupil ${pupilPath}`);
    const pages: [string, string, string | null][] = [
      ["/api/health", "/api/health", null],
      ["/cases", "/cases", cookie],
      ["/attendance", "/attendance", cookie],
      ["/attendance/at-risk", "/attendance/at-risk", cookie],
      ["/pupils/[id]", pupilPath, cookie],
      ["/cases/[id]", casePath, cookie],
    ];
    const connections: Record<string, Record<string, PageFigures>> = {};
    for (const level of LEVELS) {
      connections[level] = {};
      for (const [name, pagePath, pageCookie] of pages) {
        const figures = await load(`${origin}${pagePath}`, level, pageCookie);
        log(`${level} connections ${name}: p95 ${figures.p95Ms} ms, ${figures.requestsPerSecond}/s`);
        connections[level][name] = figures;
      }
    }
    console.log(
      JSON.stringify(
        {
          machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
          loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10),
          secondsPerPage: SECONDS,
          webProcesses: PROCESSES,
          signedInAs: demoEmail("darlington", "officer"),
          pages: { "/pupils/[id]": pupilPath, "/cases/[id]": casePath },
          targetP95MsAt10: 250,
          connections,
        },
        null,
        2,
      ),
    );
    const failed = Object.values(connections)
      .flatMap((pages) => Object.values(pages))
      .some((f) => f.failed > 0);
    if (failed) process.exitCode = 1;
  } finally {
    await stopApp(child);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
