// The GOV.UK form pattern end to end: the error summary links to each invalid field; a new user gets a one-time
// password and must set their own before using the service.
import { expect, test } from "@playwright/test";
import { authFile, errorSummary, newContext, submitSignIn } from "./support";

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
  await expect(links).toHaveCount(3);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#email", "#name", "#role"]);

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

test("a new user signs in with the one-time password and must set their own", async ({ page, browser }, testInfo) => {
  const email = `e2e.officer.${crypto.randomUUID().slice(0, 8)}@darlington.demo.fasttrack.test`;
  await page.goto("/admin/users/new");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Full name").fill("Erin Endtoend");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Education welfare officer" });
  await page.getByRole("button", { name: "Add user" }).click();

  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  const oneTimePassword = (await secret.innerText()).trim();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);

  const context = await newContext(browser, testInfo);
  try {
    const user = await context.newPage();
    await user.goto("/sign-in");
    await submitSignIn(user, email, oneTimePassword);
    await expect(user).toHaveURL((u) => u.pathname === "/account/password");
    await expect(user.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();

    // Until the password is set, nothing else opens.
    await user.goto("/pupils");
    await expect(user).toHaveURL((u) => u.pathname === "/account/password");

    const newPassword = "correct horse battery staple";
    await user.getByLabel("One-time password").fill(oneTimePassword);
    await user.getByLabel("New password", { exact: true }).fill(newPassword);
    await user.getByLabel("Confirm new password").fill(newPassword);
    await user.getByRole("button", { name: "Save password" }).click();

    await expect(user).toHaveURL((u) => u.pathname === "/");
    await expect(user.getByRole("heading", { level: 1, name: "Welcome, Erin Endtoend" })).toBeVisible();
    await expect(
      user
        .getByRole("navigation", { name: "Education welfare officer navigation" })
        .getByRole("link", { name: "Pupils" }),
    ).toBeVisible();
  } finally {
    await context.close();
  }
});
