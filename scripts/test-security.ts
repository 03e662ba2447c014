// `npm run test:security`: every attack of issue 11 against real parts. The integration attacks run on a real
// PostgreSQL (the CTF takeover, the sign-in burst, demo sign-in on a live database, tokens, the second factor,
// enumeration on user creation); then the app is built and the Playwright attacks run against it (the route table
// of every role × page, route and action, CSP on every page, oversized bodies, cross-site API writes, malformed
// escapes, tokens, lockout, MFA, session lifetime, scope). `npm test` runs all of these too, among the rest.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export const INTEGRATION_ATTACKS = [
  "lib/server/attendance/ctf-takeover.int.test.ts",
  "lib/server/users/sign-in-burst.int.test.ts",
  "lib/server/users/demo-accounts.int.test.ts",
  "lib/server/users/users.int.test.ts",
  "lib/server/second-factor/second-factor.int.test.ts",
  "lib/server/referrals/api-routes.int.test.ts",
  "lib/server/attendance/import-register-request.int.test.ts",
  "scripts/embedded-pg.int.test.ts",
];

export const E2E_ATTACKS = [
  "e2e/security/",
  "e2e/api-token.spec.ts",
  "e2e/lockout.spec.ts",
  "e2e/second-factor.spec.ts",
  "e2e/session-lifetime.spec.ts",
  "e2e/scope.spec.ts",
  "e2e/unauthenticated.spec.ts",
];

function run(command: string, args: string[]): boolean {
  console.log(`\n━━ ${[path.basename(command), ...args].join(" ")} ━━`);
  return spawnSync(command, args, { cwd: root, stdio: "inherit" }).status === 0;
}

const integration = run(bin("vitest"), ["run", "--project", "integration", ...INTEGRATION_ATTACKS]);
const built = process.argv.includes("--no-build") || run(bin("next"), ["build"]);
const e2e = built && run(bin("playwright"), ["test", ...E2E_ATTACKS]);
console.log(`\nsecurity suite: integration ${integration ? "passed" : "FAILED"}, e2e ${e2e ? "passed" : "FAILED"}`);
process.exit(integration && e2e ? 0 : 1);
