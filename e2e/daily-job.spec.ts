// The daily job end to end: the demo cases whose window ended before the e2e clock (2026-11-20;
// prisma/seed-cases.ts seeds two "decision due" cases per authority for the demo officer) are decided by the same
// job the worker runs — the demo seed runs it once for its enforcement data (prisma/seed-enforcement.ts), and the
// worker's start-up catch-up finds nothing left. The decision reaches the officer (improved) or the managers
// (referred) as a notification; the case page shows the decision with its figures and the frozen evidence. Then the officer
// issues a penalty notice with bad input and sees the GOV.UK error summary; school staff get the 404 page.
import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { asUser, errorSummary, notFoundHeading, type SavedUser } from "./support";

const DECISION_TEXT = "Fast Track window ended";

/** The case link of a decision notification for the officer or a manager, waiting for the worker's catch-up. */
async function decidedCase(browser: Browser, testInfo: TestInfo): Promise<{ href: string; user: SavedUser }> {
  let found: { href: string; user: SavedUser } | null = null;
  await expect.poll(async () => {
    for (const user of ["darlington-officer", "darlington-manager"] as const) {
      const href = await asUser(browser, testInfo, user, async (page) => {
        await page.goto("/notifications");
        await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
        const link = page.getByRole("listitem").filter({ hasText: DECISION_TEXT }).first().getByRole("link", { name: "View the case" });
        return (await link.count()) > 0 ? link.getAttribute("href") : null;
      });
      if (href) {
        found = { href, user };
        return true;
      }
    }
    return false;
  }, { timeout: 20_000, message: "the worker's start-up run should have decided the demo cases whose window ended" }).toBe(true);
  return found!;
}

test("the worker decides ended windows at start-up: the case page shows the decision, its figures and the frozen evidence", async ({ browser }, testInfo) => {
  const { href, user } = await decidedCase(browser, testInfo);
  expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
  await asUser(browser, testInfo, user, async (page) => {
    await page.goto(href);
    const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Window decision" }) });
    await expect(section).toBeVisible();
    await expect(section.getByText(/^Target (met|not met)/)).toBeVisible();
    for (const key of ["Decided on", "Window", "Possible sessions", "Attendance", "Unauthorised sessions", "Target", "Content hash (SHA-256)"]) {
      await expect(section.getByRole("term").filter({ hasText: new RegExp(`^${key.replace(/[()]/g, "\\$&")}$`) })).toBeVisible();
    }
    await expect(section.getByText("20 November 2026 by the daily check")).toBeVisible();
    await expect(section.getByText(/^\d+(\.\d)?% \(\d+ of \d+ possible sessions\)$/)).toBeVisible();
    await expect(section.locator("code")).toHaveText(/^[0-9a-f]{64}$/);
    await expect(section.getByText("Matches the evidence")).toBeVisible();
    await expect(page.getByText(/Window decided: (attendance improved|referred for prosecution)/).first()).toBeVisible();
  });
});

test("an officer issuing a penalty notice with bad input sees the error summary, and school staff cannot open the form", async ({ browser }, testInfo) => {
  const { href } = await decidedCase(browser, testInfo);
  await asUser(browser, testInfo, "darlington-officer", async (page) => {
    await page.goto(href);
    const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Penalty notices" }) });
    await expect(section).toBeVisible();
    await section.getByRole("link", { name: "Issue a penalty notice" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Issue a penalty notice" })).toBeVisible();
    await page.getByLabel("Date issued").fill("31/02/2026");
    await page.getByLabel("First day of the offence period").fill("");
    await page.getByRole("button", { name: "Issue the notice" }).click();
    const summary = errorSummary(page);
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Select the parent or carer the notice is for" })).toHaveAttribute("href", "#parentId");
    await expect(summary.getByRole("link", { name: "Enter the date the notice is issued as a real date, for example 2026-11-20" })).toHaveAttribute("href", "#issueDate");
    await expect(summary.getByRole("link", { name: "Enter the first day of the offence period" })).toBeVisible();
    await page.goto(href);
    await expect(page.getByText("Issued, unpaid")).toHaveCount(0);
  });
  await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
    await page.goto(`${href}/penalty-notices/new`);
    await expect(notFoundHeading(page)).toBeVisible();
  });
});
