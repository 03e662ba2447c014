// Notifications: a form tampered with (an id that is not a notification's) is refused with the GOV.UK error
// summary and changes nothing; nobody else's notifications are reachable. Uses the Middlesbrough manager, whom no
// other spec reads notifications as.
import { expect, test } from "@playwright/test";
import { authFile, errorSummary } from "./support";

test.use({ storageState: authFile("middlesbrough-manager") });

test("a tampered 'mark as read' is refused with an error summary and marks nothing", async ({ page }) => {
  await page.goto("/notifications");
  const status = page.locator("main p.govuk-body").first();
  const before = await status.innerText();
  expect(before).toMatch(/You have \d+ unread notifications?\./);

  await page
    .locator("input[name=notificationId]")
    .first()
    .evaluate((input) => {
      (input as HTMLInputElement).value = "not-a-notification";
    });
  await page.getByRole("button", { name: "Mark all as read" }).click();

  await expect(page).toHaveURL(/\/notifications\?error=unrecognised$/);
  await expect(errorSummary(page)).toContainText("That notification was not recognised, so nothing was marked as read");
  await expect(status).toHaveText(before);
});
