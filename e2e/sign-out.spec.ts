// Signing out ends the session. Uses the Redcar officer, whom no saved sign-in or other spec's session depends on:
// sign-out ends every session of the user (Redcar's manager decides referrals in e2e/referral-decisions.spec.ts).
import { expect, test } from "@playwright/test";
import { demoEmail, signIn } from "./support";

test("signing out returns to sign in, and the session no longer works", async ({ page }) => {
  await signIn(page, demoEmail("redcar", "officer"));
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();

  await expect(page).toHaveURL((u) => u.pathname === "/sign-in");
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toHaveCount(0);

  await page.goto("/");
  await expect(page).toHaveURL((u) => u.pathname === "/sign-in");
  expect((await page.request.get("/api/v1/pupils/R201100018042")).status()).toBe(401);
});
