// Five wrong passwords lock the address typed, known or not, and the answers never reveal which.
import { expect, test, type Page } from "@playwright/test";
import { INVALID_SIGN_IN_MESSAGE, LOCKED_MESSAGE } from "../lib/schemas/auth";
import { DEMO_PASSWORD, demoEmail, errorSummary, submitSignIn } from "./support";

/** Submits the sign-in form, waits for the server's answer to be shown, and checks it did not sign in (a
 * successful sign-in answers with a redirect). */
async function attempt(page: Page, email: string, password: string) {
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in",
  );
  await submitSignIn(page, email, password);
  const response = await answered;
  expect(response.headers()["x-action-redirect"]).toBeUndefined();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

async function expectSummary(page: Page, message: string) {
  await expect(errorSummary(page).getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(errorSummary(page).getByRole("listitem")).toHaveText([message]);
}

test("five wrong passwords lock the account, and then the right password is refused too", async ({ page }) => {
  const email = demoEmail("redcar", "school.980702");
  await page.goto("/sign-in");
  for (let i = 1; i <= 4; i++) {
    await attempt(page, email, `wrong-password-${i}`);
    await expectSummary(page, INVALID_SIGN_IN_MESSAGE);
  }
  await attempt(page, email, "wrong-password-5");
  await expectSummary(page, LOCKED_MESSAGE);

  await attempt(page, email, DEMO_PASSWORD);
  await expectSummary(page, LOCKED_MESSAGE);
  await expect(page).toHaveURL((u) => u.pathname === "/sign-in");
});

test("an unknown address is locked the same way after five tries", async ({ page }) => {
  const email = `nobody.${crypto.randomUUID()}@redcar.demo.fasttrack.test`;
  await page.goto("/sign-in");
  for (let i = 1; i <= 4; i++) {
    await attempt(page, email, `wrong-password-${i}`);
    await expectSummary(page, INVALID_SIGN_IN_MESSAGE);
  }
  await attempt(page, email, "wrong-password-5");
  await expectSummary(page, LOCKED_MESSAGE);
});

test("one wrong password gets the generic message", async ({ page }) => {
  await page.goto("/sign-in");
  await attempt(page, demoEmail("redcar", "officer"), "not-the-password");
  await expectSummary(page, INVALID_SIGN_IN_MESSAGE);
  await expect(page.getByLabel("Email address")).toHaveValue(demoEmail("redcar", "officer"));
});
