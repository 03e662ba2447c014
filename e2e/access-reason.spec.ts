// A manager or officer opening a case assigned to someone else, or a pupil whose cases are all someone else's, says
// why first (issue 12 §2): the interstitial shows nothing of the child, a blank reason is refused in the error
// summary, and the reason reaches the audit log, where the auditor finds it on the read.
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
  test("is asked why before a colleague's case or pupil, not before their own; the reason covers the session and is logged", async ({
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    // Sessions of their own: a reason given in the saved session (by another spec) would cover the record already.
    const officerSession = async () => {
      const context = await newContext(browser, testInfo);
      const page = await context.newPage();
      await signIn(page, demoEmail("darlington", "officer"));
      return { context, page };
    };
    const first = await officerSession();
    let pupilPath: string;
    const reason = `Covering Priya's caseload ${Date.now()}`;
    try {
      const { page } = first;
      await page.goto("/cases?officer=all");
      const rows = page.getByRole("table").locator("tbody tr");
      const colleagues = (await rows
        .filter({ hasText: "Priya Shah" })
        .first()
        .getByRole("link")
        .first()
        .getAttribute("href"))!;
      const own = (await rows
        .filter({ hasText: "Owen Officer" })
        .first()
        .getByRole("link")
        .first()
        .getAttribute("href"))!;
      expect(colleagues).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
      expect(own).toMatch(/^\/cases\/[0-9a-f-]{36}$/);

      // Their own case opens straight away.
      await page.goto(own);
      await expect(page.getByTestId("case-heading")).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(own);

      // A colleague's case: the reason page first, naming only whose caseload it is; a blank reason is refused.
      await page.goto(colleagues);
      await expect(page.getByRole("heading", { level: 1, name: "Why are you opening this case?" })).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(`${colleagues}/reason`);
      await expect(page.getByText("This case is in Priya Shah's caseload, not yours.")).toBeVisible();
      await page.getByRole("button", { name: "Continue to the case" }).click();
      await expect(errorSummary(page)).toContainText("Enter why you need to open this case");
      await page.getByLabel("Why do you need to open this case?").fill(reason);
      await page.getByRole("button", { name: "Continue to the case" }).click();
      await expect(page.getByTestId("case-heading")).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(colleagues);

      // The reason for the case covers the child's pupil page in this session.
      const pupilLink = page
        .locator(".govuk-summary-list__row")
        .filter({ has: page.locator("dt", { hasText: /^Pupil$/ }) })
        .getByRole("link");
      pupilPath = (await pupilLink.getAttribute("href"))!;
      expect(pupilPath).toMatch(/^\/pupils\/[0-9a-f-]{36}$/);
      await page.goto(pupilPath);
      await expect(page.getByTestId("pupil-heading")).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(pupilPath);
    } finally {
      await first.context.close();
    }

    // A new session: the pupil's attendance asks first, then returns there; the pupil's page is then covered.
    const second = await officerSession();
    const pupilReason = `The school rang about attendance ${Date.now()}`;
    try {
      const { page } = second;
      await page.goto(`${pupilPath}/attendance`);
      await expect(
        page.getByRole("heading", { level: 1, name: "Why are you opening this pupil's record?" }),
      ).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(`${pupilPath}/reason`);
      await expect(page.getByTestId("pupil-heading")).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath("pupil-access-reason.png"), fullPage: true });
      await page.getByLabel("Why do you need to open this pupil's record?").fill(pupilReason);
      await page.getByRole("button", { name: "Continue to the pupil" }).click();
      await expect(page.getByTestId("pupil-heading")).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(`${pupilPath}/attendance`);
      await page.goto(pupilPath);
      await expect(page.getByTestId("pupil-heading")).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(pupilPath);
    } finally {
      await second.context.close();
    }

    await asUser(browser, testInfo, "darlington-auditor", async (auditor) => {
      await auditor.goto(`/audit?action=case.access_reason`);
      await expect(auditor.getByRole("row").filter({ hasText: reason }).first()).toBeVisible();
      await auditor.goto(`/audit?action=pupil.access_reason`);
      await expect(auditor.getByRole("row").filter({ hasText: pupilReason }).first()).toBeVisible();
    });
  });
});
