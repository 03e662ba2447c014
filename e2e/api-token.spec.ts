// API tokens are personal (issue 11, hole 2): a user makes their own on their account page after typing their
// password again; it reads pupils as them until revoked. Administrators see and revoke tokens, never make them.
import { expect, test } from "@playwright/test";
import { asUser, authFile, DEMO_PASSWORD, errorSummary, findPupilInListing } from "./support";

test.use({ storageState: authFile("darlington-manager") });

test("a user's own API token works until they revoke it", async ({ page, request }) => {
  const pupil = await findPupilInListing(page);
  const name = `e2e ${crypto.randomUUID().slice(0, 8)}`;

  await page.goto("/account");
  await page.getByRole("link", { name: "Your API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your API tokens" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create API token" }).click();
  await expect(errorSummary(page)).toContainText("Enter your password to confirm it is you");

  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Create API token" }).click();
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  await expect(page.getByRole("status")).toContainText("It works until 18 February 2027");
  const token = (await secret.innerText()).trim();
  expect(token).toMatch(/^ft_/);

  const url = `/api/v1/pupils/${pupil.upn}`;
  // A manager reading a pupil whose cases are other officers' says why (issue 12 §2); the header is harmless otherwise.
  const headers = { Authorization: `Bearer ${token}`, "X-Access-Reason": "Checking the API token works" };
  const ok = await request.get(url, { headers });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { upn: string }).upn).toBe(pupil.upn);

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("18 February 2027");
  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  expect((await request.get(url, { headers })).status()).toBe(401);
});

test("administrators list a user's tokens and can revoke them, but have no way to create one", async ({
  browser,
}, testInfo) => {
  await asUser(browser, testInfo, "darlington-admin", async (admin) => {
    await admin.goto("/admin/users");
    await admin.getByRole("link", { name: "Owen Officer", exact: true }).click();
    await expect(admin.getByRole("heading", { level: 2, name: "API tokens" })).toBeVisible();
    await expect(admin.getByRole("button", { name: "Create API token" })).toHaveCount(0);
    await expect(admin.getByLabel("Name")).toHaveCount(0);
  });
});
