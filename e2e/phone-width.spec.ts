// No page scrolls sideways on a phone (issue 15: "At 390 px wide no page scrolls sideways: wide tables scroll
// inside their own container"). Each role's pages are opened at 390 × 844 and the document must be exactly as wide
// as the screen; a wide table scrolls inside its own box, which is checked for the cases queue (it overflowed the
// page by 246 px before).
import { expect, test, type Page } from "@playwright/test";
import { authFile, expectNoSidewaysScroll, PHONE, type SavedUser } from "./support";

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** The first link on `from` whose href matches, as a path (for pages reached through a list). */
async function firstLink(page: Page, from: string, href: RegExp): Promise<string> {
  await page.goto(from);
  const links = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const found = links.find((h) => href.test(h));
  expect(found, `a link matching ${href} on ${from}`).toBeTruthy();
  return found!;
}

const PAGES: Record<SavedUser, { fixed: string[]; via?: { from: string; href: RegExp }[] }> = {
  "darlington-officer": {
    fixed: [
      "/",
      "/my-day?view=team",
      "/cases",
      "/cases?queue=due-this-week&officer=all",
      "/cases?queue=ending-soon&officer=all",
      "/cases?queue=overdue&officer=all",
      "/cases?queue=flags",
      "/flags",
      "/pupils",
      "/attendance",
      "/attendance/at-risk",
      "/attendance/import",
      "/notifications",
    ],
    via: [
      { from: "/cases", href: /^\/cases\/[0-9a-f-]{36}$/ }, // their own: a colleague's asks the reason first
      { from: "/pupils", href: /^\/pupils\/[0-9a-f-]{36}$/ },
      { from: "/flags", href: /^\/flags\/[0-9a-f-]{36}$/ },
    ],
  },
  "darlington-manager": {
    fixed: ["/", "/referrals", "/hearings", "/cases?officer=all"],
    via: [{ from: "/referrals", href: /^\/referrals\/[0-9a-f-]{36}$/ }],
  },
  "darlington-school-984101": {
    fixed: ["/", "/pupils", "/school-flags", "/attendance/import"],
    via: [{ from: "/pupils", href: /^\/pupils\/[0-9a-f-]{36}$/ }],
  },
  "darlington-admin": {
    fixed: ["/", "/admin/users", "/admin/schools", "/admin/calendar", "/admin/comparisons", "/admin/letters"],
  },
  "middlesbrough-manager": { fixed: ["/"] },
  "darlington-auditor": { fixed: ["/"] },
};

// At most five pages per test, so that each test stays far from its time budget on a busy machine.
const CHUNK = 5;

for (const [user, pages] of Object.entries(PAGES) as [SavedUser, (typeof PAGES)[SavedUser]][]) {
  test.describe(user, () => {
    test.use({ storageState: authFile(user) });

    for (let i = 0; i < pages.fixed.length; i += CHUNK) {
      const chunk = pages.fixed.slice(i, i + CHUNK);
      test(`no page scrolls sideways at 390 px: ${chunk.join(", ")}`, async ({ page }) => {
        for (const path of chunk) {
          await page.goto(path);
          await expect(page.locator("main")).toBeVisible();
          await expectNoSidewaysScroll(page);
        }
      });
    }
    if (pages.via) {
      test("no page reached through a list scrolls sideways at 390 px", async ({ page }) => {
        for (const v of pages.via ?? []) {
          await page.goto(await firstLink(page, v.from, v.href));
          await expect(page.locator("main")).toBeVisible();
          await expectNoSidewaysScroll(page);
        }
      });
    }
  });
}

test.describe("the cases queue on a phone", () => {
  test.use({ storageState: authFile("darlington-officer") });

  test("its wide table scrolls inside its own box, which the keyboard can reach", async ({ page }) => {
    await page.goto("/cases?officer=all");
    const box = page.getByRole("region", { name: "Cases in this queue" });
    const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await expect(box).toHaveAttribute("tabindex", "0");
    await expectNoSidewaysScroll(page);
  });
});
