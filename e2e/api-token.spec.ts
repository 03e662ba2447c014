// An administrator issues an API token for a user; the token reads pupils as that user until revoked.
import { expect, test } from "@playwright/test";
import { asUser, authFile, findPupilInListing } from "./support";

test.use({ storageState: authFile("darlington-admin") });

test("an API token works until it is revoked", async ({ page, browser, request }, testInfo) => {
  const pupil = await asUser(browser, testInfo, "darlington-manager", (p) => findPupilInListing(p));
  const label = `e2e ${crypto.randomUUID().slice(0, 8)}`;

  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Owen Officer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Owen Officer" })).toBeVisible();
  await page.getByLabel("Label (what the token is for)").fill(label);
  await page.getByRole("button", { name: "Create API token" }).click();
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  const token = (await secret.innerText()).trim();
  expect(token.length).toBeGreaterThan(20);

  const url = `/api/v1/pupils/${pupil.upn}`;
  const headers = { Authorization: `Bearer ${token}` };
  const ok = await request.get(url, { headers });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { upn: string }).upn).toBe(pupil.upn);

  const row = page.getByRole("row").filter({ hasText: label });
  await row.getByRole("button", { name: `Revoke token ${label}` }).click();
  await expect(row).toContainText("Revoked");

  expect((await request.get(url, { headers })).status()).toBe(401);
});
