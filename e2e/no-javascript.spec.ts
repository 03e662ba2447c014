// Sign-in works without JavaScript: the form posts to the server action and the page renders the answer.
import { expect, test } from "@playwright/test";
import { errorSummary, demoEmail, DEMO_PASSWORD, submitSignIn } from "./support";

test.use({ javaScriptEnabled: false });

test("signs in without JavaScript", async ({ page }) => {
  await page.goto("/sign-in");
  await submitSignIn(page, demoEmail("darlington", "officer"), DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Owen Officer" })).toBeVisible();
});

test("an empty sign-in shows the server-rendered error summary", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = errorSummary(page);
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary.getByRole("link")).toHaveText(["Enter an email address", "Enter your password"]);
  await expect(page.locator("#email-error")).toContainText("Enter an email address");
  await expect(page.locator("#password-error")).toContainText("Enter your password");
});
