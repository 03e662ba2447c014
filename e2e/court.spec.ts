// The manager's court work (issue 15, section 6) on the e2e clock (Friday 20 November 2026): the hearing lists with
// filters; a hearing with a time and a court from the authority's list, on a weekday (a Sunday refused, a Saturday
// only once confirmed); the outcome recorded in order, at a hearing that has taken place, dated on or after it;
// then corrected with a reason, which the referral and the case's timeline show.
//
// Referral: Darlington's demo referral approved today with a first hearing listed for Wednesday 2 December 2026
// (prisma/seed-enforcement.ts); no other spec changes it.
import { expect, test } from "@playwright/test";
import { authFile, errorSummary, giveReasonIfAsked } from "./support";

test.use({ storageState: authFile("darlington-manager") });

test("the hearing lists: upcoming and awaiting an outcome, filtered by court", async ({ page }) => {
  await page.goto("/hearings");
  await expect(page.getByRole("heading", { level: 1, name: "Hearings" })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Hearing lists" }).getByRole("link");
  await expect(tabs).toHaveText([/^Upcoming hearings \(\d+\)$/, /^Awaiting an outcome \(\d+\)$/]);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows.filter({ hasText: "Wednesday 2 December 2026, 10am" })).toHaveCount(1);
  // Only hearings from today on.
  for (const when of await rows.locator("td:first-child").allInnerTexts()) {
    expect(when).toMatch(/(November|December) 2026|2027/);
    expect(when).not.toMatch(/ (1[0-9]) November 2026/);
  }
  await page.getByLabel("Court", { exact: true }).selectOption({ label: "Newton Aycliffe Magistrates' Court" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/court=[0-9a-f-]{36}/);
  for (const court of await rows.locator("td:nth-child(2)").allInnerTexts()) {
    expect(court).toBe("Newton Aycliffe Magistrates' Court");
  }
  // The dates are GOV.UK date inputs: a date typed whole into the day box is read, and a part left out is named.
  await page.goto("/hearings");
  const from = page.getByRole("group", { name: "From" });
  await from.getByLabel("Day").fill("3/12/2026");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/from-day=3%2F12%2F2026/);
  await expect(rows.filter({ hasText: "Wednesday 2 December 2026" })).toHaveCount(0);
  await expect(from.getByLabel("Day")).toHaveValue("3/12/2026");
  await from.getByLabel("Day").fill("3");
  await from.getByLabel("Month").fill("");
  await from.getByLabel("Year").fill("2026");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(errorSummary(page)).toContainText("The first date must include a month. The filter was left out.");
  await expect(from.getByLabel("Month")).toHaveValue("");
  await expect(rows.filter({ hasText: "Wednesday 2 December 2026, 10am" })).toHaveCount(1);
  await page.goto("/hearings?from=31/2/2026");
  await expect(errorSummary(page)).toContainText("The first date must be a real date");
});

test.describe("a hearing and its outcome, in order, then corrected", () => {
  test.describe.configure({ mode: "serial" });
  let referralUrl: string;

  test("a hearing is on a weekday at a time, at a court from the list", async ({ page }) => {
    await page.goto("/hearings");
    const row = page.getByRole("table").locator("tbody tr").filter({ hasText: "Wednesday 2 December 2026, 10am" });
    await row.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
    referralUrl = new URL(page.url()).pathname;
    // The listed hearing has not taken place: nothing to record an outcome against yet.
    await expect(page.getByText("Record the hearing that decided the outcome first")).toBeVisible();

    const date = page.getByRole("group", { name: "Date of the hearing" });
    const fillDate = async (day: string) => {
      await date.getByLabel("Day").fill(day);
      await date.getByLabel("Month").fill("11");
      await date.getByLabel("Year").fill("2026");
    };
    await fillDate("22");
    await page.getByLabel("Time of the hearing").fill("10am");
    await page.getByLabel("Court", { exact: true }).selectOption({ label: "Teesside Magistrates' Court" });
    await page.getByRole("group", { name: "Type of hearing" }).getByLabel("Trial").check();
    await page.getByRole("button", { name: "Add hearing" }).click();
    await expect(errorSummary(page)).toContainText(
      "22 November 2026 is a Sunday: magistrates' courts do not sit on Sundays",
    );
    await fillDate("21");
    await page.getByRole("button", { name: "Add hearing" }).click();
    await expect(errorSummary(page)).toContainText("21 November 2026 is a Saturday: confirm that the court is sitting");
    // Today (Friday) instead, at a time outside court hours first.
    await fillDate("20");
    await page.getByLabel("Time of the hearing").fill("7pm");
    await page.getByRole("button", { name: "Add hearing" }).click();
    await expect(errorSummary(page)).toContainText("Enter a time when courts sit, between 8am and 6pm");
    await page.getByLabel("Time of the hearing").fill("2:15pm");
    await page.getByRole("button", { name: "Add hearing" }).click();
    await expect(page.getByText("Hearing added")).toBeVisible();
    const hearings = page.getByRole("region", { name: "Hearings", exact: true });
    await expect(hearings).toContainText("Friday 20 November 2026, 2:15pm");
    await expect(hearings).toContainText("Wednesday 2 December 2026, 10am");
  });

  test("the outcome belongs to the hearing and is dated on or after it", async ({ page }) => {
    await page.goto(referralUrl);
    const hearing = page.getByRole("group", { name: "The hearing that decided it" });
    await expect(hearing.getByRole("radio")).toHaveCount(1);
    await expect(hearing.getByLabel(/Trial, Friday 20 November 2026 at 2:15pm/)).toBeChecked();
    const decided = page.getByRole("group", { name: "Date of the outcome" });
    await expect(decided.getByLabel("Day")).toHaveValue("20");
    await decided.getByLabel("Day").fill("19");
    await page.getByRole("group", { name: "Plea" }).getByLabel("Not guilty", { exact: true }).check();
    await page.getByRole("group", { name: "Verdict" }).getByLabel("Guilty", { exact: true }).check();
    await page.getByLabel("Fine", { exact: true }).check();
    await page.getByLabel("Fine amount in pounds").fill("600");
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(errorSummary(page)).toContainText(
      "The outcome must be dated on or after the hearing on 20 November 2026",
    );
    await decided.getByLabel("Day").fill("20");
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(page.getByRole("region", { name: "Outcome" })).toContainText("Fine of £600.00");
    await page.reload();
    await expect(page.getByRole("region", { name: "Outcome" })).toContainText("Fine of £600.00");
    // Concluded: its later listing is no longer an upcoming hearing.
    await page.goto("/hearings");
    await expect(
      page.getByRole("table").locator("tbody tr").filter({ hasText: "Wednesday 2 December 2026, 10am" }),
    ).toHaveCount(0);
  });

  test("a correction with a reason: the outcome and the timeline say corrected", async ({ page }) => {
    await page.goto(referralUrl);
    await page.locator("summary", { hasText: "Correct the outcome" }).click();
    await page.getByLabel("Fine amount in pounds").fill("60");
    await page.getByRole("button", { name: "Correct the outcome" }).click();
    await expect(errorSummary(page)).toContainText("Enter the reason for the correction");
    await page.getByLabel("Why are you correcting it?").fill("The fine was £60, not £600: a typing slip.");
    await page.getByRole("button", { name: "Correct the outcome" }).click();
    await expect(page.getByRole("region", { name: "Outcome" })).toContainText("Fine of £60.00");
    await page.reload();
    await expect(page.getByRole("region", { name: "Outcome" })).toContainText("Fine of £60.00");
    await expect(page.getByText(/Corrected.*The fine was £60, not £600: a typing slip\./).first()).toBeVisible();
    await page.getByRole("link", { name: "View the case" }).click();
    await giveReasonIfAsked(page, "Correcting the court outcome");
    const entry = page.locator(".moj-timeline__item").filter({ hasText: "(hearing on 20 November 2026)" });
    await expect(entry.getByText("Corrected", { exact: true })).toBeVisible();
    await expect(entry).toContainText("The fine was £60, not £600: a typing slip.");
  });
});
