// Each role is refused what it must not see: another school's pupil, another authority's pupil, and (for
// administrators) any pupil, by URL, by search and by API. Refusals look exactly like "not found".
import { expect, test } from "@playwright/test";
import { asUser, authFile, findPupilInListing, notFoundHeading, OWN_SCHOOL } from "./support";

test.describe("school staff at URN 984101", () => {
  test.use({ storageState: authFile("darlington-school-984101") });

  test("cannot open, find or fetch a pupil at another Darlington school", async ({ browser, page }, testInfo) => {
    const other = await asUser(browser, testInfo, "darlington-manager", (p) =>
      findPupilInListing(p, { notSchool: OWN_SCHOOL }),
    );

    const response = await page.goto(other.href);
    expect(response?.status()).toBe(404);
    await expect(notFoundHeading(page)).toBeVisible();

    await page.goto("/pupils");
    await page.getByLabel("Name or UPN").fill(other.upn);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get("q") === other.upn);
    await expect(page.getByRole("status")).toHaveText("No pupils found.");

    const api = await page.request.get(`/api/v1/pupils/${other.upn}`);
    expect(api.status()).toBe(404);
  });

  test("can fetch a pupil at their own school through the API", async ({ page }) => {
    // "Our pupils" lists only the school's own pupils.
    await page.goto("/pupils");
    await expect(page.getByRole("heading", { level: 1, name: `Pupils at ${OWN_SCHOOL}` })).toBeVisible();
    const own = await findPupilInListing(page);
    const response = await page.request.get(`/api/v1/pupils/${own.upn}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { upn: string; parents: { id: string }[] };
    expect(body.upn).toBe(own.upn);
    expect(body.parents.length).toBeGreaterThan(0);
    for (const parent of body.parents) expect(parent.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

test.describe("Darlington manager", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("cannot open or fetch a Middlesbrough pupil", async ({ browser, page }, testInfo) => {
    const other = await asUser(browser, testInfo, "middlesbrough-manager", (p) => findPupilInListing(p));

    const response = await page.goto(other.href);
    expect(response?.status()).toBe(404);
    await expect(notFoundHeading(page)).toBeVisible();

    const api = await page.request.get(`/api/v1/pupils/${other.upn}`);
    expect(api.status()).toBe(404);
  });
});

test.describe("Darlington administrator", () => {
  test.use({ storageState: authFile("darlington-admin") });

  test("gets 404 for the pupil pages and API", async ({ page }) => {
    const response = await page.goto("/pupils");
    expect(response?.status()).toBe(404);
    await expect(notFoundHeading(page)).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Pupils", exact: true })).toHaveCount(0);

    // Administrators have no pupil access at all: the API says so with 403 (the role, not the record).
    const api = await page.request.get("/api/v1/pupils/R201100018042");
    expect(api.status()).toBe(403);
  });
});
