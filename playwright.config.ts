import { defineConfig } from "@playwright/test";

// E2E tests run against the production build (`npx next build` first; `npm test` does it) served by
// scripts/start.ts on a throwaway embedded PostgreSQL seeded with the demo data. Chromium is Debian's, never a
// downloaded browser.
// E2E_PORT lets two checkouts on one machine run their e2e suites at once (default 3100).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Never retry: a flaky test is fixed, not retried.
  retries: 0,
  workers: 2,
  // Measured headroom (6 December 2026, idle 2-core machine): the slowest test takes 7.9 s, so 60 s allows a machine
  // seven times busier. Longer journeys are split into serial steps rather than given more time.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: ORIGIN,
    trace: "off",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs in through the real form once per role and saves the storage state to e2e/.auth/<name>.json.
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    command: `node --conditions=react-server --import tsx scripts/start.ts --ephemeral --no-build --port ${PORT}`,
    url: `${ORIGIN}/api/health`,
    // Start-up migrates and seeds the demo data before /api/health answers. Measured 6 December 2026 on the shared
    // 2-core machine at load 17: the demo seeds alone took 72 s (demo 12 s, attendance 27 s, cases 7 s,
    // enforcement 19 s, tasks 1 s, insight 5 s), and a full npm test timed out at 120 s before any test ran.
    // 300 s keeps the start far from its limit on a machine that busy.
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM lets start.ts stop next-server (its own process group) and the embedded PostgreSQL and delete the
    // throwaway data; the default SIGKILL would orphan both and keep the port busy.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: { NEXTAUTH_URL: ORIGIN, FAST_TRACK_CLOCK: "2026-11-20" },
  },
});
