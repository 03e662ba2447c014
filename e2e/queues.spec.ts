// The officers' work queues at /cases on the e2e clock (Friday 20 November 2026), over the demo cases that
// prisma/seed-cases.ts dates from that clock. Other specs open cases and decide flags in parallel, so counts are
// compared within one page load, never against fixed numbers.
import { expect, test, type Page } from "@playwright/test";
import { splitCsvLine } from "../lib/domain/csv";
import { isoFromUkDate } from "../lib/domain/dates";
import { authFile, errorSummary, notFoundHeading } from "./support";

/** "4 December 2026" → "2026-12-04"; a cell that is not a UK date fails the test. */
function isoOf(uk: string): string {
  const iso = isoFromUkDate(uk);
  expect(iso, `${uk} is a UK date`).not.toBeNull();
  return iso!;
}

const queueTabs = (page: Page) => page.getByRole("navigation", { name: "Work queues" }).getByRole("link");
const bodyRows = (page: Page) => page.getByRole("table").locator("tbody tr");
/** The texts of one column (0-based, after the row's "Select" box for bulk work) of a case queue's table. */
const column = (page: Page, index: number) =>
  bodyRows(page)
    .locator(`td:nth-child(${index + 2})`)
    .allInnerTexts();
const statusCount = async (page: Page) => {
  const text = await page
    .getByRole("status")
    .filter({ hasText: /in this queue|Nothing in this queue/ })
    .innerText();
  return /Nothing/.test(text) ? 0 : Number(/^(\d+)/.exec(text)![1]);
};

test.describe("education welfare officer", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("sees every queue with its count, and my cases link to the case pages", async ({ page }) => {
    await page.goto("/cases");
    await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
    await expect(queueTabs(page)).toHaveText([
      /^My cases \(\d+\)$/,
      /^Due this week \(\d+\)$/,
      /^Windows ending in the next 14 days \(\d+\)$/,
      /^Overdue \(\d+\)$/,
      /^Flags awaiting triage \(\d+\)$/,
    ]);
    await expect(queueTabs(page).first()).toHaveAttribute("aria-current", "page");
    const mine = Number(/\((\d+)\)/.exec(await queueTabs(page).first().innerText())![1]);
    expect(mine).toBeGreaterThan(5);
    expect(await statusCount(page)).toBe(mine);
    await expect(page.getByText("Cases assigned to you.")).toBeVisible();
    const href = await bodyRows(page).first().getByRole("link").getAttribute("href");
    expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    // Every case in "my cases" is the officer's own.
    for (const officer of await column(page, 2)) expect(officer).toBe("Owen Officer");

    for (const [tab, countRe] of [
      ["Overdue", /^Overdue \((\d+)\)$/],
      ["Flags awaiting triage", /^Flags awaiting triage \((\d+)\)$/],
    ] as const) {
      await queueTabs(page).filter({ hasText: tab }).click();
      await expect(page.getByRole("heading", { level: 2, name: tab })).toBeVisible();
      const count = Number(countRe.exec(await queueTabs(page).filter({ hasText: tab }).innerText())![1]);
      expect(count).toBeGreaterThan(0);
      expect(await statusCount(page)).toBe(count);
    }
    expect(await bodyRows(page).first().getByRole("link").getAttribute("href")).toMatch(/^\/flags\/[0-9a-f-]{36}$/);
  });

  test("the demo data fills every queue for the team", async ({ page }) => {
    await page.goto("/cases?officer=all");
    for (const text of await queueTabs(page).allInnerTexts()) {
      expect(Number(/\((\d+)\)$/.exec(text)![1]), text).toBeGreaterThan(0);
    }
    await page.goto("/cases?queue=due-this-week&officer=all");
    const due = await column(page, 4);
    for (const day of due) expect(isoOf(day) >= "2026-11-16" && isoOf(day) <= "2026-11-22", day).toBe(true);
  });

  test('a window ending within 14 days of the clock is in "windows ending soon", with its end date', async ({
    page,
  }) => {
    await page.goto("/cases?queue=ending-soon");
    await expect(page.getByRole("heading", { level: 2, name: "Windows ending in the next 14 days" })).toBeVisible();
    const ends = await column(page, 4);
    expect(ends.length).toBeGreaterThanOrEqual(3);
    for (const end of ends) {
      expect(isoOf(end) >= "2026-11-20" && isoOf(end) <= "2026-12-04", end).toBe(true);
    }
    expect(ends.map(isoOf)).toEqual(ends.map(isoOf).sort());
  });

  test("filters by school in the URL, and the rows follow", async ({ page }) => {
    await page.goto("/cases?officer=all");
    const schools = await column(page, 1);
    const school = schools[schools.length - 1]!;
    await page.getByLabel("School").selectOption({ label: school });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]school=[0-9a-f-]{36}/);
    await expect(page).toHaveURL(/[?&]officer=all/);
    await expect(page.getByLabel("School")).toHaveValue(/[0-9a-f-]{36}/);
    const filtered = await column(page, 1);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(schools.length);
    for (const s of filtered) expect(s).toBe(school);
    // The tabs keep the filter.
    expect(await queueTabs(page).filter({ hasText: "Overdue" }).getAttribute("href")).toMatch(/school=/);
  });

  test("sorts by a column header, then reverses it", async ({ page }) => {
    await page.goto("/cases?officer=all");
    await page
      .getByRole("columnheader", { name: /^Pupil/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/sort=pupil/);
    await expect(page.getByRole("columnheader", { name: /^Pupil/ })).toHaveAttribute("aria-sort", "ascending");
    const collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });
    // The pupil's column follows the row's "Select" box.
    const names = (await bodyRows(page).locator("td:nth-child(2) a").allInnerTexts()).map((n) => n.trim());
    expect(names.length).toBeGreaterThan(1);
    expect(names).toEqual([...names].sort(collator.compare));
    await page
      .getByRole("columnheader", { name: /^Pupil/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.getByRole("columnheader", { name: /^Pupil/ })).toHaveAttribute("aria-sort", "descending");
    const reversed = (await bodyRows(page).locator("td:nth-child(2) a").allInnerTexts()).map((n) => n.trim());
    expect(reversed.length).toBeGreaterThan(1);
    expect(reversed).toEqual([...reversed].sort((a, b) => collator.compare(b, a)));
  });

  test("downloads the queue as CSV with the same filters", async ({ page }) => {
    await page.goto("/cases?queue=ending-soon&officer=all");
    const rows = await statusCount(page);
    const href = await page.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
    expect(href).toBe("/cases/export.csv?queue=ending-soon&officer=all");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["content-disposition"]).toBe('attachment; filename="cases-ending-soon-2026-11-20.csv"');
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("case_id,pupil,upn,school,officer,status,queue_date,window_end,due_or_overdue");
    expect(lines).toHaveLength(1 + rows);
    for (const line of lines.slice(1)) {
      const split = splitCsvLine(line);
      expect(split.ok).toBe(true);
      if (split.ok) {
        expect(split.fields[5]).toBe("Window running");
        expect(split.fields[7]! >= "2026-11-20" && split.fields[7]! <= "2026-12-04").toBe(true);
      }
    }
  });

  test("bad filter values get a clear message, not a crash", async ({ page }) => {
    const response = await page.goto("/cases?queue=everything&school=not-a-school&sort=age&page=0");
    expect(response?.status()).toBe(200);
    await expect(errorSummary(page)).toContainText('There is no queue called "everything"');
    await expect(
      errorSummary(page).getByRole("link", { name: /The school filter is not a school of this authority/ }),
    ).toHaveAttribute("href", "#school");
    await expect(errorSummary(page)).toContainText("A queue can be sorted by");
    await expect(errorSummary(page)).toContainText("The page must be a whole number");
    await expect(page.getByRole("heading", { level: 2, name: "My cases" })).toBeVisible();
  });

  test("finds a case by the pupil's name", async ({ page }) => {
    await page.goto("/cases");
    // The row's first link is the pupil's (the "Select" box before it is not a link).
    const pupil = (await bodyRows(page).first().getByRole("link").first().innerText()).trim();
    const [surname, firstName] = pupil.split(", ");
    await page.getByLabel("Find a case").fill(`${firstName} ${surname}`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/cases\/find\?q=/);
    await expect(page.getByRole("link", { name: pupil }).first()).toHaveAttribute("href", /^\/cases\/[0-9a-f-]{36}$/);
    await page.getByLabel("Pupil's name or UPN").fill("");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(errorSummary(page).getByRole("link", { name: "Enter a pupil's name or UPN" })).toHaveAttribute(
      "href",
      "#q",
    );
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("sees everyone's open cases, and the counts on the home page", async ({ page }) => {
    await page.goto("/");
    const queues = page.getByRole("heading", { name: "Your work queues" }).locator("xpath=following-sibling::ul[1]");
    await expect(queues.getByRole("link")).toHaveText([
      "Open cases",
      "Due this week",
      "Windows ending in the next 14 days",
      "Overdue",
      "Flags awaiting triage",
    ]);
    await queues.getByRole("link", { name: "Open cases" }).click();
    await expect(page.getByText("All officers' cases.")).toBeVisible();
    const officers = new Set(await column(page, 2));
    expect(officers.has("Owen Officer") && officers.has("Priya Shah")).toBe(true);
  });
});

test.describe("school staff", () => {
  test.use({ storageState: authFile("darlington-school-984101") });

  test("get 404 for the queues, the search and the download", async ({ page }) => {
    for (const path of ["/cases", "/cases?queue=flags", "/cases/find?q=smith"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(notFoundHeading(page)).toBeVisible();
    }
    expect((await page.request.get("/cases/export.csv?queue=flags")).status()).toBe(404);
  });
});
