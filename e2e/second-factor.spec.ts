// The second factor for a real (non-demo) user, end to end (issue 11, hole 4): an administrator adds them (typing
// their own password again); at first sign-in they enrol an authenticator from the QR code's key (the code is
// computed here from it) and get ten recovery codes; then they set their password. Later sign-ins need a code,
// or a recovery code once; an administrator's reset makes them enrol again. Demo users on this embedded demo
// database are exempt, which is why the other specs sign in with a password only.
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { authFile, DEMO_PASSWORD, errorSummary, newContext, submitSignIn } from "./support";

test.use({ storageState: authFile("darlington-admin") });
test.describe.configure({ mode: "serial" });

const email = `e2e.mfa.${crypto.randomUUID().slice(0, 8)}@darlington.example.gov.uk`;
const password = "walrus lantern orchard 48";
let oneTimePassword = "";
let secret = "";
let recoveryCodes: string[] = [];

/** A code for the next 30-second step, so that it is never the one enrolment (or an earlier step) used. */
const nextCode = () => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function signInAsNewUser(page: Page, withPassword: string) {
  await page.goto("/sign-in");
  await submitSignIn(page, email, withPassword);
}

test("an administrator adds a user after typing their own password again", async ({ page }) => {
  await page.goto("/admin/users/new");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Full name").fill("Morgan Factor");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Education welfare officer" });
  await page.getByLabel("Your password").fill("not-my-password");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(errorSummary(page)).toContainText("Your password is incorrect");

  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Add user" }).click();
  const shown = page.getByTestId("one-time-secret");
  await expect(shown).toBeVisible();
  oneTimePassword = (await shown.innerText()).trim();
});

test("at first sign-in they set up an authenticator, keep recovery codes, then set their password", async ({
  browser,
}, testInfo) => {
  const context = await newContext(browser, testInfo);
  try {
    const user = await context.newPage();
    await signInAsNewUser(user, oneTimePassword);
    await expect(user).toHaveURL((u) => u.pathname === "/sign-in/authenticator");
    await expect(user.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeVisible();
    await expect(user.locator(".app-qr-code svg")).toBeVisible();
    // No session yet: any other page sends them back to sign in.
    await user.goto("/pupils");
    await expect(user).toHaveURL((u) => u.pathname === "/sign-in");
    await user.goto("/sign-in/authenticator");

    secret = (await user.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await user.getByLabel("Code from your authenticator app").fill("000000");
    await user.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(user)).toContainText("Enter the 6-digit code your authenticator app now shows");

    await user.getByLabel("Code from your authenticator app").fill(await generate({ secret }));
    await user.getByRole("button", { name: "Continue" }).click();
    const codes = user.getByTestId("recovery-codes").getByRole("listitem");
    await expect(codes).toHaveCount(10);
    recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
    await user.getByRole("button", { name: "I have saved my recovery codes, continue" }).click();

    await expect(user).toHaveURL((u) => u.pathname === "/account/password");
    await user.getByLabel("One-time password").fill(oneTimePassword);
    await user.getByLabel("New password", { exact: true }).fill(password);
    await user.getByLabel("Confirm new password").fill(password);
    await user.getByRole("button", { name: "Save password" }).click();
    await expect(user.getByRole("heading", { level: 1, name: "Welcome, Morgan Factor" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("later sign-ins need a code from the app; a recovery code works once", async ({ browser }, testInfo) => {
  // Each sign-in in a browser of its own: clearing one context's cookies could race a response still setting the
  // session cookie of the sign-in before, and /sign-in would then (rightly) send a signed-in user home.
  async function signInFresh(secondFactor: string) {
    const context = await newContext(browser, testInfo);
    const user = await context.newPage();
    await signInAsNewUser(user, password);
    await expect(user).toHaveURL((u) => u.pathname === "/sign-in/code");
    await user.getByLabel("Code from your authenticator app").fill(secondFactor);
    await user.getByRole("button", { name: "Continue" }).click();
    return { context, user };
  }

  const withApp = await signInFresh(await nextCode());
  await expect(withApp.user.getByRole("heading", { level: 1, name: "Welcome, Morgan Factor" })).toBeVisible();
  await withApp.context.close();

  const first = await signInFresh(recoveryCodes[0]!);
  await expect(first.user.getByRole("heading", { level: 1, name: "Welcome, Morgan Factor" })).toBeVisible();
  await first.context.close();

  const again = await signInFresh(recoveryCodes[0]!);
  await expect(errorSummary(again.user)).toContainText("an unused recovery code");
  await again.context.close();
});

test("an administrator's reset makes them set up an authenticator again", async ({ page, browser }, testInfo) => {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Morgan Factor", exact: true }).click();
  await expect(page.getByText("Set up.")).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Reset authenticator" }) });
  await form.getByLabel("Your password (to confirm it is you)").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Reset authenticator" }).click();
  await expect(page.getByRole("status")).toContainText("Authenticator reset");

  const context = await newContext(browser, testInfo);
  try {
    const user = await context.newPage();
    await signInAsNewUser(user, password);
    await expect(user).toHaveURL((u) => u.pathname === "/sign-in/authenticator");
    const fresh = (await user.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    expect(fresh).not.toBe(secret);
  } finally {
    await context.close();
  }
});
