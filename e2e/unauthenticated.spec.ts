// Without a session every page sends the visitor to sign in, and the API answers 401.
import { expect, test } from "@playwright/test";

const PAGES = [
  "/",
  "/pupils",
  "/pupils/3f2a7c1e-9b4d-4e8a-8c6f-2d1b0a9e7f55",
  "/admin/users",
  "/admin/schools",
  "/account/password",
  "/account",
  "/account/tokens",
  "/subject-access",
  "/retention",
  "/legal-holds",
];

for (const url of PAGES) {
  test(`${url} redirects to sign in`, async ({ page }) => {
    await page.goto(url);
    await expect(page).toHaveURL((u) => u.pathname === "/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Fast Track" })).toBeVisible();
  });
}

test("the pupil API refuses a request with no credentials or a bad token", async ({ request }) => {
  const anonymous = await request.get("/api/v1/pupils/R201100018042");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toBe("Bearer");

  expect((await request.get("/api/v1/pupils/R201100018042/subject-access")).status()).toBe(401);

  const nonsense = await request.get("/api/v1/pupils/R201100018042", { headers: { Authorization: "Bearer nonsense" } });
  expect(nonsense.status()).toBe(401);
});
