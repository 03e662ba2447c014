// A subject access request: the auditor (or a manager) finds the pupil by UPN and downloads everything held about
// the pupil, or a parent or carer, as one zip; other people's details are withheld and listed for review. Officers
// and school staff are refused.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { asUser, authFile, errorSummary, findPupilInListing } from "./support";

test.describe("the auditor", () => {
  test.use({ storageState: authFile("darlington-auditor") });

  test("downloads a pupil's and a parent's archives, and the downloads are in the audit log", async ({
    browser,
    page,
  }, testInfo) => {
    const pupil = await asUser(browser, testInfo, "darlington-manager", (manager) => findPupilInListing(manager));

    await page.goto("/subject-access");
    await page.getByLabel("Pupil's UPN").fill(pupil.upn.toLowerCase());
    await page.getByRole("button", { name: "Find the pupil" }).click();
    await expect(page.getByText(pupil.upn, { exact: true })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("subject-access.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("link", { name: /^Download everything about .* \(zip\)$/ })
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe(`subject-access-${pupil.upn}.zip`);
    const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["README.txt", "pupil.json", "register-marks.csv", "cases.json", "access-log.csv"]),
    );
    expect(strFromU8(files["pupil.json"]!)).toContain(pupil.upn);
    expect(strFromU8(files["register-marks.csv"]!).split("\n").length).toBeGreaterThan(2);

    const parentLinks = page.getByRole("listitem").getByRole("link", { name: /^Download everything about/ });
    await expect(parentLinks.first()).toBeVisible();
    const [parentDownload] = await Promise.all([page.waitForEvent("download"), parentLinks.first().click()]);
    const parentFiles = unzipSync(new Uint8Array(fs.readFileSync((await parentDownload.path())!)));
    expect(Object.keys(parentFiles)).toContain("parent-or-carer.json");

    await page.goto("/audit?action=subject_access.export");
    await expect(page.getByRole("row").filter({ hasText: "subject_access.export" })).not.toHaveCount(0);
  });

  test("an unknown or mistyped UPN is named in the error summary", async ({ page }) => {
    await page.goto("/subject-access");
    await page.getByLabel("Pupil's UPN").fill("B801200001001");
    await page.getByRole("button", { name: "Find the pupil" }).click();
    await expect(errorSummary(page)).toContainText("UPN check letter");
    await expect(errorSummary(page).getByRole("link").first()).toHaveAttribute("href", "#upn");
  });
});

test.describe("everyone else", () => {
  for (const user of ["darlington-officer", "darlington-admin", "darlington-school-984101"] as const) {
    test(`${user} gets 404 for subject access and its downloads`, async ({ browser }, testInfo) => {
      await asUser(browser, testInfo, user, async (page) => {
        expect((await page.goto("/subject-access"))?.status()).toBe(404);
        expect((await page.request.get("/subject-access/pupils/B801200001002")).status()).toBe(404);
      });
    });
  }
});
