import { defineConfig } from "@playwright/test";

// E2E tests run against the production build (`npx next build` first; `npm test` does it) served by
// scripts/start.ts on a throwaway embedded PostgreSQL seeded with the demo data. Chromium is Debian's, never a
// downloaded browser.
const PORT = 3100;
const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Never retry: a flaky test is fixed, not retried.
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
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
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets start.ts stop next-server (its own process group) and the embedded PostgreSQL and delete the
    // throwaway data; the default SIGKILL would orphan both and keep port 3100 busy.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: { NEXTAUTH_URL: ORIGIN, FAST_TRACK_CLOCK: "2026-11-20" },
  },
});
