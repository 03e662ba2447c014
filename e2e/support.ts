// Shared helpers for the e2e specs: the demo users, their saved sign-ins, and locators for the GOV.UK parts
// every spec looks at.
import path from "node:path";
import { expect, type Browser, type BrowserContextOptions, type Page, type TestInfo } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail } from "../prisma/seed";

export { DEMO_PASSWORD, demoEmail };

/** The demo users whose sign-in auth.setup.ts saves. Never sign these out or change their passwords: sign-out
 * ends every session of the user, and other specs run in parallel on the saved state. */
export const SAVED_USERS = {
  "darlington-admin": demoEmail("darlington", "admin"),
  "darlington-manager": demoEmail("darlington", "manager"),
  "darlington-officer": demoEmail("darlington", "officer"),
  "darlington-school-984101": demoEmail("darlington", "school.984101"),
  "darlington-auditor": demoEmail("darlington", "auditor"),
  "middlesbrough-manager": demoEmail("middlesbrough", "manager"),
} as const;
export type SavedUser = keyof typeof SAVED_USERS;

/** The storage state file auth.setup.ts writes for a saved user. */
export const authFile = (user: SavedUser) => path.join(import.meta.dirname, ".auth", `${user}.json`);

export const OWN_SCHOOL = "Skerne Park Primary School"; // URN 984101, the Darlington school user's school

/** Fills in and submits the sign-in form (the page must be on /sign-in). */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the real form and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();
}

/** The GOV.UK error summary (not Next's hidden route announcer, which also has role="alert"). */
export const errorSummary = (page: Page) => page.locator(".govuk-error-summary");

/** The 404 page's heading. */
export const notFoundHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Page not found" });

/** A new browser context, signed out unless `options.storageState` says otherwise. (Inside a test,
 * browser.newContext() inherits the file's `use` options, storageState included, so it is reset here.) The
 * caller closes it. */
export function newContext(browser: Browser, testInfo: TestInfo, options: BrowserContextOptions = {}) {
  return browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: { cookies: [], origins: [] },
    ...options,
  });
}

/** Runs `fn` with a page in a separate context signed in as `user`, and closes the context afterwards. */
export async function asUser<T>(
  browser: Browser,
  testInfo: TestInfo,
  user: SavedUser,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await newContext(browser, testInfo, { storageState: authFile(user) });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** The first pupil in the /pupils listing (optionally: whose School column is `school`, or is a school other
 * than `notSchool`), as the path of its page and its UPN. The page must be signed in as a pupil-reading role. */
export async function findPupilInListing(page: Page, match: { school?: string; notSchool?: string } = {}) {
  await page.goto("/pupils");
  let rows = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toBeVisible();
  if (match.school) rows = rows.filter({ has: page.getByRole("cell", { name: match.school, exact: true }) });
  if (match.notSchool) {
    rows = rows.filter({
      has: page.getByRole("cell", { name: / School$| Academy$/ }).filter({ hasNotText: match.notSchool }),
    });
  }
  const row = rows.first();
  await expect(row).toBeVisible();
  const href = await row.getByRole("link").getAttribute("href");
  const upn = (await row.getByRole("cell").nth(1).innerText()).trim().split(/\s+/)[0]!;
  expect(href).toMatch(/^\/pupils\/[0-9a-f-]{36}$/);
  expect(upn).toMatch(/^[A-Z][0-9]{11}[0-9A-Z]$/);
  return { href: href!, upn };
}

/** The width of a phone (issue 15: "At 390 px wide no page scrolls sideways"). */
export const PHONE = { width: 390, height: 844 } as const;

/** Types a date into a GOV.UK date input as people may: the whole date in the day box ("20/11/2026"). */
export async function fillDate(page: Page, legend: string, date: string) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(date);
  await group.getByLabel("Month").fill("");
  await group.getByLabel("Year").fill("");
}

/** A visit, meeting or call's record on the timeline form (issue 15): time, outcome, child seen, next step. */
export async function fillContact(
  page: Page,
  c: { time: string; outcome: string; childSeen?: "Yes" | "No"; nextStep: string },
) {
  await page.getByLabel("Time", { exact: true }).fill(c.time);
  await page.getByRole("group", { name: "What came of it?" }).getByLabel(c.outcome, { exact: true }).check();
  if (c.childSeen)
    await page.getByRole("group", { name: "Was the child seen?" }).getByLabel(c.childSeen, { exact: true }).check();
  await page.getByLabel("Next step").fill(c.nextStep);
}

/** Fails if the page scrolls sideways: the document is wider than the viewport. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth - innerWidth} px wider than the ${innerWidth} px screen`).toBe(
    innerWidth,
  );
}

/** A pupil of the Darlington school user's own school: the n-th row (0-based) of their /pupils listing. Each spec
 * keeps to its own rows (see the list in e2e/casework.spec.ts and e2e/my-day.spec.ts). */
export async function ownSchoolPupil(page: Page, row: number) {
  await page.goto("/pupils");
  const link = page.getByRole("table").locator("tbody tr").nth(row).getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/pupils\/[0-9a-f-]{36}$/);
  const [lastName, firstName] = (await link.innerText()).trim().split(", ");
  return { id: href.split("/").pop()!, name: `${firstName} ${lastName}`, listName: `${lastName}, ${firstName}` };
}

/** Headers that make a request through `page.request` look as the service's own page's would (the Origin a
 * browser sends with a write), so that a cookie-signed API write is judged on the user's role, not refused as
 * cross-site (docs/decisions/024-headers-body-limits-and-api-origin.md). */
export function sameOrigin(testInfo: TestInfo): Record<string, string> {
  return { Origin: new URL(String(testInfo.project.use.baseURL)).origin };
}

/** A manager or officer opening a case assigned to someone else is asked why first (issue 12,
 * lib/domain/access-reason.ts): give the reason when the page asks, and wait for the case. Does nothing on any other
 * page. */
export async function giveReasonIfAsked(page: Page, reason = "Supervision of the officer's caseload") {
  // Wait until the navigation has settled on one or the other (a client-side navigation shows the case's URL before
  // the server's redirect to the reason page arrives, so the URL alone cannot tell).
  const asked = page.getByRole("heading", { level: 1, name: "Why are you opening this case?" });
  await expect(asked.or(page.getByTestId("case-heading"))).toBeVisible();
  if (!(await asked.isVisible())) return;
  await page.getByLabel("Why do you need to open this case?").fill(reason);
  await page.getByRole("button", { name: "Continue to the case" }).click();
  await expect(page.getByTestId("case-heading")).toBeVisible();
}

/** The same for a pupil's page (or their attendance) whose cases are all someone else's: give the reason when asked,
 * and wait for the pupil's page. */
export async function givePupilReasonIfAsked(page: Page, reason = "Covering a colleague's caseload") {
  const asked = page.getByRole("heading", { level: 1, name: "Why are you opening this pupil's record?" });
  await expect(asked.or(page.getByTestId("pupil-heading"))).toBeVisible();
  if (!(await asked.isVisible())) return;
  await page.getByLabel("Why do you need to open this pupil's record?").fill(reason);
  await page.getByRole("button", { name: "Continue to the pupil" }).click();
  await expect(page.getByTestId("pupil-heading")).toBeVisible();
}
