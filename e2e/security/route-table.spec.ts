// Every role against every page, file route, API route and server action (e2e/security/route-table.ts), on the
// running app with the demo data. A refused role gets 404 from a page, file or action (never a hint that it
// exists) and 403 or 404 from the API; a signed-out visitor is sent to sign in. The table itself must list
// exactly what app/ holds.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { ROLES, type Role } from "../../lib/domain/roles";
import { authFile, newContext, sameOrigin, type SavedUser } from "../support";
import { allows, PAGES, pagesInApp, ROUTES, routesInApp, SERVER_ACTIONS, serverActionsInApp } from "./route-table";
import { chunks, fillPath, readSamples, type Samples } from "./samples";

const USER_OF: Record<Role, SavedUser> = {
  admin: "darlington-admin",
  manager: "darlington-manager",
  officer: "darlington-officer",
  school: "darlington-school-984101",
  auditor: "darlington-auditor",
};

test.describe("the route table", () => {
  test("lists every page, route and server action in app/, and nothing else", () => {
    expect(
      pagesInApp(),
      "pages in app/ without an entry in e2e/security/route-table.ts (or entries for gone pages)",
    ).toEqual(PAGES.map((p) => p.path).sort());
    expect(routesInApp(), "route.ts files in app/ without an entry (or entries for gone routes)").toEqual(
      ROUTES.map((r) => r.path).sort(),
    );
    const actions = serverActionsInApp();
    expect(Object.keys(actions).sort(), "files of server actions").toEqual(Object.keys(SERVER_ACTIONS).sort());
    for (const [file, names] of Object.entries(actions)) {
      expect(names, `server actions exported by app/${file}`).toEqual(Object.keys(SERVER_ACTIONS[file] ?? {}).sort());
    }
  });
});

// Requests go out a few at a time per test (runs of PER_TEST), so that each test stays far from its budget on a
// busy machine.
const PER_TEST = 10;
let cached: Samples | undefined;
const samples = () => (cached ??= readSamples());

for (const role of [...ROLES, null] as const) {
  const who = role ?? "signed-out visitor";
  const contextFor = (browser: Browser, testInfo: TestInfo) =>
    newContext(browser, testInfo, role ? { storageState: authFile(USER_OF[role]) } : {});

  chunks(PAGES, PER_TEST).forEach((run, i) => {
    test(`pages as ${who} (${i * PER_TEST + 1}–${i * PER_TEST + run.length})`, async ({ browser }, testInfo) => {
      const context = await contextFor(browser, testInfo);
      try {
        for (const entry of run) {
          const url = fillPath(entry.path, samples());
          const response = await context.request.get(url, { maxRedirects: 0 });
          const status = response.status();
          const label = `${url} as ${who} (${entry.guard})`;
          if (role === null) {
            if (entry.guard === "anyone") continue;
            expect([303, 307], label).toContain(status);
            expect(response.headers()["location"], label).toContain("/sign-in");
          } else if (!allows(entry.guard, role)) {
            expect(status, label).toBe(404);
          } else if (!entry.path.includes("[") && entry.guard !== "anyone") {
            // Allowed: the page, or a redirect it makes (the recovery codes page once they are shown).
            expect([200, 303, 307], label).toContain(status);
          } else {
            expect(status, label).toBeLessThan(500);
          }
        }
      } finally {
        await context.close();
      }
    });
  });

  chunks(
    ROUTES.filter((r) => r.guard !== "anyone"),
    PER_TEST,
  ).forEach((run, i) => {
    test(`file and API routes as ${who} (${i + 1})`, async ({ browser }, testInfo) => {
      const context = await contextFor(browser, testInfo);
      try {
        for (const entry of run) {
          const url = fillPath(entry.path, samples());
          const api = url.startsWith("/api/");
          for (const method of entry.methods ?? ["GET"]) {
            const response =
              method === "GET"
                ? await context.request.get(url, { maxRedirects: 0 })
                : await context.request.post(url, {
                    maxRedirects: 0,
                    headers: { ...sameOrigin(testInfo), "Content-Type": "application/json" },
                    data: "{}",
                  });
            const status = response.status();
            const label = `${method} ${url} as ${who} (${entry.guard})`;
            if (role === null) expect(api ? [401] : [303, 307, 404], label).toContain(status);
            // A refused role gets no data: 403 or 404 from the API, judged before any input (never 422).
            else if (!allows(entry.guard, role)) expect(api ? [403, 404] : [404], label).toContain(status);
            else if (method === "GET" && !api && !entry.path.includes("[")) expect(status, label).toBe(200);
            else expect([401, 403, 500], label).not.toContain(status);
          }
        }
      } finally {
        await context.close();
      }
    });
  });

  // Every action the role may not use, invoked by its id from the build's manifest, as the browser would.
  const refused = Object.entries(SERVER_ACTIONS).flatMap(([file, actions]) =>
    Object.entries(actions)
      .filter(([, guard]) => guard !== "anyone" && guard !== "signed-in" && (role === null || !allows(guard, role)))
      .map(([name, guard]) => ({ file, name, guard })),
  );
  chunks(refused, PER_TEST).forEach((run, i) => {
    test(`server actions refused to ${who} (${i + 1})`, async ({ browser }, testInfo) => {
      const manifest = serverActionManifest();
      const context = await contextFor(browser, testInfo);
      try {
        for (const action of run) {
          const built = Object.entries(manifest).find(([, a]) => a.file === action.file && a.name === action.name);
          expect(built, `${action.file} ${action.name} is in the build`).toBeDefined();
          const [id, { page }] = built!;
          const url = fillPath(page, samples());
          const response = await context.request.post(url, {
            maxRedirects: 0,
            headers: { ...sameOrigin(testInfo), "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" },
            data: "[]",
          });
          const label = `${action.name} (${action.guard}) at ${url} as ${who}`;
          if (role === null) {
            // A fetch action says where to go in X-Action-Redirect (the status stays 200); nothing else ran.
            expect(response.headers()["x-action-redirect"], label).toMatch(/^\/sign-in/);
          } else {
            expect(response.status(), label).toBe(404);
          }
        }
      } finally {
        await context.close();
      }
    });
  });
}

type ManifestAction = { file: string; name: string; page: string };

/** The built app's server actions: id → file (under app/), exported name and a page that serves it. */
function serverActionManifest(): Record<string, ManifestAction> {
  const file = path.join(import.meta.dirname, "..", "..", ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const out: Record<string, ManifestAction> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    const page = Object.keys(entry.workers).find(
      (w) => w.startsWith("app/") && w.endsWith("/page") && !w.includes("_not-found"),
    );
    if (!page) continue;
    out[id] = {
      file: entry.filename.replace(/^app\//, ""),
      name: entry.exportedName,
      page: page.replace(/^app/, "").replace(/\/page$/, "") || "/",
    };
  }
  return out;
}
