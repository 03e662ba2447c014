// Importing a register through the upload page: every error listed with its line and nothing saved; a good file
// replaces marks and shows on the pupil's attendance page and in the at-risk queue; school staff are refused
// another school's rows; and the page works without JavaScript.
import { expect, test, type Page } from "@playwright/test";
import { asUser, authFile, errorSummary, findPupilInListing, givePupilReasonIfAsked, OWN_SCHOOL } from "./support";

// Each test works on pupils of its own school, so that tests running in parallel never touch the same marks.
const ERRORS_SCHOOL = "Cockerton Green Primary School";
const UPLOAD_SCHOOL = "Harrowgate Hill School";
const NO_JS_SCHOOL = "Branksome Hall Academy";
const OTHER_SCHOOL_URN = 984102; // Cockerton Green Primary School, not the school user's

async function upload(page: Page, name: string, csv: string) {
  await page.goto("/attendance/import");
  await page.getByLabel("Upload a register").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and import" }).click();
}

/** The error table's rows as [line, problem] pairs. */
async function problemRows(page: Page) {
  const table = errorSummary(page).getByRole("table", { name: "Problems in the file" });
  await expect(table).toBeVisible();
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th")!.textContent!.trim(), tr.querySelectorAll("td")[2]!.textContent!.trim()]),
  );
}

/** A figure from the Summary table of a pupil's attendance page, in the year-to-date (last) column. */
async function yearFigure(page: Page, label: string) {
  const row = page
    .getByRole("table", { name: "Summary" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  return (await row.getByRole("cell").last().innerText()).trim();
}

test.describe("education welfare officer", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("a file with errors lists every error with its line and saves nothing", async ({ page }) => {
    const pupil = await findPupilInListing(page, { school: ERRORS_SCHOOL });
    const wrongCheckLetter = (pupil.upn[0] === "A" ? "B" : "A") + pupil.upn.slice(1);
    const csv = [
      "upn,date,session,code",
      "R201100018042,2026-11-16,AM,/",
      `${wrongCheckLetter},2026-11-16,AM,/`,
      `${pupil.upn},2026-11-16,PM,QQ`,
      `${pupil.upn},2026-11-17,AM,N`,
      `${pupil.upn},2026-11-17,AM,N`,
    ].join("\n");
    await upload(page, "errors.csv", csv);

    const summary = errorSummary(page);
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link", { name: /Nothing was saved: errors\.csv has 4 problems/ })).toHaveAttribute(
      "href",
      "#file",
    );
    expect(await problemRows(page)).toEqual([
      ["Line 2", expect.stringContaining("Unknown UPN")],
      ["Line 3", expect.stringContaining("check letter is wrong")],
      ["Line 4", expect.stringContaining('Code "QQ" is not valid on 16 November 2026')],
      ["Line 6", "Duplicate row: the same pupil, date and session as line 5"],
    ]);
    await expect(summary.getByRole("row").filter({ hasText: "Line 2" })).toContainText("R201100018042");
    await expect(summary.getByRole("row").filter({ hasText: "Line 6" })).toContainText("17 November 2026");

    // Nothing was saved: the pupil's marks for the 17th are unchanged.
    await page.goto(`${pupil.href}/attendance`);
    await givePupilReasonIfAsked(page); // a colleague's pupil asks the reason first
    await expect(page.getByRole("heading", { name: "Changes to marks" })).toBeVisible();
    await expect(page.getByText("No marks have been changed by a later register.")).toBeVisible();
  });

  test("a good file replaces the week's marks, shows on the attendance page and puts the pupil in the at-risk queue", async ({
    page,
  }) => {
    const pupil = await findPupilInListing(page, { school: UPLOAD_SCHOOL });

    await page.goto(`${pupil.href}/attendance`);

    await givePupilReasonIfAsked(page); // a colleague's pupil asks the reason first
    await expect(page.getByRole("heading", { name: "Register marks" })).toBeVisible();
    const before = Number(await yearFigure(page, "Unauthorised absence"));
    const beforeRate = await yearFigure(page, "Unauthorised absence rate");
    // Fewer than 10 unauthorised sessions all year: not at the penalty notice threshold before the upload.
    expect(before).toBeLessThan(10);

    let changed = 0;
    await test.step("upload ten sessions of N for 16 to 20 November 2026", async () => {
      const days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
      const csv = [
        "upn,date,session,code",
        ...days.flatMap((d) => [`${pupil.upn},${d},AM,N`, `${pupil.upn},${d},PM,N`]),
      ].join("\r\n");
      await upload(page, "week-47.csv", csv);
      const panel = page.getByRole("status").filter({ has: page.getByRole("heading", { name: "Register imported" }) });
      await expect(panel).toBeVisible();
      await expect(panel).toContainText("week-47.csv: 10 marks read");
      // The seed has marks up to the day before the clock (19 November): Friday's two are new, the rest replaced
      // (or unchanged where the seed already had N).
      const counts = (await panel.getByRole("listitem").allInnerTexts()).map((t) => Number.parseInt(t, 10));
      expect(counts[0]).toBe(2);
      expect(counts[0]! + counts[1]! + counts[2]!).toBe(10);
      changed = counts[1]!;
      expect(changed).toBeGreaterThan(0);
    });

    await test.step("the attendance page shows N in every cell of the week and more unauthorised absence", async () => {
      await page.goto(`${pupil.href}/attendance`);
      await givePupilReasonIfAsked(page); // a colleague's pupil asks the reason first
      const week = page
        .getByRole("table", { name: /Marks week by week/ })
        .getByRole("row", { name: /Week commencing 16 November 2026/ });
      const cells = week.getByRole("cell");
      await expect(cells).toHaveCount(10);
      await expect(cells).toHaveText(Array(10).fill("N, unauthorised absence"));
      await expect(week.locator('[data-category="unauthorised"]')).toHaveCount(10);
      expect(Number(await yearFigure(page, "Unauthorised absence"))).toBeGreaterThanOrEqual(Math.max(10, before + 2));
      expect(await yearFigure(page, "Unauthorised absence rate")).not.toBe(beforeRate);
      const changes = page
        .getByRole("table", { name: /Changes to marks/ })
        .getByRole("row")
        .filter({ has: page.getByRole("cell") });
      await expect(changes).toHaveCount(changed);
      await expect(changes.first()).toContainText(/changed to\s*N/);
    });

    await test.step("the at-risk queue lists the pupil at the penalty notice threshold", async () => {
      await page.goto("/attendance/at-risk");
      await page.getByLabel("School").selectOption({ label: UPLOAD_SCHOOL });
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL((u) => u.searchParams.has("school"));
      const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: pupil.upn, exact: true }) });
      await expect(row.getByRole("link").first()).toHaveAttribute("href", `${pupil.href}/attendance`);
      await expect(row).toContainText("Penalty notice threshold");
      await expect(row).toContainText("threshold reached week commencing 16 November 2026");
    });
  });
});

test.describe("school staff at URN 984101", () => {
  test.use({ storageState: authFile("darlington-school-984101") });

  test("are told they can import only their own school's registers, and are refused another school's rows", async ({
    browser,
    page,
  }, testInfo) => {
    const other = await asUser(browser, testInfo, "darlington-manager", (p) =>
      findPupilInListing(p, { school: ERRORS_SCHOOL }),
    );
    await page.goto("/attendance/import");
    await expect(page.getByText(`You can only import registers for pupils on roll at ${OWN_SCHOOL}.`)).toBeVisible();

    // Naming another school: refused outright.
    await upload(
      page,
      "other-school.csv",
      `upn,date,session,code,school_urn\n${other.upn},2026-11-16,AM,/,${OTHER_SCHOOL_URN}\n`,
    );
    await expect(errorSummary(page).getByRole("link")).toHaveText([`You can only import registers for ${OWN_SCHOOL}`]);
    await expect(page.locator("#file-error")).toContainText(`You can only import registers for ${OWN_SCHOOL}`);

    // Not naming it: the pupil is simply not on their roll.
    await upload(page, "other-pupil.csv", `upn,date,session,code\n${other.upn},2026-11-16,AM,/\n`);
    expect(await problemRows(page)).toEqual([
      ["Line 2", `Unknown UPN: no pupil with this UPN on the roll of ${OWN_SCHOOL}`],
    ]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ storageState: authFile("darlington-officer"), javaScriptEnabled: false });

  test("the upload form posts to the server and shows errors, then the saved counts", async ({ page }) => {
    const pupil = await findPupilInListing(page, { school: NO_JS_SCHOOL });
    await upload(page, "no-js-errors.csv", `upn,date,session,code\n${pupil.upn},2026-11-20,XX,/\n`);
    expect(await problemRows(page)).toEqual([["Line 2", 'Invalid session "XX": use AM or PM']]);

    await upload(
      page,
      "no-js.csv",
      `upn,date,session,code\n${pupil.upn},2026-11-20,AM,L\n${pupil.upn},2026-11-20,PM,\\\n`,
    );
    await expect(page.getByRole("heading", { name: "Register imported" })).toBeVisible();
    await expect(page.getByRole("status").getByRole("listitem")).toHaveText(["2 new", "0 changed", "0 unchanged"]);
  });
});
