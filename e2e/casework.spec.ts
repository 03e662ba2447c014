// Casework end to end: a school flags a pupil; an officer triages it, records work, starts the Fast Track window
// with a target and adds a home visit; school staff and administrators cannot open the case (404); empty forms
// show the GOV.UK error summary; a stale save keeps what was typed and says to reload.
//
// Pupils: the 7th and 8th rows of Skerne Park Primary School's own /pupils listing, which the demo casework
// (prisma/seed-cases.ts) leaves free of flags and cases and no other spec uses.
import { expect, test, type Page } from "@playwright/test";
import { asUser, authFile, errorSummary, fillContact, fillDate, notFoundHeading } from "./support";

const FLAG_ROW = 6;
const STALE_ROW = 7;

/** A pupil of the school user's own school: the n-th row of their /pupils listing. */
async function ownPupil(page: Page, row: number) {
  await page.goto("/pupils");
  const link = page.getByRole("table").locator("tbody tr").nth(row).getByRole("link");
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/pupils\/[0-9a-f-]{36}$/);
  const [lastName, firstName] = (await link.innerText()).trim().split(", ");
  return { id: href.split("/").pop()!, name: `${firstName} ${lastName}`, listName: `${lastName}, ${firstName}` };
}

/** Fills in and sends the flag form for a pupil (signed in as school staff). */
async function flag(page: Page, pupilId: string) {
  await page.goto(`/school-flags/new?pupil=${pupilId}`);
  await page
    .getByLabel("Why are you flagging this pupil?")
    .fill("Absent most Mondays since September; letters unanswered.");
  await page.getByLabel("A meeting with the parents or carers").check();
  await page.getByLabel("Early help").check();
  await page.getByRole("button", { name: "Send flag" }).click();
  await expect(page.getByText("Flag sent to the attendance service")).toBeVisible();
}

/** As an officer: accepts the pupil's flag from the triage queue (opening today) and lands on the new case. */
async function acceptFlag(page: Page, pupilName: string) {
  await page.goto("/flags");
  await page.getByRole("link", { name: `${pupilName} (view flag)` }).click();
  await expect(page.getByRole("heading", { level: 1, name: pupilName })).toBeVisible();
  await page.getByRole("link", { name: "Accept and open a case" }).click();
  await page.getByRole("button", { name: "Accept and open a case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(pupilName) })).toBeVisible();
  return page.url().split("/").pop()!;
}

// The journey runs as serial steps, each with its own time budget: as one test it took 20.6 s of Playwright's 30 s
// on an idle 2-core machine (5 December 2026) and timed out on a busy one. A failed step skips the ones after it.
test.describe("casework: flag, triage and the case page", () => {
  test.describe.configure({ mode: "serial" });
  let pupil: Awaited<ReturnType<typeof ownPupil>>;
  let caseId: string;

  test("a school flags a pupil", async ({ browser }, testInfo) => {
    pupil = await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
      const p = await ownPupil(page, FLAG_ROW);
      await flag(page, p.id);
      await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: p.name }) })).toContainText(
        "New",
      );
      return p;
    });
  });

  test("an officer accepts the flag and records a meeting", async ({ browser }, testInfo) => {
    caseId = await asUser(browser, testInfo, "darlington-officer", async (page) => {
      const id = await acceptFlag(page, pupil.name);
      await expect(page.getByText("Case opened").first()).toBeVisible();

      await page.getByRole("link", { name: "Record a meeting, visit, call or note" }).click();
      await page.getByLabel("Meeting").check();
      await fillDate(page, "Date it happened", "20/11/2026");
      await fillContact(page, {
        time: "9:30am",
        outcome: "Spoke to or met a parent or carer",
        childSeen: "Yes",
        nextStep: "Start the Fast Track window with the agreed target",
      });
      await page
        .getByRole("group", { name: "Which parents or carers it concerns" })
        .getByRole("checkbox")
        .first()
        .check();
      await page.getByLabel("Notes").fill("Parents' meeting at school: Fast Track explained, support offered.");
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${id}$`));
      return id;
    });
  });

  test("the officer starts the window with a target; the end and milestones come from the term calendar", async ({
    browser,
  }, testInfo) => {
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      await page.goto(`/cases/${caseId}`);
      await page.getByRole("link", { name: "Start the Fast Track window" }).first().click();
      await expect(
        page.getByRole("table", { name: /Milestones if the window starts on 20 November 2026/ }),
      ).toBeVisible();
      const start = page.getByRole("group", { name: "Date of the parents' meeting or warning letter" });
      await expect(start.getByLabel("Day")).toHaveValue("20");
      await expect(start.getByLabel("Month")).toHaveValue("11");
      await expect(start.getByLabel("Year")).toHaveValue("2026");
      // The preview's date is a GOV.UK date input too: a part left out is named, a date typed whole is read, and
      // the dates shown are then the start form's.
      const preview = page.getByRole("group", { name: "See the dates for another start date" });
      await preview.getByLabel("Day").fill("27");
      await preview.getByLabel("Month").fill("");
      await page.getByRole("button", { name: "Show the dates" }).click();
      await expect(errorSummary(page)).toContainText("The start date must include a month");
      await expect(preview.getByLabel("Day")).toHaveValue("27");
      await preview.getByLabel("Day").fill("27/11/2026");
      await preview.getByLabel("Year").fill("");
      await page.getByRole("button", { name: "Show the dates" }).click();
      await expect(
        page.getByRole("table", { name: /Milestones if the window starts on 27 November 2026/ }),
      ).toBeVisible();
      await expect(start.getByLabel("Day")).toHaveValue("27");
      await fillDate(page, "Date of the parents' meeting or warning letter", "20/11/2026");
      await page.getByLabel("Minimum attendance over the window (%)").fill("90");
      await page.getByLabel("Maximum unauthorised sessions in the window").fill("6");
      await page.getByRole("button", { name: "Start the window" }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
      await expect(
        page.getByText("Attendance of at least 90% and no more than 6 unauthorised sessions").first(),
      ).toBeVisible();
      await expect(page.getByRole("table", { name: "Milestones" })).toContainText("Decision");
      await expect(page.getByText("Can the target still be met?")).toBeVisible();
      await expect(page.getByRole("link", { name: "Start the Fast Track window" })).toHaveCount(0);
    });
  });

  test("the officer adds a home visit; the timeline is newest first, each with who recorded it", async ({
    browser,
  }, testInfo) => {
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      await page.goto(`/cases/${caseId}`);
      await page.getByRole("link", { name: "Record a meeting, visit, call or note" }).click();
      await page.getByLabel("Home visit").check();
      await fillDate(page, "Date it happened", "20/11/2026");
      await fillContact(page, {
        time: "4pm",
        outcome: "No access: card or message left",
        childSeen: "No",
        nextStep: "Visit again on Monday morning",
      });
      await page.getByLabel("Notes").fill("Home visit: no answer; card left through the door.");
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));

      const titles = page.locator(".moj-timeline__title");
      await expect(titles).toHaveText(["Home visit", "Fast Track window started", "Meeting", "Case opened"]);
      await expect(page.locator(".moj-timeline__byline").first()).toContainText("by ");
      await expect(page.locator(".moj-timeline__date").first()).toHaveText("20 November 2026");
    });
  });

  test("the school follows the case (officer, window, target; never the casework notes), is told, and gets 404 on every officers' case page", async ({
    browser,
  }, testInfo) => {
    await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
      await page.goto("/school-flags");
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: pupil.name }) });
      await expect(row).toContainText("Accepted");
      await expect(page.locator(`a[href^="/cases/"]`)).toHaveCount(0);
      await row.getByRole("link", { name: `Follow the case of ${pupil.name}` }).click();
      await expect(page).toHaveURL(new RegExp(`/school-cases/${caseId}$`));
      await expect(page.getByRole("heading", { level: 1, name: pupil.name })).toBeVisible();
      await expect(page.getByText("Case officer", { exact: true })).toBeVisible();
      await expect(
        page.getByText("Attendance of at least 90% and no more than 6 unauthorised sessions").first(),
      ).toBeVisible();
      await expect(page.getByText("Fast Track explained")).toHaveCount(0);
      await expect(page.getByText("spoke to mother on the doorstep")).toHaveCount(0);
      await page.goto("/notifications");
      await expect(page.getByText(new RegExp(`${pupil.name}.*the Fast Track window started`)).first()).toBeVisible();
      await expect(page.getByText(/was accepted: a case is open/).first()).toBeVisible();
      for (const path of [
        `/cases/${caseId}`,
        `/cases/${caseId}/events/new`,
        `/cases/${caseId}/start-window`,
        `/cases/${caseId}/close`,
        `/cases/${caseId}/reopen`,
        `/cases/${caseId}/reassign`,
        `/cases/${caseId}/letters/new`,
        "/flags",
        "/cases/new",
        "/cases",
      ]) {
        await page.goto(path);
        await expect(notFoundHeading(page), path).toBeVisible();
      }
    });
  });

  test("administrators, officers on the school's flag pages and another authority's manager get 404", async ({
    browser,
  }, testInfo) => {
    await asUser(browser, testInfo, "darlington-admin", async (page) => {
      for (const path of [`/cases/${caseId}`, `/cases/${caseId}/close`, `/cases/${caseId}/reassign`, "/flags"]) {
        await page.goto(path);
        await expect(notFoundHeading(page), path).toBeVisible();
      }
    });
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      // Flagging is for school staff only.
      for (const path of ["/school-flags", `/school-flags/new?pupil=${pupil.id}`]) {
        await page.goto(path);
        await expect(notFoundHeading(page), path).toBeVisible();
      }
    });
    await asUser(browser, testInfo, "middlesbrough-manager", async (page) => {
      for (const path of [
        `/cases/${caseId}`,
        `/cases/${caseId}/close`,
        `/cases/${caseId}/reassign`,
        `/cases/${caseId}/letters/new`,
      ]) {
        await page.goto(path);
        await expect(notFoundHeading(page), path).toBeVisible();
      }
    });
  });
});

test.describe("casework: a stale save", () => {
  test("a second save from a stale form is refused with the reload message, and what was typed stays", async ({
    browser,
  }, testInfo) => {
    const pupil = await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
      const p = await ownPupil(page, STALE_ROW);
      await flag(page, p.id);
      return p;
    });
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      const id = await acceptFlag(page, pupil.name);
      const second = await page.context().newPage();
      await second.goto(`/cases/${id}/events/new`);
      await page.goto(`/cases/${id}/events/new`);
      await page.getByLabel("Phone call").check();
      await fillDate(page, "Date it happened", "20/11/2026");
      await fillContact(page, {
        time: "11am",
        outcome: "No access, no answer, or did not attend",
        nextStep: "Call again",
      });
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${id}$`));

      await second.getByLabel("Note", { exact: true }).check();
      await fillDate(second, "Date it happened", "20/11/2026");
      await second.getByLabel("Notes").fill("Written in a form opened before the phone call was saved.");
      await second.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(errorSummary(second)).toContainText("changed by someone else after you opened it. Reload the page");
      await expect(second.getByLabel("Notes")).toHaveValue("Written in a form opened before the phone call was saved.");
      await second.close();
    });
  });
});

test.describe("casework: empty forms", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("an empty Record work form lists each problem with a link to its field", async ({ page }) => {
    // Any case the officer may change: the first on their own list ("My cases").
    await page.goto("/cases");
    const hrefs = await page
      .locator('main a[href^="/cases/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => /^\/cases\/[0-9a-f-]{36}$/.test(h))!;
    expect(href).toBeTruthy();
    await page.goto(`${href}/events/new`);
    await expect(page.getByRole("heading", { level: 1, name: "Record work on the case" })).toBeVisible();
    await page.getByRole("button", { name: "Save to the timeline" }).click();
    const summary = errorSummary(page);
    await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    const links = summary.getByRole("link");
    await expect(links).toHaveCount(2);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#kind", "#occurredOn"]);
    await summary.locator('a[href="#occurredOn"]').click();
    await expect(page.getByRole("group", { name: "Date it happened" }).getByLabel("Day")).toBeFocused();
  });

  test("an empty Decline form shows the summary linked to the reason", async ({ page }) => {
    await page.goto("/flags");
    await page.getByRole("table").locator("tbody tr").first().getByRole("link").click();
    await page.getByRole("link", { name: "Decline this flag" }).click();
    await page.getByRole("button", { name: "Decline the flag" }).click();
    await expect(errorSummary(page).getByRole("link")).toHaveCount(1);
    await expect(errorSummary(page).getByRole("link")).toHaveAttribute("href", "#reason");
    await expect(page.getByLabel("Why are you declining this flag?")).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe("casework: administrators' window settings", () => {
  test.use({ storageState: authFile("darlington-admin") });

  test("shows the settings and refuses a window length of 0 weeks, linked to the field", async ({ page }) => {
    await page.goto("/admin/case-settings");
    await expect(page.getByLabel("Window length (school weeks)")).toHaveValue(/\d+/);
    await page.getByLabel("Window length (school weeks)").fill("0");
    await page.getByRole("button", { name: "Save window settings" }).click();
    await expect(errorSummary(page).getByRole("link").first()).toHaveAttribute("href", "#lengthWeeks");
  });

  test("officers cannot open the settings page", async ({ browser }, testInfo) => {
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      await page.goto("/admin/case-settings");
      await expect(notFoundHeading(page)).toBeVisible();
    });
  });
});

// "Windows ending soon" follows the service clock (FAST_TRACK_CLOCK=2026-11-20 in playwright.config.ts). A case
// brought over from another system is opened back-dated, with its window started at the parents' meeting on
// 2 September 2026: twelve school weeks on the term calendar (October half-term skipped) end on 1 December 2026,
// eleven days after the clock, so the case is in the queue.
test.describe("casework: a window near its end", () => {
  const ENDING_ROW = 8;

  test("a back-dated case whose window ends within 14 days of the clock is in 'windows ending soon'", async ({
    browser,
  }, testInfo) => {
    const pupil = await asUser(browser, testInfo, "darlington-school-984101", (page) => ownPupil(page, ENDING_ROW));
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      await page.goto(`/pupils/${pupil.id}`);
      await page.getByRole("link", { name: "Open a case" }).click();
      await fillDate(page, "Date the case opened", "1/9/2026");
      await page.getByRole("button", { name: "Open the case" }).click();
      await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
      const caseUrl = page.url();
      await expect(page.getByText(/back-dated/i).first()).toBeVisible();

      await page.getByRole("link", { name: "Start the Fast Track window" }).first().click();
      await fillDate(page, "Date of the parents' meeting or warning letter", "2/9/2026");
      await page.getByLabel("Minimum attendance over the window (%)").fill("90");
      await page.getByRole("button", { name: "Start the window" }).click();
      await expect(page).toHaveURL(caseUrl);
      await expect(page.getByText("1 December 2026").first()).toBeVisible();

      await page.goto("/cases?queue=ending-soon");
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: pupil.listName, exact: true }) });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("1 December 2026");
    });
  });
});
