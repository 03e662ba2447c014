// Each role opens the attendance pages it may use, and gets 404 (as for a page that does not exist) for the
// others, downloads included.
import { expect, test } from "@playwright/test";
import { splitCsvLine } from "../lib/domain/csv";
import { authFile, findPupilInListing, notFoundHeading } from "./support";

test.describe("school staff", () => {
  test.use({ storageState: authFile("darlington-school-984101") });

  test("get 404 for the authority-wide attendance pages and downloads", async ({ page }) => {
    for (const path of ["/attendance", "/attendance/at-risk"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(notFoundHeading(page)).toBeVisible();
    }
    for (const path of ["/attendance/schools.csv", "/attendance/at-risk.csv"]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
  });

  test("see their own pupils' attendance and can open the import page", async ({ page }) => {
    const own = await findPupilInListing(page);
    await page.goto(own.href);
    await page.getByRole("link", { name: "View attendance" }).click();
    await expect(page.getByRole("table", { name: "Summary" })).toBeVisible();
    expect((await page.goto("/attendance/import"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Import a register" })).toBeVisible();
  });
});

test.describe("education welfare officer", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("gets 404 for the reference data pages", async ({ page }) => {
    for (const path of ["/admin/calendar", "/admin/comparisons"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(notFoundHeading(page)).toBeVisible();
    }
  });

  test("sees the rates of every school and can download them as CSV", async ({ page }) => {
    await page.goto("/attendance");
    const from = page.getByRole("group", { name: "From", exact: true });
    const to = page.getByRole("group", { name: "To", exact: true });
    await expect(from.getByLabel("Day")).toHaveValue("1");
    await expect(from.getByLabel("Month")).toHaveValue("9");
    await expect(from.getByLabel("Year")).toHaveValue("2026");
    await expect(to.getByLabel("Day")).toHaveValue("20");
    await expect(to.getByLabel("Month")).toHaveValue("11");
    await expect(to.getByLabel("Year")).toHaveValue("2026");
    const academies = page.getByRole("table", { name: "Academies" });
    await expect(academies.getByRole("rowheader", { name: /Branksome Hall Academy/ })).toBeVisible();
    await expect(academies.getByRole("row").last()).toContainText("All academies");
    const others = page.getByRole("table", { name: "Maintained and other schools" });
    await expect(others.getByRole("rowheader")).toHaveText([
      /^Cockerton Green Primary School/,
      /^Harrowgate Hill School/,
      /^Skerne Park Primary School/,
      "All maintained and other schools",
    ]);
    await expect(page.getByRole("table", { name: "Darlington and England" })).toContainText(
      "National: England (demo figure), 2026/27",
    );
    await expect(page.getByRole("table", { name: "Darlington and England" }).getByRole("row").last()).toContainText(
      "0.8%",
    );
    for (const cell of await others.getByRole("cell").allInnerTexts())
      expect(cell).toMatch(/^(\d{1,3}(,\d{3})*|\d{1,3}\.\d%)$/);

    const response = await page.request.get(
      (await page.getByRole("link", { name: /Download as CSV/ }).getAttribute("href")) ?? "",
    );
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["content-disposition"]).toBe(
      'attachment; filename="attendance-by-school-2026-09-01-to-2026-11-20.csv"',
    );
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "group,school,urn,possible_sessions,attendance_percent,overall_absence_percent,unauthorised_percent,pupils,persistent_absentees,severe_absentees",
    );
    expect(lines).toHaveLength(1 + 4 + 2 + 2);
    expect(lines.at(-1)).toMatch(/^National,England \(demo figure\),,,,,0\.8,,,$/);
  });

  test("a date range that is not valid is shown as an error on its field", async ({ page }) => {
    await page.goto("/attendance?from=2026-11-20&to=2026-09-01");
    await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText([
      "The to date must be the same as or after the from date",
    ]);
    await expect(page.getByRole("table", { name: "Academies" })).toHaveCount(0);
    expect((await page.request.get("/attendance/schools.csv?from=2026-13-01")).status()).toBe(400);
  });

  test("acts from the at-risk queue: each pupil links to their open case or opens one", async ({ page }) => {
    await page.goto("/attendance/at-risk");
    const rows = page
      .getByRole("table")
      .getByRole("row")
      .filter({ has: page.getByRole("cell") });
    const row = rows.filter({ has: page.getByRole("link", { name: /^Open a case for / }) }).first();
    const upn = (await row.locator("td:nth-child(2)").innerText()).trim();
    await row.getByRole("link", { name: /^Open a case for / }).click();
    await expect(page).toHaveURL(/\/cases\/new\?pupil=/);
    await expect(page.getByRole("heading", { name: "Open a case" })).toBeVisible();
    await expect(page.getByText(`(UPN ${upn})`)).toBeVisible();
    await page.goto("/attendance/at-risk");
    await rows
      .getByRole("link", { name: /^View case for / })
      .first()
      .click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  });

  test("filters the at-risk queue by year group in the URL and downloads it", async ({ page }) => {
    await page.goto("/attendance/at-risk");
    await page.getByLabel("Year group").selectOption({ label: "Year 7" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get("year") === "7");
    const years = page
      .getByRole("table")
      .getByRole("row")
      .filter({ has: page.getByRole("cell") })
      .locator("td:nth-child(4)");
    for (const text of await years.allInnerTexts()) expect(text).toBe("Year 7");
    const csv = await page.request.get(
      (await page.getByRole("link", { name: /Download as CSV/ }).getAttribute("href")) ?? "",
    );
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).trim().split("\r\n").slice(1);
    expect(rows.length).toBe(await years.count());
    for (const row of rows) {
      const split = splitCsvLine(row);
      expect(split.ok && split.fields[3]).toBe("7");
    }
  });
});

test.describe("administrator", () => {
  test.use({ storageState: authFile("darlington-admin") });

  test("gets 404 for the attendance pages", async ({ page }) => {
    for (const path of ["/attendance", "/attendance/at-risk", "/attendance/import"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
  });
});
