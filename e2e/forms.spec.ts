// The GOV.UK form pattern end to end: the error summary links to each invalid field.
import { expect, test } from "@playwright/test";
import { authFile, errorSummary } from "./support";

test.use({ storageState: authFile("darlington-admin") });

test("an empty Add a user form lists each problem with a link to its field", async ({ page }) => {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Add a user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a user" })).toBeVisible();
  await page.getByRole("button", { name: "Add user" }).click();

  const summary = errorSummary(page);
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary).toBeFocused();
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(4);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
    "#email",
    "#name",
    "#role",
    "#yourPassword",
  ]);

  for (const [field, label] of [
    ["email", "Email address"],
    ["name", "Full name"],
    ["role", "Role"],
  ] as const) {
    await summary.locator(`a[href="#${field}"]`).click();
    await expect(page.getByLabel(label, { exact: true })).toBeFocused();
  }
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
});

// A new user's first sign-in (one-time password, authenticator, own password): e2e/second-factor.spec.ts.
