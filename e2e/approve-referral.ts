import type { Page } from "@playwright/test";

/**
 * A manager's approval of the referral on the page: an Education Supervision Order considered (with the reasoning
 * given), every statutory defence considered, the offence under s.444(1), then "Approve for prosecution".
 */
export async function approveForProsecution(page: Page, esoReasoning: string) {
  await page.getByLabel(/An Education Supervision Order was considered/).check();
  await page.getByLabel("Reasoning on an Education Supervision Order").fill(esoReasoning);
  for (const box of await page
    .getByRole("group", { name: "Statutory defences considered" })
    .getByRole("checkbox")
    .all())
    await box.check();
  await page.getByLabel("Section 444(1), Education Act 1996", { exact: true }).check();
  await page.getByRole("button", { name: "Approve for prosecution" }).click();
}
