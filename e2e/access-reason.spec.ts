// A manager opening another officer's case says why first (issue 12 §2): the interstitial shows nothing of the
// child, a blank reason is refused in the error summary, and the reason reaches the audit log, where the auditor
// finds it on the case's read.
import { expect, test } from "@playwright/test";
import { asUser, authFile, demoEmail, errorSummary, newContext, signIn } from "./support";

test.describe("a manager opening another officer's case", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("is asked why before the case is shown, and the reason is logged with the read", async ({
    browser,
    page,
  }, testInfo) => {
    await page.goto("/cases?officer=all");
    const row = page.getByRole("table").locator("tbody tr").filter({ hasText: "Owen Officer" }).first();
    const href = (await row.getByRole("link").first().getAttribute("href"))!;
    expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    // The queue lists "Last, First"; the case page's heading says "First Last".
    const [lastName, firstName] = (await row.getByRole("link").first().innerText()).trim().split(", ");
    const pupilName = `${firstName} ${lastName}`;

    await page.goto(href);
    await expect(page).toHaveURL(`${href}/reason`);
    await expect(page.getByRole("heading", { level: 1, name: "Why are you opening this case?" })).toBeVisible();
    await expect(page.getByText("This case is in Owen Officer's caseload, not yours.")).toBeVisible();
    await expect(page.getByText(pupilName)).toHaveCount(0);
    await expect(page.getByText(`${lastName}, ${firstName}`)).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath("access-reason.png"), fullPage: true });

    await page.getByRole("button", { name: "Continue to the case" }).click();
    await expect(errorSummary(page)).toContainText("Enter why you need to open this case");
    await expect(page).toHaveURL(`${href}/reason`);

    const reason = `Supervision: caseload review ${Date.now()}`;
    await page.getByLabel("Why do you need to open this case?").fill(reason);
    await page.getByRole("button", { name: "Continue to the case" }).click();
    await expect(page).toHaveURL(href);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(pupilName);
    // The reason covers the case for the session: no second question.
    await page.goto(href);
    await expect(page).toHaveURL(href);

    await asUser(browser, testInfo, "darlington-auditor", async (auditor) => {
      await auditor.goto(`/audit?caseId=${href.split("/").pop()}`);
      await expect(auditor.getByRole("row").filter({ hasText: "case.view" }).first()).toBeVisible();
      await expect(auditor.getByRole("row").filter({ hasText: reason }).first()).toBeVisible();
    });
  });
});

test.describe("a manager opening a page of another officer's case directly", () => {
  test("is asked why first, then taken to that page; the reason covers the case's other pages", async ({
    browser,
  }, testInfo) => {
    // A session of its own: a reason given in the saved session (by another spec) would cover the case already.
    const context = await newContext(browser, testInfo);
    try {
      const page = await context.newPage();
      await signIn(page, demoEmail("darlington", "manager"));
      await page.goto("/cases?officer=all");
      const row = page.getByRole("table").locator("tbody tr").filter({ hasText: "Owen Officer" }).first();
      const href = (await row.getByRole("link").first().getAttribute("href"))!;
      expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);

      await page.goto(`${href}/events/new`);
      await expect(page.getByRole("heading", { level: 1, name: "Why are you opening this case?" })).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(`${href}/reason`);
      expect(new URL(page.url()).searchParams.get("next")).toBe(`${href}/events/new`);
      await page.getByLabel("Why do you need to open this case?").fill("Covering Owen's leave this week");
      await page.getByRole("button", { name: "Continue to the case" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Record work on the case" })).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(`${href}/events/new`);

      // The same session is not asked again on the case's other pages.
      await page.goto(`${href}/close`);
      await expect(page.getByRole("heading", { level: 1, name: "Close the case" })).toBeVisible();
      // A return address outside the case is never followed: the reason page (the reason given) sends the manager to
      // the case itself.
      await page.goto(`${href}/reason?next=${encodeURIComponent("https://example.org/")}`);
      await expect(page.getByTestId("case-heading")).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(href);
    } finally {
      await context.close();
    }
  });
});

test.describe("an officer", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("opens cases without being asked", async ({ page }) => {
    await page.goto("/cases?officer=all");
    const href = (await page
      .getByRole("table")
      .locator("tbody tr")
      .first()
      .getByRole("link")
      .first()
      .getAttribute("href"))!;
    await page.goto(href);
    await expect(page).toHaveURL(href);
  });
});
