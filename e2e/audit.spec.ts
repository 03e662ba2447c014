// The auditor (the council's data protection officer) searches the audit log: every access to one child's record,
// with who, when, why (the route) and from where; downloads it as CSV; and sees no casework. Everyone else is
// refused the audit log.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { asUser, authFile, errorSummary, findPupilInListing, givePupilReasonIfAsked, notFoundHeading } from "./support";

test.describe("the auditor", () => {
  test.use({ storageState: authFile("darlington-auditor") });

  test("finds an officer's view of a pupil by UPN, with the route and address, and downloads it", async ({
    browser,
    page,
  }, testInfo) => {
    const pupil = await asUser(browser, testInfo, "darlington-officer", async (officer) => {
      const found = await findPupilInListing(officer);
      await officer.goto(found.href);
      await givePupilReasonIfAsked(officer); // a colleague's pupil asks the reason first
      await expect(officer.getByRole("heading", { level: 1 })).toBeVisible();
      return found;
    });

    await page.goto("/audit");
    await page.getByLabel("Pupil's UPN").fill(pupil.upn);
    await page.getByRole("button", { name: "Search the audit log" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get("upn") === pupil.upn);
    const view = page
      .getByRole("row")
      .filter({ hasText: "pupil.view" })
      .filter({ hasText: "officer@darlington.demo.fasttrack.test" })
      .first();
    await expect(view).toContainText(`GET ${pupil.href}`);
    await expect(view).toContainText(`pupil ${pupil.upn}`);
    await view.getByText(/^Row \d+$/).click();
    await expect(view).toContainText("127.0.0.1");
    await page.screenshot({ path: testInfo.outputPath("audit-search.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download these rows as CSV" }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.split("\n")[0]).toContain("row,when,who,api_token,action");
    expect(csv).toContain(`GET ${pupil.href}`);

    // The search and the download are in the log too.
    await page.goto("/audit?action=audit.export");
    await expect(
      page.getByRole("row").filter({ hasText: "auditor@darlington.demo.fasttrack.test" }).first(),
    ).toBeVisible();
  });

  test("a bad search names each field in the error summary, linked to it", async ({ page }) => {
    await page.goto("/audit");
    await page.getByLabel("Pupil's UPN").fill("B801200001001");
    await page.getByRole("group", { name: "From" }).getByLabel("Day").fill("30");
    await page.getByRole("group", { name: "From" }).getByLabel("Month").fill("2");
    await page.getByRole("group", { name: "From" }).getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Search the audit log" }).click();
    await expect(errorSummary(page)).toContainText("The UPN check letter is wrong");
    await expect(errorSummary(page)).toContainText("The from date must be a real date");
    await expect(errorSummary(page).getByRole("link", { name: /UPN check letter/ })).toHaveAttribute("href", "#upn");
  });

  test("sees no casework: pupils and cases are not found", async ({ page }) => {
    for (const path of ["/pupils", "/cases", "/flags", "/referrals"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(notFoundHeading(page)).toBeVisible();
    }
  });
});

test.describe("everyone else", () => {
  for (const user of ["darlington-manager", "darlington-officer", "darlington-admin"] as const) {
    test(`${user} gets 404 for the audit log and its download`, async ({ browser }, testInfo) => {
      await asUser(browser, testInfo, user, async (page) => {
        expect((await page.goto("/audit"))?.status()).toBe(404);
        expect((await page.request.get("/audit/export.csv")).status()).toBe(404);
      });
    });
  }
});
