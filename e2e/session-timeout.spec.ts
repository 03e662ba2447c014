import { expect, test } from "@playwright/test";
import { demoEmail, newContext, signIn } from "./support";

// The browser's clock is driven by Playwright; the server's session also lasts 30 minutes (its cookie's
// Max-Age), checked below, so the two agree.
test("warns two minutes before the idle timeout, can stay signed in, and signs out at 30 minutes", async ({
  browser,
}, testInfo) => {
  const context = await newContext(browser, testInfo);
  const page = await context.newPage();
  await page.clock.install();
  // Each page load renews the session once; wait until the page has handled that answer (the dialog counts its
  // renewals) before moving the clock, or the answer would restart the countdown part-way through the test. (A
  // response alone is not enough: next-auth's own sign-in also asks for the session, and on a busy machine the
  // page may hydrate after the network is quiet.)
  await signIn(page, demoEmail("middlesbrough", "officer"));
  const timeoutDialog = page.locator("dialog.app-timeout-dialog");
  await expect(timeoutDialog).toHaveAttribute("data-renewed", "1");

  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie?.httpOnly).toBe(true);
  const lifetime = (cookie?.expires ?? 0) - Date.now() / 1000;
  expect(lifetime).toBeGreaterThan(29 * 60);
  expect(lifetime).toBeLessThanOrEqual(30 * 60 + 5);

  const dialog = page.getByRole("dialog", { name: "You’re about to be signed out" });
  await page.clock.fastForward("27:00");
  await expect(dialog).toBeHidden();
  await page.clock.fastForward("01:10");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("we will sign you out in 1 minute");

  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(timeoutDialog).toHaveAttribute("data-renewed", "2");
  await expect(dialog).toBeHidden();

  await page.clock.fastForward("30:05");
  await expect(page).toHaveURL(/\/sign-in\?timeout=1$/);
  await expect(page.getByText("You were signed out because you were inactive for 30 minutes.")).toBeVisible();
  await page.goto("/pupils");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
