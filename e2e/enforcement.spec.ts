// Prosecution referrals on the e2e clock (Friday 20 November 2026), over the demo referrals that
// prisma/seed-enforcement.ts creates for Darlington: a manager reviews the oldest referral in the queue, approves
// it, downloads the prosecution file, records a hearing and the outcome; officers and school staff are refused.
import { expect, test, type Page } from "@playwright/test";
import { extractPdfText } from "../lib/server/pdf/pdf-text";
import { asUser, authFile, errorSummary, giveReasonIfAsked, notFoundHeading, sameOrigin } from "./support";
import { approveForProsecution } from "./approve-referral";

/** The first referral in the manager's queue (oldest first) whose record is complete, so it can be approved. */
async function readyReferral(page: Page) {
  await page.goto("/referrals");
  const links = page.getByRole("table").locator("tbody tr").getByRole("link");
  const count = await links.count();
  for (let i = 0; i < count; i++) {
    const { href, pupilName } = await queuedReferral(page, i);
    await page.goto(href);
    if ((await page.getByRole("button", { name: "Approve for prosecution" }).count()) > 0) return { href, pupilName };
  }
  throw new Error("no referral in the queue has its record complete");
}

/** The href of the n-th referral (0 = oldest) in the manager's queue. */
async function queuedReferral(page: Page, index: number) {
  await page.goto("/referrals");
  await expect(page.getByRole("heading", { level: 1, name: "Cases due for prosecution" })).toBeVisible();
  const link = page.getByRole("table").locator("tbody tr").nth(index).getByRole("link");
  return { href: (await link.getAttribute("href"))!, pupilName: (await link.innerText()).trim() };
}

test.describe("attendance service manager", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("reviews the oldest referral, approves it, downloads the file, records a hearing and the outcome", async ({
    page,
  }) => {
    // The whole review, approval, hearing and outcome: 38 s at load 20, 53 s at load 22 (6 December 2026), so 180 s.
    test.setTimeout(180_000);
    const { href, pupilName } = await readyReferral(page);
    expect(href).toMatch(/^\/referrals\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(pupilName);
    await expect(page.getByText("Figures for the window")).toBeVisible();

    // The manager's own items missing: refused, every missing item named.
    await page.getByRole("button", { name: "Approve for prosecution" }).click();
    await expect(errorSummary(page)).toContainText(
      "An Education Supervision Order has not been considered: section 447 requires it before prosecuting",
    );
    await expect(errorSummary(page)).toContainText("Select the offence");
    await expect(page.getByRole("link", { name: "Download the prosecution file (PDF)" })).toHaveCount(0);

    await approveForProsecution(page, "Considered; the family refused voluntary support, so an order would not help.");
    // The page re-renders with the referral approved.
    const file = page.getByRole("link", { name: "Download the prosecution file (PDF)" });
    await expect(file).toBeVisible();
    const pdf = await page.request.get((await file.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(extractPdfText(new Uint8Array(bytes))).toContain(pupilName);

    // A hearing: today, the day of the approval (an outcome belongs to a hearing that has taken place).
    const hearingDate = page.getByRole("group", { name: "Date of the hearing" });
    await hearingDate.getByLabel("Day").fill("20");
    await hearingDate.getByLabel("Month").fill("11");
    await hearingDate.getByLabel("Year").fill("2026");
    await page.getByLabel("Time of the hearing").fill("10am");
    await page.getByLabel("Court", { exact: true }).selectOption({ label: "Teesside Magistrates' Court" });
    await page.getByRole("group", { name: "Type of hearing" }).getByLabel("First hearing").check();
    await page.getByRole("button", { name: "Add hearing" }).click();
    await expect(page.getByText("Hearing added")).toBeVisible();

    // An over-cap fine: the error names the cap and the offence, and nothing is saved.
    await page.getByRole("group", { name: "Plea" }).getByLabel("Guilty", { exact: true }).check();
    await page.getByRole("group", { name: "Verdict" }).getByLabel("Guilty", { exact: true }).check();
    await page.getByLabel("Fine", { exact: true }).check();
    await page.getByLabel("Fine amount in pounds").fill("1,000.01");
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(errorSummary(page)).toContainText(
      "A fine under section 444(1) can be at most £1,000.00 (level 3); £1,000.01 was entered",
    );
    await page.reload();
    await expect(page.getByRole("heading", { name: "Record the outcome" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Teesside Magistrates' Court" })).toBeVisible();

    await page.getByRole("group", { name: "Plea" }).getByLabel("Guilty", { exact: true }).check();
    await page.getByRole("group", { name: "Verdict" }).getByLabel("Guilty", { exact: true }).check();
    await page.getByLabel("Fine", { exact: true }).check();
    await page.getByLabel("Fine amount in pounds").fill("440");
    await page.getByLabel("Costs in pounds").fill("120.00");
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(page.getByText("Fine of £440.00")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Fine of £440.00")).toBeVisible();
    await expect(page.getByText("Concluded", { exact: true })).toBeVisible();

    // The case page shows each parent's referral, offence, hearings and outcome.
    await page.getByRole("link", { name: "View the case" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}(\/reason)?$/);
    await giveReasonIfAsked(page, "Recording the court outcome");
    const section = page.getByRole("region", { name: "Prosecution" });
    await expect(section).toContainText("Section 444(1), Education Act 1996");
    await expect(section).toContainText("Teesside Magistrates' Court");
    await expect(section).toContainText("Fine of £440.00");
    await section
      .getByRole("link", { name: /View referral/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  });

  test("downloads the queue as CSV", async ({ page }) => {
    // Not the oldest: the other test approves that one in parallel.
    const { pupilName } = await queuedReferral(page, 1);
    const csv = await page.request.get("/referrals/queue.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "pupil,upn,parent_or_carer,referred_on,window_start,window_end,attendance_percent,unauthorised_sessions",
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => l.startsWith(pupilName))).toBe(true);
  });

  test("sees the upcoming hearings", async ({ page }) => {
    await page.goto("/hearings");
    await expect(page.getByRole("heading", { level: 2, name: "Upcoming hearings" })).toBeVisible();
    await expect(page.getByRole("table").locator("tbody tr").first()).toContainText("Teesside Magistrates' Court");
  });
});

test("officers cannot approve (no form, queue 404, API 403) and school staff get 404", async ({
  browser,
}, testInfo) => {
  const { href } = await asUser(browser, testInfo, "darlington-manager", (page) => queuedReferral(page, 1));
  const id = href.split("/").pop()!;
  const approve = {
    decision: "approve",
    offence: "s444(1)",
    checklist: {
      attendanceCertificate: true,
      lettersSent: true,
      warningGiven: true,
      supportOffered: true,
      esoConsidered: true,
      esoReasoning: "x",
      interviewUnderCaution: "held",
      defencesConsidered: ["leave", "sickness", "religious_observance", "transport", "traveller"],
    },
  };

  await asUser(browser, testInfo, "darlington-officer", async (page) => {
    await page.goto("/referrals");
    await expect(notFoundHeading(page)).toBeVisible();
    expect((await page.request.get("/referrals/queue.csv")).status()).toBe(404);
    await page.goto(href);
    await expect(page.getByText("Figures for the window")).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve for prosecution" })).toHaveCount(0);
    expect(
      (
        await page.request.post(`/api/v1/referrals/${id}/decision`, { data: approve, headers: sameOrigin(testInfo) })
      ).status(),
    ).toBe(403);
  });
  await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
    for (const path of [href, "/referrals", "/hearings"]) {
      await page.goto(path);
      await expect(notFoundHeading(page), path).toBeVisible();
    }
    expect(
      (
        await page.request.post(`/api/v1/referrals/${id}/decision`, { data: approve, headers: sameOrigin(testInfo) })
      ).status(),
    ).toBe(403);
    expect((await page.request.get(`${href}/prosecution-file.pdf`)).status()).toBe(404);
  });
  await asUser(browser, testInfo, "middlesbrough-manager", async (page) => {
    await page.goto(href);
    await expect(notFoundHeading(page)).toBeVisible();
  });
});
