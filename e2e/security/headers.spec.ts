// The Content-Security-Policy holds on every page: each page of the route table, opened in Chromium as a user who
// may see it, raises no `securitypolicyviolation` event and logs no CSP refusal. And the policy itself: a fresh
// nonce per response on Next's scripts, no inline script without it, no framing, forms only to the service; HSTS
// when the request came over HTTPS.
import { expect, test, type Page } from "@playwright/test";
import type { Role } from "../../lib/domain/roles";
import { authFile, newContext, type SavedUser } from "../support";
import { allows, PAGES } from "./route-table";
import { chunks, fillPath, readSamples, type Samples } from "./samples";

const USER_OF: Record<Role, SavedUser> = {
  admin: "darlington-admin",
  manager: "darlington-manager",
  officer: "darlington-officer",
  school: "darlington-school-984101",
  auditor: "darlington-auditor",
};

/** Collects the page's CSP violations from the moment each document starts (before any of its scripts). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return async () => [
    ...logged,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

// A few pages per test, so that each stays far from its budget on a busy machine.
const PER_TEST = 5;
let cached: Samples | undefined;
const samples = () => (cached ??= readSamples());

for (const role of ["admin", "manager", "officer", "school", "auditor", null] as const) {
  const pages = PAGES.filter((p) =>
    role === null ? p.guard === "anyone" : p.guard !== "anyone" && allows(p.guard, role),
  );
  chunks(pages, PER_TEST).forEach((run, i) => {
    test(`no CSP violation on the pages ${role ? `${role}s may open` : "a signed-out visitor may open"} (${i + 1})`, async ({
      browser,
    }, testInfo) => {
      const context = await newContext(browser, testInfo, role ? { storageState: authFile(USER_OF[role]) } : {});
      try {
        const page = await context.newPage();
        const violations = await watchViolations(page);
        for (const entry of run) {
          const url = fillPath(entry.path, samples());
          await page.goto(url);
          // GOV.UK Frontend's script has run (it marks the body) on every page: scripts were allowed.
          await expect(page.locator("body.govuk-frontend-supported"), url).toHaveCount(1);
          expect(await violations(), `CSP violations on ${url} as ${role ?? "signed out"}`).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  });
}

test("each response has its own nonce on Next's scripts, and a policy without inline script", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const policy = first.headers()["content-security-policy"]!;
  expect(policy).toBeTruthy();
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce!);
  const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("form-action 'self'");
  expect(policy).toContain("object-src 'none'");
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // The headers kept from before the policy.
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("same-origin");
  // HSTS only over HTTPS (here: plain HTTP, unless a TLS proxy in front says the request came over HTTPS).
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  const overTls = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
  expect(overTls.headers()["strict-transport-security"]).toMatch(/^max-age=31536000/);
});
