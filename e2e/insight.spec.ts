// The manager's picture (issue 13) in the browser, on the demo data at the e2e clock (20 November 2026): a manager
// records a truancy sweep and sees its yield; the dashboard draws every chart with its table; the statistics page
// names the census variables and downloads them as CSV; the pupil and case pages draw their charts; axe finds no
// accessibility problem on the new pages; and other roles are refused.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  asUser,
  authFile,
  errorSummary,
  findPupilInListing,
  givePupilReasonIfAsked,
  giveReasonIfAsked,
  notFoundHeading,
  sameOrigin,
} from "./support";

/** Runs axe over the page (WCAG 2.2 A and AA, and best practice) and expects no violation. */
async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  expect(
    results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target) })),
    page.url(),
  ).toEqual([]);
}

/** Every chart on the page: a figure with an SVG that is an image labelled by its own title, and its table. */
async function expectChartsWithTables(page: Page, count: number) {
  const figures = page.locator("figure[data-chart]");
  await expect(figures).toHaveCount(count);
  for (const figure of await figures.all()) {
    const svg = figure.locator("svg[role=img]");
    await expect(svg).toHaveCount(1);
    const titleId = await svg.getAttribute("aria-labelledby");
    await expect(svg.locator(`title[id="${titleId}"]`)).not.toBeEmpty();
    await expect(svg.locator("desc")).not.toBeEmpty();
    await expect(figure.getByRole("table")).toBeVisible();
    expect(await figure.getByRole("table").locator("tbody tr").count()).toBeGreaterThan(0);
  }
}

test.describe("manager", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("records a truancy sweep, adds the children stopped, and sees its yield", async ({ page }) => {
    await page.goto("/sweeps");
    await expect(page.getByRole("heading", { level: 1, name: "Truancy sweeps" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: /^Press figure \(2005\)/ })).toBeVisible();
    await page.getByRole("button", { name: "Record a sweep" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record a truancy sweep" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Hours off the quarter hour are refused, with the summary linked to the field.
    const area = `High Row and the covered market (e2e ${test.info().workerIndex}-${Date.now()})`;
    await page.getByLabel("Area or route").fill(area);
    await page.getByLabel("Police officers").fill("2");
    await page.getByLabel("Police hours").fill("2.3");
    await page.getByRole("button", { name: "Record the sweep" }).click();
    await expect(errorSummary(page)).toContainText("Enter the police hours to the nearest quarter hour");
    await errorSummary(page)
      .getByRole("link", { name: /police hours/ })
      .click();
    await expect(page.getByLabel("Police hours")).toBeFocused();

    await page.getByLabel("Police hours").fill("4");
    await page.getByLabel("Start time (optional)").fill("09:30");
    await page.getByLabel("End time (optional)").fill("11:30");
    await page.getByRole("button", { name: "Record the sweep" }).click();
    await expect(page).toHaveURL(/\/sweeps\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(area.replace(/[()]/g, ".")) })).toBeVisible();
    // Nobody stopped yet: the ratios say why they cannot be worked out.
    await expect(page.getByText("This sweep: No child was stopped without a valid reason")).toBeVisible();

    // Two children: one without a valid reason, one with.
    const addChild = async (name: string, valid: string, reason: string, outcome: string) => {
      await page.getByLabel("Name as given (needed without a UPN)").fill(name);
      await page.getByRole("group", { name: "Was the child with a parent or carer?" }).getByLabel("No").check();
      await page.getByLabel("Reason given").fill(reason);
      await page.getByRole("group", { name: "Was the reason valid?" }).getByLabel(valid).check();
      await page.getByRole("group", { name: "What happened?" }).getByLabel(outcome).check();
      await page.getByRole("button", { name: "Add the child" }).click();
      await expect(page.getByRole("cell", { name: new RegExp(`^${name}`) })).toBeVisible();
    };
    await addChild("Jordan Example", "No valid reason", "Said school was boring", "Returned to school");
    await addChild("Sam Example", "Yes, a valid reason", "Dentist appointment; card shown", "Other");

    // 2 stopped, 1 truant, 4 police hours: 0.5 stopped per police hour, 240 police minutes per truant.
    const yieldRow = page.getByRole("table", { name: "Yield of this sweep" }).getByRole("row", { name: /This sweep/ });
    await expect(yieldRow.getByRole("cell")).toHaveText(["2", "1", "4", "0.5", "240.0", "0.0%"]);
    await expectNoAxeViolations(page);
  });

  test("sees every dashboard chart with its table, and axe finds nothing", async ({ page }) => {
    // Six charts, their tables and an axe run: 14 s at load 20, 34 s at load 22 (6 December 2026), so 120 s.
    test.setTimeout(120_000);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();
    for (const name of [
      "Attendance week by week",
      "Unauthorised absence week by week",
      "Unauthorised absence this year against the target",
      "Academies and other schools",
      /^Enforcement this year/,
      "Truancy sweeps by month",
    ]) {
      await expect(page.getByRole("heading", { level: 3, name })).toBeVisible();
    }
    await expectChartsWithTables(page, 6);
    // The target and the national figure are drawn and named in the key.
    await expect(
      page.getByRole("list", { name: /Key to unauthorised absence this year against the target/ }),
    ).toContainText("Target: Darlington target");
    await expect(
      page.getByRole("link", { name: /over the penalty-notice threshold with no notice and no case/ }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("reads the census variables by name and downloads them as CSV with exactly those columns", async ({ page }) => {
    await page.goto("/statistics?year=2025");
    await expect(page.getByRole("heading", { level: 1, name: "Statistics, 2025/26" })).toBeVisible();
    for (const name of ["pn_issued", "pn_paid_21", "pn_paid_22_28", "case_management_withdrawn_att_improved"]) {
      await expect(page.getByRole("rowheader", { name, exact: true })).toBeVisible();
    }
    // The demo's penalty notices of 2025/26 on Darlington's closed cases.
    const issued = page
      .getByRole("row", { name: /^pn_issued / })
      .getByRole("cell")
      .last();
    expect(Number(await issued.innerText())).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    const csv = await page.request.get("/statistics/parental-responsibility.csv?year=2025");
    expect(csv.status()).toBe(200);
    const [header, row] = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header!.split(",").slice(0, 19)).toEqual([
      "time_period",
      "time_identifier",
      "geographic_level",
      "old_la_code",
      "la_name",
      "pn_issued",
      "pn_paid_21",
      "pn_paid_22_28",
      "pn_withdrawn",
      "pn_prosecuted_non_payment",
      "pn_unresolved",
      "case_management",
      "case_management_prosecuted",
      "case_management_withdrawn_att_improved",
      "case_management_withdrawn_other",
      "supervision_orders_total",
      "supervision_orders_inplaceofprosecution",
      "supervision_orders_inadditiontoprosecution",
      "parenting_orders_granted",
    ]);
    expect(row!.split(",").slice(0, 5)).toEqual(["202526", "Academic year", "Local authority", "841", "Darlington"]);

    const api = await page.request.get("/api/v1/statistics/parental-responsibility?year=2025");
    expect(api.status()).toBe(200);
    expect((await api.json()).census.pn_issued).toBe(Number(row!.split(",")[5]));
  });

  test("opens a count of unused powers, and the fairness table, and axe finds nothing on either", async ({ page }) => {
    await page.goto("/statistics");
    await page.getByRole("link", { name: /windows ended and still undecided/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Windows ended and still undecided" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/statistics");
    await page.getByRole("link", { name: "Fairness: who enforcement falls on" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Fairness, / })).toBeVisible();
    await expect(page.getByRole("table", { name: "Free school meals" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("sees the case's progress against the target as a chart with its table", async ({ page }) => {
    await page.goto("/cases?queue=ending-soon&officer=all");
    const link = page.getByRole("table").locator("tbody tr").first().getByRole("link").first();
    await link.click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}(\/reason)?$/);
    await giveReasonIfAsked(page);
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(
      page.getByRole("heading", { level: 3, name: "Progress against the target, week by week", exact: true }),
    ).toBeVisible();
    await expectChartsWithTables(page, await page.locator("figure[data-chart]").count());
    expect(await page.locator("figure[data-chart]").count()).toBeGreaterThan(0);
    await expect(page.getByRole("list", { name: /Key to progress against the target, week by week/ })).toContainText(
      "Window ends",
    );
  });
});

test.describe("officer", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("sees a pupil's weekly attendance as a chart above the register grid", async ({ page }) => {
    const { href } = await findPupilInListing(page);
    await page.goto(`${href}/attendance`);
    await givePupilReasonIfAsked(page); // a colleague's pupil asks the reason first
    const chart = page.getByRole("heading", { level: 2, name: "Attendance week by week" });
    await expect(chart).toBeVisible();
    await expectChartsWithTables(page, 1);
    const chartBox = await chart.boundingBox();
    const gridBox = await page.getByRole("heading", { level: 2, name: "Register marks" }).boundingBox();
    expect(chartBox!.y).toBeLessThan(gridBox!.y);
    await expectNoAxeViolations(page);
  });

  test("records sweeps but cannot open the statistics", async ({ page }) => {
    await page.goto("/sweeps");
    await expect(page.getByRole("heading", { level: 1, name: "Truancy sweeps" })).toBeVisible();
    for (const path of ["/statistics", "/statistics/fairness", "/statistics/powers/referrals_waiting"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    expect((await page.request.get("/statistics/parental-responsibility.csv")).status()).toBe(404);
    expect((await page.request.get("/api/v1/statistics/parental-responsibility?year=2026")).status()).toBe(403);
  });
});

test("school staff and another authority's manager are refused", async ({ browser }, testInfo) => {
  const sweepPath = await asUser(browser, testInfo, "darlington-manager", async (page) => {
    await page.goto("/sweeps");
    return (await page
      .getByRole("table", { name: /Every sweep/ })
      .locator("tbody a")
      .first()
      .getAttribute("href"))!;
  });
  await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
    for (const path of ["/sweeps", "/sweeps/new", sweepPath, "/statistics", "/statistics/fairness"]) {
      await page.goto(path);
      await expect(notFoundHeading(page), path).toBeVisible();
    }
    expect((await page.request.get("/api/v1/sweeps")).status()).toBe(403);
    expect((await page.request.post("/api/v1/sweeps", { data: {}, headers: sameOrigin(testInfo) })).status()).toBe(403);
  });
  await asUser(browser, testInfo, "middlesbrough-manager", async (page) => {
    await page.goto(sweepPath);
    await expect(notFoundHeading(page)).toBeVisible();
  });
});
