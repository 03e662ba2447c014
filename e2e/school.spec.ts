// The school attendance lead's day (issue 15, "Schools kept in the loop"): "Our pupils" has an attendance column
// (sortable, filterable by year group); the school's own at-risk list leads to a pupil, who is flagged from it;
// flagging that pupil again says a flag is waiting and offers to add to it, and the school adds a note to it.
//
// Pupil: the first pupil on the at-risk list with nothing under way ("Flag") who is not among the first 10 of the
// school's /pupils listing (the rows the other specs use, which the demo casework leaves free).
import { expect, test } from "@playwright/test";
import { authFile, expectNoSidewaysScroll, PHONE } from "./support";

test.describe("school staff: finding and flagging the pupils at risk", () => {
  test.use({ storageState: authFile("darlington-school-984101") });
  test.describe.configure({ mode: "serial" });

  test("Our pupils shows attendance this year, sorts by it and filters by year group", async ({ page }) => {
    await page.goto("/pupils");
    await expect(page.getByRole("heading", { level: 1, name: /^Pupils at / })).toBeVisible();
    await page.getByRole("link", { name: /Attendance this year/ }).click();
    await expect(page).toHaveURL(/sort=attendance/);
    const cells = page.getByRole("table").locator("tbody tr td:nth-child(4)");
    await expect(cells.first()).toBeVisible();
    const figures = (await cells.allInnerTexts())
      .map((t) => /([\d.]+)%/.exec(t))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]));
    expect(figures.length).toBeGreaterThan(1);
    expect(figures).toEqual([...figures].sort((a, b) => a - b));
    await page.getByLabel("Year group").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/year=/);
    await expect(page.getByRole("status")).toContainText(/pupils? found/);
  });

  test("the at-risk list leads to a pupil, who is flagged; flagging again offers to add to the waiting flag", async ({
    page,
  }) => {
    await page.goto("/pupils");
    const used = (await page.getByRole("table").locator("tbody tr td:first-child a").allInnerTexts())
      .slice(0, 10)
      .map((t) => t.trim());

    await page.getByRole("navigation").getByRole("link", { name: "Pupils at risk" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Pupils at risk" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(/pupils? at risk/);
    const flagLinks = page.getByRole("table").getByRole("link", { name: /^Flag / });
    await expect(flagLinks.first()).toBeVisible();
    let chosen: string | null = null;
    for (const name of (await flagLinks.allInnerTexts()).map((t) => t.replace(/^Flag\s+/, "").trim())) {
      const [first, ...rest] = name.split(" ");
      if (!used.includes(`${rest.join(" ")}, ${first}`)) {
        chosen = name;
        break;
      }
    }
    expect(chosen, "a pupil at risk with nothing under way").not.toBeNull();
    await page.getByRole("link", { name: `Flag ${chosen}`, exact: true }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Flag this pupil to the attendance service" }),
    ).toBeVisible();
    await page
      .getByLabel("Why are you flagging this pupil?")
      .fill("On our at-risk list: absent most Fridays since half term.");
    await page.getByLabel("A meeting with the parents or carers").check();
    await page.getByRole("button", { name: "Send flag" }).click();
    await expect(page.getByText("Flag sent to the attendance service")).toBeVisible();

    await page.goto("/pupils/at-risk");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: chosen!, exact: true }) });
    await expect(row).toContainText("Flag waiting");
    await row.getByRole("link", { name: `Add to it for ${chosen}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "This pupil has already been flagged" })).toBeVisible();
    await expect(page.getByText("Your school flagged this pupil on")).toBeVisible();
    await page.getByLabel("Add to the flag").fill("Absent again on Friday; mother did not answer our call.");
    await page.getByRole("button", { name: "Add to the flag" }).click();
    await expect(page.getByText("Added to the flag")).toBeVisible();
  });

  test("the at-risk list fits a phone's width", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/pupils/at-risk");
    await expect(page.getByRole("heading", { level: 1, name: "Pupils at risk" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});
