// The daily job end to end: the demo cases whose window ended before the e2e clock (2026-11-20;
// prisma/seed-cases.ts seeds two "decision due" cases per authority for the demo officer) are decided by the same
// job the worker runs — the demo seed runs it once for its enforcement data (prisma/seed-enforcement.ts), and the
// worker's start-up catch-up finds nothing left. The decision reaches the officer (improved) or the managers
// (referred) as a notification; the case page shows the decision with its figures and the frozen evidence. Then,
// among the decided cases, a penalty notice is offered only where the pupil meets the threshold (10 unauthorised
// sessions in the last 10 school weeks; the demo register has a few pupils who cross it, and
// prisma/seed-enforcement.ts gives some of them a case): a manager issuing one with bad input sees the GOV.UK error
// summary; below the threshold there is no link and the form page says why; school staff get the 404 page.
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { asUser, errorSummary, fillDate, giveReasonIfAsked, notFoundHeading, type SavedUser } from "./support";

const DECISION_TEXT = "Fast Track window ended";

/** The case link of a decision notification for the officer or a manager, waiting for the worker's catch-up. */
async function decidedCase(browser: Browser, testInfo: TestInfo): Promise<{ href: string; user: SavedUser }> {
  let found: { href: string; user: SavedUser } | null = null;
  await expect
    .poll(
      async () => {
        for (const user of ["darlington-officer", "darlington-manager"] as const) {
          const href = await asUser(browser, testInfo, user, async (page) => {
            await page.goto("/notifications");
            await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
            // Notifications are grouped by case: the link to the case heads its group.
            const link = page
              .getByRole("region")
              .filter({ has: page.getByRole("listitem").filter({ hasText: DECISION_TEXT }) })
              .first()
              .getByRole("link", { name: /^View the case/ });
            return (await link.count()) > 0 ? link.getAttribute("href") : null;
          });
          if (href) {
            found = { href, user };
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, message: "the worker's start-up run should have decided the demo cases whose window ended" },
    )
    .toBe(true);
  return found!;
}

test("the worker decides ended windows at start-up: the case page shows the decision, its figures and the frozen evidence", async ({
  browser,
}, testInfo) => {
  const { href, user } = await decidedCase(browser, testInfo);
  expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
  await asUser(browser, testInfo, user, async (page) => {
    await page.goto(href);
    await giveReasonIfAsked(page);
    const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Window decision" }) });
    await expect(section).toBeVisible();
    await expect(section.getByText(/^Target (met|not met)/)).toBeVisible();
    for (const key of [
      "Decided on",
      "Window",
      "Possible sessions",
      "Attendance",
      "Unauthorised sessions",
      "Target",
      "Content hash (SHA-256)",
    ]) {
      await expect(
        section.getByRole("term").filter({ hasText: new RegExp(`^${key.replace(/[()]/g, "\\$&")}$`) }),
      ).toBeVisible();
    }
    await expect(section.getByText("20 November 2026 by the daily check")).toBeVisible();
    await expect(section.getByText(/^\d+(\.\d)?% \(\d+ of \d+ possible sessions\)$/)).toBeVisible();
    await expect(section.locator("code")).toHaveText(/^[0-9a-f]{64}$/);
    await expect(section.getByText("Matches the evidence")).toBeVisible();
    await expect(
      page.getByText(/Window decided: (attendance improved|referred for prosecution|not referred)/).first(),
    ).toBeVisible();
  });
});

const penaltyNotices = (page: Page) =>
  page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Penalty notices" }) });
const BELOW_THRESHOLD =
  /^A penalty notice can be considered once there are 10 unauthorised sessions within 10 school weeks: this pupil has \d+ in the last 10 school weeks/;

/**
 * Two decided cases from the manager's notifications (a manager may change any case that is not closed): one whose
 * case page offers a penalty notice (the threshold is met) and one that does not (it is not met).
 */
async function decidedCasesByThreshold(page: Page): Promise<{ met: string; notMet: string }> {
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const links = page
    .getByRole("region")
    .filter({ has: page.getByRole("listitem").filter({ hasText: DECISION_TEXT }) })
    .getByRole("link", { name: /^View the case/ });
  await expect(links.first()).toBeVisible();
  const hrefs = [...new Set(await Promise.all((await links.all()).map(async (l) => (await l.getAttribute("href"))!)))];
  let met: string | undefined;
  let notMet: string | undefined;
  for (const href of hrefs) {
    if (met && notMet) break;
    await page.goto(href);
    await giveReasonIfAsked(page); // once per case in the session
    const section = penaltyNotices(page);
    await expect(section).toBeVisible();
    const offered = (await section.getByRole("link", { name: "Issue a penalty notice" }).count()) > 0;
    // Exactly one of the two: the link, or the reason there is none.
    await expect(section.getByText(BELOW_THRESHOLD)).toHaveCount(offered ? 0 : 1);
    if (offered) met ??= href;
    else notMet ??= href;
  }
  expect(met, "a decided demo case whose pupil meets the penalty-notice threshold").toBeDefined();
  expect(notMet, "a decided demo case whose pupil does not meet the penalty-notice threshold").toBeDefined();
  return { met: met!, notMet: notMet! };
}

test.describe.serial("penalty notices at the threshold", () => {
  let decided: { met: string; notMet: string } | undefined;

  test("a penalty notice is offered only at the threshold, and issuing with bad input shows the error summary", async ({
    browser,
  }, testInfo) => {
    // It opens every decided case until it finds one on each side of the threshold: 16 s at load 20, but over 60 s
    // once at load 22 (a fresh-clone CI beside four other suites, 6 December 2026), so it has 150 s.
    test.setTimeout(150_000);
    await decidedCase(browser, testInfo);
    decided = await asUser(browser, testInfo, "darlington-manager", async (page) => {
      const cases = await decidedCasesByThreshold(page);

      // Below the threshold: no link, the reason instead, and the form page explains rather than offering the form.
      await page.goto(cases.notMet);
      const below = penaltyNotices(page);
      await expect(below.getByText(BELOW_THRESHOLD)).toBeVisible();
      await expect(below.getByRole("link", { name: "Issue a penalty notice" })).toHaveCount(0);
      await page.goto(`${cases.notMet}/penalty-notices/new`);
      await expect(page.getByRole("heading", { level: 1, name: "Issue a penalty notice" })).toBeVisible();
      await expect(page.getByText(BELOW_THRESHOLD)).toBeVisible();
      await expect(page.getByRole("button", { name: "Issue the notice" })).toHaveCount(0);

      // At the threshold: the link, and the form.
      await page.goto(cases.met);
      const section = penaltyNotices(page);
      await expect(
        section.getByText(/^The threshold for a penalty notice is met: \d+ unauthorised sessions between /),
      ).toBeVisible();
      await section.getByRole("link", { name: "Issue a penalty notice" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Issue a penalty notice" })).toBeVisible();
      await fillDate(page, "Date issued", "31/02/2026");
      await fillDate(page, "First day of the offence period", "");
      await page.getByRole("button", { name: "Issue the notice" }).click();
      const summary = errorSummary(page);
      await expect(summary).toBeVisible();
      await expect(summary.getByRole("link", { name: "Select the parent or carer the notice is for" })).toHaveAttribute(
        "href",
        "#parentId",
      );
      await expect(
        summary.getByRole("link", {
          name: "The date the notice is issued must be a real date",
        }),
      ).toHaveAttribute("href", "#issueDate");
      await expect(summary.getByRole("link", { name: "Enter the first day of the offence period" })).toBeVisible();
      await page.goto(cases.met);
      await expect(page.getByText("Issued, unpaid")).toHaveCount(0);
      return cases;
    });
  });

  test("school staff cannot open the penalty notice form", async ({ browser }, testInfo) => {
    expect(decided, "the cases found by the test before").toBeDefined();
    await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
      for (const href of [decided!.met, decided!.notMet]) {
        await page.goto(`${href}/penalty-notices/new`);
        await expect(notFoundHeading(page)).toBeVisible();
      }
    });
  });
});
