// Letters (issue 4 §6, issue 15 §1): an officer opens a case for a pupil with two parents and previews each parent's
// warning letter, which starts the Fast Track window in the same step and quotes the attendance before the letter
// (with the dates of the unauthorised sessions); sending records them; each PDF is a real PDF naming its parent, and
// both print as one PDF. An administrator's template with an
// unknown merge field is refused, naming the field. School staff get 404 for the letters.
import { expect, test, type Page } from "@playwright/test";
import { extractPdfText } from "../lib/server/pdf/pdf-text";
import { asUser, authFile, errorSummary, newContext, notFoundHeading } from "./support";

test.describe.configure({ mode: "serial" });
test.use({ storageState: authFile("darlington-officer") });

let caseUrl = "";
let letterUrls: string[] = [];

/** A pupil near the end of the first /pupils page (left free of cases by the seed; other specs take the first
 * ones) whose open-case form ticks two parents with parental responsibility; opens the case. */
async function openCaseWithTwoParents(page: Page): Promise<string> {
  await page.goto("/pupils");
  const links = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("cell") })
    .getByRole("link");
  await expect(links.first()).toBeVisible();
  const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))).filter((h) =>
    /^\/pupils\/[0-9a-f-]{36}$/.test(h),
  );
  for (const href of hrefs.slice(10).reverse()) {
    await page.goto(`/cases/new?pupil=${href.split("/").pop()}`);
    const parents = page
      .getByRole("group", { name: "Parents and carers the case concerns" })
      .getByRole("checkbox", { checked: true });
    if (
      (await page.getByRole("heading", { level: 1, name: "Open a case" }).count()) === 0 ||
      (await parents.count()) < 2
    )
      continue;
    await page.getByRole("button", { name: "Open the case" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    return new URL(page.url()).pathname;
  }
  throw new Error("No free demo pupil with two parents on the first page of /pupils");
}

test("an officer produces a warning letter for each of two parents and downloads each PDF", async ({ page }) => {
  test.setTimeout(90_000);
  caseUrl = await openCaseWithTwoParents(page);

  const letters = page.getByRole("region", { name: "Letters" });
  await expect(letters.getByText("No letters have been sent on this case.")).toBeVisible();
  await letters.getByRole("link", { name: "Produce letters" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Produce letters" })).toBeVisible();
  await expect(page.getByText(/^The Fast Track window has not started\. The warning letter starts it/)).toBeVisible();

  // Bad input first: nobody ticked and no kind chosen saves nothing and says what to do.
  const parents = page.getByRole("group", { name: "Who to write to" }).getByRole("checkbox");
  await expect(parents).toHaveCount(2);
  for (const box of await parents.all()) await box.uncheck();
  await page.getByRole("button", { name: "Preview letters" }).click();
  await expect(errorSummary(page)).toContainText("Select at least one parent or carer to write to");
  await expect(errorSummary(page)).toContainText("Choose the kind of letter");
  await expect(
    errorSummary(page).getByRole("link", { name: "Select at least one parent or carer to write to" }),
  ).toHaveAttribute("href", "#parentIds");

  for (const box of await parents.all()) await box.check();
  await page.getByLabel("Warning letter (starts the Fast Track window)").check();
  // The warning starts the window, so it needs the target.
  await page.getByRole("button", { name: "Preview letters" }).click();
  await expect(errorSummary(page)).toContainText("Set a minimum attendance, a maximum number of unauthorised sessions");
  await page.getByLabel("Minimum attendance over the window (%)").fill("90");
  await page.getByRole("button", { name: "Preview letters" }).click();
  // Each parent's letter is shown before anything is recorded, stating the facts: the attendance over the 6 school
  // weeks before the letter, and this term, with the dates of the unauthorised sessions; and the window's dates.
  await expect(page.getByRole("heading", { level: 2, name: "Check each letter before sending" })).toBeVisible();
  const previews = page.getByTestId("letter-preview");
  await expect(previews).toHaveCount(2);
  for (const preview of await previews.all()) {
    await expect(preview).toContainText(/From \d+ \w+ 2026 to 19 November 2026, .+'s attendance was \d+(\.\d)?%/);
    await expect(preview).toContainText("This term so far (");
    await expect(preview).toContainText("From 20 November 2026 to");
    await expect(preview).toContainText("attendance of at least 90%");
    await expect(preview).not.toContainText("{{");
    await expect(preview).not.toContainText("not recorded");
  }
  await page.getByRole("button", { name: "Send these 2 letters" }).click();
  await expect(page).toHaveURL(new RegExp(`${caseUrl}#letters$`));
  await expect(page.getByText("Attendance of at least 90%").first()).toBeVisible();

  const rows = letters.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(2);
  letterUrls = [];
  const names: string[] = [];
  for (const row of await rows.all()) {
    await expect(row.getByRole("cell").first()).toHaveText("Warning letter (starts the Fast Track window)");
    await expect(row.getByRole("cell").nth(2)).toHaveText("20 November 2026");
    names.push((await row.getByRole("cell").nth(1).innerText()).trim());
    letterUrls.push((await row.getByRole("link", { name: /^PDF/ }).getAttribute("href"))!);
  }
  expect(new Set(names).size).toBe(2);
  for (const [i, url] of letterUrls.entries()) {
    expect(url).toMatch(new RegExp(`^${caseUrl}/letters/[0-9a-f-]{36}/pdf$`));
    const response = await page.request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toMatch(
      /^inline; filename="warning-[a-z0-9-]+-2026-11-20\.pdf"$/,
    );
    const body = await response.body();
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = extractPdfText(body);
    expect(text).toContain(names[i]!);
    expect(text).not.toContain(names[1 - i]!);
    expect(text).toContain("section 444 of the Education Act 1996");
  }

  // Both letters print as one PDF.
  const printAll = page.getByRole("link", { name: /^Print the 2 letters sent on 20 November 2026 \(.+\) as one PDF$/ });
  const both = await page.request.get((await printAll.getAttribute("href"))!);
  expect(both.status()).toBe(200);
  const bothText = extractPdfText(await both.body());
  for (const name of names) expect(bothText).toContain(name);

  // The printable HTML view of a letter, from the list.
  await rows.first().getByRole("link", { name: "Warning letter (starts the Fast Track window)", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Letter to ${names[0]}` })).toBeVisible();
  await expect(page.getByTestId("letter-preview")).toContainText("Formal warning:");
  await page.getByRole("link", { name: "Back to the case" }).click();

  // Each letter is on the timeline.
  await expect(
    page.getByText(new RegExp(`Warning letter \\(starts the Fast Track window\\) to ${names[0]}`)),
  ).toBeVisible();
});

test("an administrator's template with an unknown merge field is refused, naming it; a preview shows the sample letter", async ({
  browser,
}, testInfo) => {
  await asUser(browser, testInfo, "darlington-admin", async (page) => {
    await page.goto("/admin/letters");
    await expect(page.getByRole("heading", { level: 1, name: "Letter templates" })).toBeVisible();
    await page.getByRole("link", { name: "Review letter" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Review letter" })).toBeVisible();
    const body = page.getByLabel("Letter text");
    await body.fill("Dear {{parent.salutation}}\n\nAbout {{pupil.name}}.\n{{pupil.nmae}}");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(errorSummary(page)).toContainText(
      "Unknown merge field {{pupil.nmae}} on line 4. Did you mean {{pupil.name}}?",
    );
    await expect(page.locator("#body-error")).toContainText("Unknown merge field {{pupil.nmae}} on line 4");

    await body.fill("Dear {{parent.salutation}}\n\nAbout {{pupil.name}}.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Preview (not saved)" })).toBeVisible();
    await expect(page.getByTestId("letter-preview")).toContainText("Dear Ms Sample");
    await expect(page.getByTestId("letter-preview")).toContainText("About Alex Sample.");
    await page.goto("/admin/letters");
    await expect(page.getByRole("row", { name: /Review letter/ })).toContainText("Built-in");

    const pdf = await page.request.get("/admin/letters/review/preview.pdf");
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(extractPdfText(await pdf.body())).toContain("Ms Jane Sample");
  });
});

test("without JavaScript the template form still refuses an unknown field and previews", async ({
  browser,
}, testInfo) => {
  const context = await newContext(browser, testInfo, {
    storageState: authFile("darlington-admin"),
    javaScriptEnabled: false,
  });
  try {
    const page = await context.newPage();
    await page.goto("/admin/letters/final-warning");
    await page.getByLabel("Letter text").fill("Dear {{parent.salutation}}\n\n{{case.windowEnd}} {{case.widnowEnd}}");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(errorSummary(page)).toContainText(
      "Unknown merge field {{case.widnowEnd}} on line 3. Did you mean {{case.windowEnd}}?",
    );
    await expect(page.getByLabel("Letter text")).toHaveValue(
      "Dear {{parent.salutation}}\n\n{{case.windowEnd}} {{case.widnowEnd}}",
    );
    await page.getByLabel("Letter text").fill("Dear {{parent.salutation}}\n\nThe window ends on {{case.windowEnd}}.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("letter-preview")).toContainText("The window ends on 19 February 2027.");
  } finally {
    await context.close();
  }
});

test("school staff get 404 for the letter PDFs and pages; officers for the template pages", async ({
  browser,
  page,
}, testInfo) => {
  expect(letterUrls.length).toBe(2);
  await asUser(browser, testInfo, "darlington-school-984101", async (school) => {
    for (const url of letterUrls) expect((await school.request.get(url)).status()).toBe(404);
    await school.goto(letterUrls[0]!.replace(/\/pdf$/, ""));
    await expect(notFoundHeading(school)).toBeVisible();
    await school.goto(`${caseUrl}/letters/new`);
    await expect(notFoundHeading(school)).toBeVisible();
  });
  await asUser(browser, testInfo, "middlesbrough-manager", async (other) => {
    expect((await other.request.get(letterUrls[0]!)).status()).toBe(404);
  });
  await page.goto("/admin/letters/warning");
  await expect(notFoundHeading(page)).toBeVisible();
  expect((await page.request.get("/admin/letters/warning/preview.pdf")).status()).toBe(404);
});
