// Signs in through the real sign-in form once per saved user and keeps the session for the specs.
import { test as setup } from "@playwright/test";
import { authFile, SAVED_USERS, signIn, type SavedUser } from "./support";

for (const [user, email] of Object.entries(SAVED_USERS) as [SavedUser, string][]) {
  setup(`sign in as ${user}`, async ({ page }) => {
    await signIn(page, email);
    await page.context().storageState({ path: authFile(user) });
  });
}
