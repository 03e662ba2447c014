// Retention and legal hold in the browser (issue 12 §4, ADR 039): the auditor keeps the schedule (the register's
// statutory 6 years refused below) and sees the dry run; a manager places a hold on a pupil and releases it; other
// roles get 404.
import { expect, test } from "@playwright/test";
import { asUser, authFile, errorSummary, findPupilInListing, notFoundHeading } from "./support";

test.describe("the auditor's retention schedule", () => {
  test.use({ storageState: authFile("darlington-auditor") });

  test("shows the periods and the dry run, refuses less than 6 years for register marks, and saves a change", async ({
    page,
  }, testInfo) => {
    await page.goto("/retention");
    await expect(page.getByRole("heading", { level: 1, name: "Retention schedule" })).toBeVisible();
    await expect(page.getByLabel("Register marks (months)")).toHaveValue("72");
    const dryRun = page.getByRole("table", { name: "What the schedule would erase today" });
    await expect(dryRun.getByRole("row").filter({ hasText: "Register marks" })).toContainText(
      "72 months (6 years) (default), statutory",
    );
    await expect(dryRun.getByRole("row").filter({ hasText: "Failed sign-in records" })).toContainText(
      "12 months (1 year) (default), local policy",
    );
    await page.screenshot({ path: testInfo.outputPath("retention.png"), fullPage: true });

    await page.getByLabel("Register marks (months)").fill("60");
    await page.getByLabel("Failed sign-in records (months)").fill("");
    await page.getByRole("button", { name: "Save the schedule" }).click();
    await expect(errorSummary(page)).toContainText("Register marks must be kept at least 72 months (6 years)");
    await expect(errorSummary(page)).toContainText("Enter how many months to keep failed sign-in records");
    await errorSummary(page)
      .getByRole("link", { name: /Register marks must be kept/ })
      .click();
    await expect(page.getByLabel("Register marks (months)")).toBeFocused();

    await page.getByLabel("Register marks (months)").fill("72");
    await page.getByLabel("Failed sign-in records (months)").fill("18");
    await page.getByRole("button", { name: "Save the schedule" }).click();
    await expect(page.getByRole("status")).toContainText("Retention schedule saved: 1 period changed.");
    await page.reload();
    await expect(page.getByLabel("Failed sign-in records (months)")).toHaveValue("18");
    await expect(
      page
        .getByRole("table", { name: "What the schedule would erase today" })
        .getByRole("row", { name: /Failed sign-in/ }),
    ).toContainText("18 months, local policy");

    // Back to the default, so that other tests see the demo as seeded.
    await page.getByLabel("Failed sign-in records (months)").fill("12");
    await page.getByRole("button", { name: "Save the schedule" }).click();
    await expect(page.getByRole("status")).toContainText("1 period changed");
  });
});

test.describe("legal holds", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("a manager places a hold on a pupil, sees it in force, and releases it with a reason", async ({
    page,
  }, testInfo) => {
    const pupil = await findPupilInListing(page);
    await page.goto("/legal-holds");
    await page.getByRole("button", { name: "Place the hold" }).click();
    await expect(errorSummary(page)).toContainText(
      "Choose whether the hold is on a case, a pupil, or a parent or carer",
    );
    await expect(errorSummary(page)).toContainText("Enter why the records must be kept");

    await page.getByLabel("A pupil, and every case they are in").check();
    await page.getByLabel("Pupil's UPN (for a hold on a pupil)").fill(pupil.upn);
    await page.getByLabel("Why must the records be kept?").fill("Judicial review of the exclusion, claim JR/2026/123");
    await page.getByRole("button", { name: "Place the hold" }).click();
    await expect(page.getByRole("status")).toContainText("Legal hold placed");
    const card = page.locator(".govuk-summary-card").filter({ hasText: `UPN ${pupil.upn}` });
    await expect(card).toContainText("Judicial review of the exclusion, claim JR/2026/123");
    await page.screenshot({ path: testInfo.outputPath("legal-holds.png"), fullPage: true });

    // A second hold on the same pupil is refused on the field.
    await page.getByLabel("A pupil, and every case they are in").check();
    await page.getByLabel("Pupil's UPN (for a hold on a pupil)").fill(pupil.upn);
    await page.getByLabel("Why must the records be kept?").fill("Again");
    await page.getByRole("button", { name: "Place the hold" }).click();
    await expect(errorSummary(page)).toContainText("A legal hold is already in force on this record");

    await page.goto("/legal-holds");
    const inForce = page.locator(".govuk-summary-card").filter({ hasText: `UPN ${pupil.upn}` });
    await inForce.getByLabel("Why is the hold released?").fill("Claim withdrawn");
    await inForce.getByRole("button", { name: "Release the hold" }).click();
    await expect(page.locator(".govuk-summary-card").filter({ hasText: `UPN ${pupil.upn}` })).toHaveCount(0);
    await expect(page.getByRole("listitem").filter({ hasText: `UPN ${pupil.upn}` })).toContainText("Claim withdrawn");
  });
});

test.describe("other roles", () => {
  for (const [user, paths] of [
    ["darlington-officer", ["/retention", "/legal-holds"]],
    ["darlington-admin", ["/retention", "/legal-holds"]],
    ["darlington-school-984101", ["/retention", "/legal-holds"]],
    ["darlington-manager", ["/retention"]],
  ] as const) {
    test(`${user} gets 404 for ${paths.join(" and ")}`, async ({ browser }, testInfo) => {
      await asUser(browser, testInfo, user, async (page) => {
        for (const path of paths) {
          expect((await page.goto(path))?.status()).toBe(404);
          await expect(notFoundHeading(page)).toBeVisible();
        }
      });
    });
  }
});
