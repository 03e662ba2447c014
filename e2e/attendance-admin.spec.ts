// Administrators keep the term calendar and the comparison figures. Changes are made in Redcar and Cleveland,
// which no other spec reads, so that a calendar rebuild never runs under another spec's register import.
import { expect, test } from "@playwright/test";
import { authFile, demoEmail, errorSummary, fillDate, signIn } from "./support";

test.describe("Darlington administrator", () => {
  test.use({ storageState: authFile("darlington-admin") });

  test("a calendar file with errors lists each line's problem and saves nothing", async ({ page }) => {
    await page.goto("/admin/calendar");
    await expect(page.getByRole("table", { name: /2026\/27/ })).toBeVisible();
    const before = await page.locator("main table").allTextContents();
    const csv = [
      "kind,start,end,name",
      "term,2030-09-02,2030-10-23,Autumn 1 2030",
      "holiday,2030-10-24,2030-10-24,Half term",
      "term,2030-13-01,2030-12-18,Autumn 2 2030",
      "closure,2031-01-05,2031-01-05,INSET day",
    ].join("\n");
    await page
      .getByLabel("Upload a calendar file")
      .setInputFiles({ name: "calendar.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload calendar" }).click();

    const items = errorSummary(page).getByRole("listitem");
    await expect(items.first()).toHaveText("The file has 3 problems; nothing was saved");
    await expect(items.nth(1)).toContainText('Line 3: kind must be "term" or "closure", not "holiday"');
    await expect(items.nth(2)).toContainText('Line 4: start date "2030-13-01" is not a real date');
    await expect(items.nth(3)).toContainText(
      'Line 5: closure "INSET day" (5 January 2031 to 5 January 2031) is not inside any term',
    );
    await expect(items).toHaveCount(4);
    await expect(page.locator("main table")).toHaveText(before);
  });
});

test.describe("Redcar and Cleveland administrator", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, demoEmail("redcar", "admin"));
  });

  test("adds a term and a closure to the calendar, is refused a closure outside every term, and deletes them", async ({
    page,
  }) => {
    await page.goto("/admin/calendar");
    await page.getByRole("button", { name: "Add to calendar" }).click();
    await expect(errorSummary(page).getByRole("link")).toHaveText([
      "Select whether this is a term or a closure",
      "Enter the start date",
      "Enter the end date",
      "Enter a name, for example Autumn 1 or INSET day",
    ]);

    const add = async (kind: "Term" | "Closure", start: string, end: string, name: string) => {
      await page.getByRole("group", { name: "Kind" }).getByLabel(kind, { exact: true }).check();
      await fillDate(page, "Start date", start);
      await fillDate(page, "End date", end);
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Add to calendar" }).click();
    };
    await add("Term", "2031-09-03", "2031-10-24", "Autumn 1 2031");
    await expect(page.getByText("“Autumn 1 2031” added to the calendar")).toBeVisible();
    const year = page.getByRole("table", { name: /2031\/32/ });
    await expect(year.getByRole("row", { name: /Autumn 1 2031/ })).toContainText("3 September 2031");

    await add("Closure", "2031-11-03", "2031-11-03", "INSET day");
    await expect(errorSummary(page)).toContainText("is not inside any term");
    await expect(year.getByRole("rowheader", { name: "INSET day" })).toHaveCount(0);

    await add("Closure", "2031-10-24", "2031-10-24", "INSET day");
    await expect(year.getByRole("rowheader", { name: "INSET day" })).toBeVisible();
    await expect(year).toContainText("37 school days");

    // The term cannot go while its closure is in it; the closure then the term can.
    await year.getByRole("button", { name: /Delete term Autumn 1 2031/ }).click();
    await expect(errorSummary(page)).toContainText("The entry was not deleted");
    await year.getByRole("button", { name: /Delete closure INSET day/ }).click();
    await expect(year.getByRole("rowheader", { name: "INSET day" })).toHaveCount(0);
    await year.getByRole("button", { name: /Delete term Autumn 1 2031/ }).click();
    await expect(page.getByRole("table", { name: /2031\/32/ })).toHaveCount(0);
  });

  test("adds a comparison figure, is refused a duplicate, and deletes it", async ({ page }) => {
    await page.goto("/admin/comparisons");
    const add = async (rate: string) => {
      await page.getByLabel("Academic year").fill("2031");
      await page.getByRole("group", { name: "Kind of figure" }).getByLabel("Authority", { exact: true }).check();
      await page.getByLabel("Label", { exact: true }).fill("Statistical neighbours");
      await page.getByLabel("Unauthorised absence rate (%)").fill(rate);
      await page.getByLabel("Source (optional)").fill("e2e test");
      await page.getByRole("button", { name: "Add figure" }).click();
    };
    await add("1.234");
    await expect(errorSummary(page).getByRole("link")).toHaveText([/0 to 100, with up to 2 decimal places/]);
    await page.getByLabel("Unauthorised absence rate (%)").fill("1.25");
    await page.getByRole("button", { name: "Add figure" }).click();
    await expect(page.getByText("Figure “Statistical neighbours” added")).toBeVisible();
    const row = page.getByRole("row", { name: /2031\/32 Authority Statistical neighbours/ });
    await expect(row).toContainText("1.25%");

    await add("2");
    await expect(errorSummary(page).getByRole("link")).toHaveText([
      'There is already an authority figure called "Statistical neighbours" for 2031/32',
    ]);

    await row.getByRole("button", { name: /Delete/ }).click();
    await expect(page.getByRole("row", { name: /2031\/32 Authority Statistical neighbours/ })).toHaveCount(0);
  });
});
