// Both parents' referrals decided on one page (issue 15, section 5), on the e2e clock (Friday 20 November 2026).
// Redcar's demo case left awaiting review has both parents referred with the whole record (prisma/seed-enforcement.ts);
// no other spec works on Redcar's referrals. Its manager is signed in afresh (sign-out.spec.ts signs out Redcar's
// officer, not its manager). Steps run in order, each well inside its budget.
import { expect, test, type Page } from "@playwright/test";
import { authFile, demoEmail, notFoundHeading, signIn } from "./support";

/** The manager's queue lists the case whose parents are both referred; its page of referrals. */
async function openBothParents(page: Page) {
  await page.goto("/referrals");
  const together = page.getByTestId("decide-together").getByRole("link");
  await expect(together).toHaveCount(1);
  await together.click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/referrals$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2 parents referred");
  return page.getByTestId("parent-referral");
}

/** The manager's own items on one parent's approval form, and the offence. */
async function approve(parent: ReturnType<Page["getByTestId"]>, offence: string) {
  await parent.getByLabel(/An Education Supervision Order was considered/).check();
  await parent
    .getByLabel("Reasoning on an Education Supervision Order")
    .fill("Considered; the family did not take up voluntary support, so an order would not help.");
  for (const box of await parent
    .getByRole("group", { name: "Statutory defences considered" })
    .getByRole("checkbox")
    .all())
    await box.check();
  await parent.getByLabel(offence, { exact: true }).check();
  await parent.getByRole("button", { name: "Approve for prosecution" }).click();
}

test.describe("the manager decides both parents' referrals on one page", () => {
  test.describe.configure({ mode: "serial" });
  let casePath: string;

  test("each parent's own evidence and form, side by side; one decided leaves the other waiting", async ({ page }) => {
    await signIn(page, demoEmail("redcar", "manager"));
    const parents = await openBothParents(page);
    casePath = new URL(page.url()).pathname;
    await expect(parents).toHaveCount(2);
    for (const parent of await parents.all()) {
      await expect(parent.getByText("Awaiting review", { exact: true })).toBeVisible();
      await expect(parent.getByRole("heading", { level: 3, name: /^Evidence for / })).toBeVisible();
      // The whole record, each item proved for this parent (the manager's own items, ESO and defences, are given on
      // the form).
      for (const item of ["letters", "warning", "support", "interview", "certificate"])
        await expect(parent.locator(`[data-item="${item}"]`).getByText("Met", { exact: true })).toBeVisible();
      await expect(parent.getByRole("button", { name: "Approve for prosecution" })).toBeVisible();
      await expect(parent.getByRole("button", { name: "Reject the referral" })).toBeVisible();
    }
    const [first, second] = [parents.nth(0), parents.nth(1)];
    const secondName = (await second.getByRole("heading", { level: 2 }).innerText()).trim();

    // The second parent's form on its own: its errors are its own, and link to its own fields.
    await second.getByRole("button", { name: "Approve for prosecution" }).click();
    const summary = second.locator(".govuk-error-summary");
    await expect(summary).toContainText("Select the offence");
    await expect(first.locator(".govuk-error-summary")).toHaveCount(0);
    await expect(summary.getByRole("link", { name: "Select the offence" })).toHaveAttribute("href", "#p2-offence");

    await approve(first, "Section 444(1A), Education Act 1996");
    await expect(first.getByText("Approved for prosecution", { exact: true })).toBeVisible();
    await expect(first.getByText("Section 444(1A), Education Act 1996")).toBeVisible();
    // The other parent's referral is still theirs to decide.
    await expect(second.getByText("Awaiting review", { exact: true })).toBeVisible();
    await expect(second.getByRole("button", { name: "Approve for prosecution" })).toBeVisible();
    await page.goto("/referrals");
    await expect(page.getByRole("table").locator("tbody tr").filter({ hasText: secondName })).toHaveCount(1);
  });

  test("the other parent decided on their own offence; both stay decided per parent", async ({ page }) => {
    await signIn(page, demoEmail("redcar", "manager"));
    await page.goto(casePath);
    const parents = page.getByTestId("parent-referral");
    await approve(parents.nth(1), "Section 444(1), Education Act 1996");
    // The decision shown, not the offence's name: that is also the radio's label before the form is sent.
    await expect(parents.nth(1).getByText("Approved for prosecution", { exact: true })).toBeVisible();
    await page.reload();
    await expect(parents.nth(0)).toContainText("Section 444(1A), Education Act 1996");
    await expect(parents.nth(1)).toContainText("Section 444(1), Education Act 1996");
    await expect(page.getByRole("button", { name: "Approve for prosecution" })).toHaveCount(0);
    // Each parent's court work is on their own referral's page.
    await parents
      .nth(1)
      .getByRole("link", { name: /'s referral$/ })
      .click();
    await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Add hearing" })).toBeVisible();
  });
});

test.describe("others", () => {
  test("an officer reads both parents' referrals but has nothing to decide", async ({ browser }) => {
    const manager = await browser.newContext({ storageState: authFile("darlington-manager") });
    const page = await manager.newPage();
    await page.goto("/referrals");
    const href = await page.getByTestId("decide-together").getByRole("link").first().getAttribute("href");
    await manager.close();
    expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}\/referrals$/);

    const officer = await browser.newContext({ storageState: authFile("darlington-officer") });
    const officerPage = await officer.newPage();
    await officerPage.goto(href!);
    await expect(officerPage.getByTestId("parent-referral")).toHaveCount(2);
    await expect(officerPage.getByRole("button", { name: "Approve for prosecution" })).toHaveCount(0);
    await expect(officerPage.getByRole("button", { name: "Reject the referral" })).toHaveCount(0);
    await officer.close();

    for (const user of ["darlington-school-984101", "middlesbrough-manager"] as const) {
      const context = await browser.newContext({ storageState: authFile(user) });
      const other = await context.newPage();
      await other.goto(href!);
      await expect(notFoundHeading(other)).toBeVisible();
      await context.close();
    }
  });
});
