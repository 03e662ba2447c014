// The officer's working day (issue 15): My day is their home page, with their own items overdue, today and coming
// up (the team's one click away); they book a home visit from the case, and on a phone-sized screen open it from
// My day and mark it done, which opens the timeline form prefilled from the booking and records the visit in full
// (time, outcome, who was seen, child seen, next step), then record a later visit in full. No page scrolls sideways on the phone.
//
// Pupil: the 5th row (index 4) of Skerne Park Primary School's own /pupils listing, which the demo casework leaves
// free and no other spec uses (casework.spec.ts uses rows 6 to 8).
import { expect, test } from "@playwright/test";
import {
  asUser,
  authFile,
  expectNoSidewaysScroll,
  fillContact,
  fillDate,
  newContext,
  ownSchoolPupil,
  PHONE,
} from "./support";

const VISIT_ROW = 4;

test.describe("officer: My day", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("opens on My day with the officer's own counts; the team view adds colleagues' work", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 2, name: "My day" })).toBeVisible();
    await expect(page.getByText("Your own tasks and cases.")).toBeVisible();
    const today = page.getByRole("region", { name: /^Today/ });
    // The demo officer's booked home visit at 10am today.
    await expect(today.getByText("10am", { exact: true })).toBeVisible();
    await expect(today.getByText("Home visit", { exact: true }).first()).toBeVisible();
    const count = async (name: string) =>
      Number(/(\d+)/.exec(await page.getByRole("link", { name: new RegExp(`^${name}: \\d+$`) }).innerText())![1]);
    const mine = { overdue: await count("Overdue"), today: await count("Today"), upcoming: await count("Coming up") };
    expect(mine.today).toBeGreaterThan(0);
    expect(mine.upcoming).toBeGreaterThan(0);
    // Every item in the officer's own view is theirs: no "Officer:" line.
    await expect(page.getByText(/^Officer: /)).toHaveCount(0);

    await page.getByRole("link", { name: "Show the team's" }).click();
    await expect(page).toHaveURL(/\/my-day\?view=team$/);
    await expect(page.getByRole("heading", { level: 1, name: "The team's day" })).toBeVisible();
    expect(await count("Today")).toBeGreaterThan(mine.today);
    await expect(page.getByText("Officer: Priya Shah").first()).toBeVisible();
  });
});

test.describe("officer: a home visit booked on the case and done on a phone", () => {
  test.describe.configure({ mode: "serial" });
  let pupil: Awaited<ReturnType<typeof ownSchoolPupil>>;
  let caseUrl: string;

  test("books a home visit for today at 2pm on a new case", async ({ browser }, testInfo) => {
    pupil = await asUser(browser, testInfo, "darlington-school-984101", (p) => ownSchoolPupil(p, VISIT_ROW));
    await asUser(browser, testInfo, "darlington-officer", async (page) => {
      await page.goto(`/pupils/${pupil.id}`);
      await page.getByRole("link", { name: "Open a case" }).click();
      await page.getByRole("button", { name: "Open the case" }).click();
      await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
      caseUrl = new URL(page.url()).pathname;

      await page.getByRole("link", { name: "Book a visit, meeting, call or reminder" }).first().click();
      // A past date is refused: booking is for today or later.
      await page.getByLabel("Home visit").check();
      await page.getByLabel("Day").fill("19");
      await page.getByLabel("Month").fill("11");
      await page.getByLabel("Year").fill("2026");
      await page.getByRole("button", { name: "Book it" }).click();
      await expect(page.locator(".govuk-error-summary")).toContainText(
        "The date must be today (20 November 2026) or later",
      );
      // Typed as one piece, day first.
      await page.getByLabel("Day").fill("20/11/2026");
      await page.getByLabel("Month").fill("");
      await page.getByLabel("Year").fill("");
      await page.getByLabel("Time (optional)").fill("2pm");
      await page.getByLabel("Notes (optional)").fill("Check the morning routine.");
      await page.getByRole("button", { name: "Book it" }).click();
      await expect(page).toHaveURL(new RegExp(`${caseUrl}#tasks$`));
      const tasks = page.getByRole("region", { name: "Tasks and appointments" });
      await expect(tasks).toContainText("Friday 20 November 2026 at 2pm");
      await expect(tasks).toContainText("Check the morning routine.");
    });
  });

  test("on a phone, opens it from My day and marks it done by recording the visit in full, prefilled", async ({
    browser,
  }, testInfo) => {
    const context = await newContext(browser, testInfo, {
      storageState: authFile("darlington-officer"),
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await context.newPage();
      await page.goto("/");
      await expectNoSidewaysScroll(page);
      const item = page.getByRole("listitem").filter({ hasText: pupil.name }).filter({ hasText: "2pm" });
      await expect(item).toContainText("Home visit");
      await item.getByRole("link", { name: /^Mark as done/ }).click();
      // The timeline form, prefilled from the booking (ADR 063: a visit is recorded in full).
      await expect(page.getByRole("heading", { level: 1, name: "Record the home visit" })).toBeVisible();
      await expect(page.getByText("Home visit booked for 20 November 2026 at 2pm")).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expect(page.getByLabel("Home visit")).toBeChecked();
      await expect(page.getByLabel("Day")).toHaveValue("20");
      await expect(page.getByLabel("Time", { exact: true })).toHaveValue("2pm");
      // Spoke to a parent, but nobody ticked as seen: refused, saying why; nothing saved.
      await page
        .getByRole("group", { name: "What came of it?" })
        .getByLabel("Spoke to or met a parent or carer")
        .check();
      await page.getByRole("group", { name: "Was the child seen?" }).getByLabel("Yes", { exact: true }).check();
      await page.getByLabel("Next step").fill("Check attendance on Monday");
      await page.getByLabel("Notes").fill("Spoke to mother on the doorstep; pupil in school tomorrow.");
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page.locator(".govuk-error-summary")).toContainText("Select the parent or carer you spoke to");
      await page
        .getByRole("group", { name: "Which parents or carers it concerns" })
        .getByRole("checkbox")
        .first()
        .check();
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(caseUrl);
      await expectNoSidewaysScroll(page);
      const entry = page.locator(".moj-timeline__item").filter({ hasText: "Spoke to mother on the doorstep" });
      await expect(entry.getByRole("heading")).toContainText("Home visit");
      await expect(entry).toContainText("20 November 2026");
      await expect(entry).toContainText("At 2pm");
      await expect(entry).toContainText("Child seen: yes");
      await expect(entry).toContainText("Next step: Check attendance on Monday");
      await expect(page.getByRole("region", { name: "Tasks and appointments" })).toContainText("Nothing is booked.");
    } finally {
      await context.close();
    }
  });

  test("on a phone, records a later visit in full: time, no access, card left, child not seen, next step", async ({
    browser,
  }, testInfo) => {
    const context = await newContext(browser, testInfo, {
      storageState: authFile("darlington-officer"),
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await context.newPage();
      await page.goto(caseUrl);
      await page.getByRole("link", { name: "Record a meeting, visit, call or note" }).first().click();
      await expectNoSidewaysScroll(page);
      await page.getByLabel("Home visit").check();
      await fillDate(page, "Date it happened", "20/11/2026");
      // No access, yet the child "seen": refused, saying why.
      await fillContact(page, {
        time: "5:15pm",
        outcome: "No access: card or message left",
        childSeen: "Yes",
        nextStep: "Visit again before school on Monday; letter if no contact",
      });
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page.locator(".govuk-error-summary")).toContainText(
        "The child cannot have been seen when there was no access",
      );
      await expectNoSidewaysScroll(page);
      await page.getByRole("group", { name: "Was the child seen?" }).getByLabel("No", { exact: true }).check();
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(caseUrl);
      await expectNoSidewaysScroll(page);
      const entry = page.locator(".moj-timeline__item").filter({ hasText: "At 5:15pm" });
      await expect(entry.getByRole("heading")).toContainText("Home visit");
      await expect(entry).toContainText("At 5:15pm: No access, card left");
      await expect(entry).toContainText("Child seen: no");
      await expect(entry).toContainText("Next step: Visit again before school on Monday; letter if no contact");
    } finally {
      await context.close();
    }
  });
});
