// Bulk work in the case queues (issue 15 §5): an officer ticks several of her cases in "My cases" (mouse and
// keyboard), reassigns them to another officer in one step, then sends the same letter kind across two new cases
// (the warning letter starting each window) and prints them as one PDF. Bad input says what is wrong and changes
// nothing: nothing ticked, no officer or letter chosen, an invitation (each family's meeting is its own), another
// officer's case, a case of another authority; school staff get 404.
// Middlesbrough's second officer (Priya Shah) works on cases this spec opens itself for pupils the seed leaves
// free, so no other spec's cases change; she signs in in a browser of her own.
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { extractPdfText } from "../lib/server/pdf/pdf-text";
import { asUser, demoEmail, errorSummary, giveReasonIfAsked, newContext, notFoundHeading, signIn } from "./support";

test.describe.configure({ mode: "serial" });

/** The cases this spec opened: the pupil as the queue names them ("Last, First"), as the case does ("First Last"),
 * and the case's path. */
const opened: { queueName: string; pupil: string; path: string }[] = [];

async function asPriya<T>(browser: Browser, testInfo: TestInfo, fn: (page: Page) => Promise<T>) {
  const context = await newContext(browser, testInfo);
  try {
    const page = await context.newPage();
    await signIn(page, demoEmail("middlesbrough", "officer2"));
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** Opens a case for each of `count` free pupils (from the end of the first 30 in /pupils, which the seed leaves
 * without a case) whose form ticks at least one parent; records each case's pupil and path. */
async function openCases(page: Page, count: number) {
  await page.goto("/pupils");
  const links = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("cell") })
    .getByRole("link");
  await expect(links.first()).toBeVisible();
  const pupils = (
    await links.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", name: a.textContent ?? "" })))
  ).filter((p) => /^\/pupils\/[0-9a-f-]{36}$/.test(p.href));
  let done = 0;
  for (const pupil of pupils.slice(14, 30).reverse()) {
    if (done === count) return;
    const queueName = pupil.name.trim();
    if (opened.some((o) => o.queueName === queueName)) continue;
    await page.goto(`/cases/new?pupil=${pupil.href.split("/").pop()}`);
    const parents = page
      .getByRole("group", { name: "Parents and carers the case concerns" })
      .getByRole("checkbox", { checked: true });
    if ((await page.getByRole("heading", { level: 1, name: "Open a case" }).count()) === 0) continue;
    if ((await parents.count()) < 1) continue;
    await page.getByRole("button", { name: "Open the case" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    const [last, first] = queueName.split(", ");
    opened.push({ queueName, pupil: `${first} ${last}`, path: new URL(page.url()).pathname });
    done += 1;
  }
  expect(done, "free Middlesbrough pupils to open cases for").toBe(count);
}

/** A case's "Select" box in a queue. The queues are read newest first (dir=desc), so the cases opened today are on
 * the first page. */
const selectBox = (page: Page, c: { queueName: string }) =>
  page.getByRole("checkbox", { name: `Select ${c.queueName}`, exact: true });

test("an officer reassigns two of her cases to another officer in one step", async ({ browser }, testInfo) => {
  // It opens two cases through the pages first: 26 s at load 5 (6 December 2026), so it has 120 s on a busy machine.
  test.setTimeout(120_000);
  await asPriya(browser, testInfo, async (page) => {
    await openCases(page, 2);
    const [a, b] = opened;
    await page.goto("/cases?dir=desc");
    await expect(page.getByText("Cases assigned to you.")).toBeVisible();

    // Nothing ticked: the queue says so, linking to the first box.
    await page.getByRole("button", { name: "Reassign selected cases" }).click();
    await expect(errorSummary(page)).toContainText("Select at least one case");
    await expect(page).toHaveURL(/[?&]dir=desc&bulk=none/);

    // One box with the mouse, one with the keyboard.
    await selectBox(page, a!).check();
    await selectBox(page, b!).focus();
    await page.keyboard.press("Space");
    await expect(selectBox(page, b!)).toBeChecked();
    await page.getByRole("button", { name: "Reassign selected cases" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Reassign 2 cases" })).toBeVisible();
    const selected = page.getByRole("table", { name: "The cases selected" });
    await expect(selected).toContainText(a!.pupil);
    await expect(selected).toContainText(b!.pupil);

    // No officer chosen: said on the field; nothing sent.
    await page.getByRole("button", { name: "Reassign these 2 cases" }).click();
    await expect(errorSummary(page)).toContainText("Select the officer to assign the cases to");

    await page.getByLabel("Officer to assign the cases to").selectOption({ label: "Owen Officer" });
    await page.getByLabel("Reason (optional)").fill("Priya is on leave next week");
    await page.getByRole("button", { name: "Reassign these 2 cases" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "2 cases reassigned to Owen Officer" })).toBeVisible();

    // Each case's page names the new officer, and its timeline the change with the reason.
    for (const c of [a!, b!]) {
      await page.goto(c.path);
      await giveReasonIfAsked(page, "Handing the case over to Owen"); // now Owen's: outside her caseload
      await expect(page.getByText("Owen Officer").first()).toBeVisible();
      await expect(page.getByText("Priya is on leave next week").first()).toBeVisible();
    }
    // They left Priya's own queue.
    await page.goto("/cases?dir=desc");
    await expect(page.getByText("Cases assigned to you.")).toBeVisible();
    await expect(selectBox(page, a!)).toHaveCount(0);
  });
});

test("another officer's case, or another authority's, is refused with nothing changed; school staff get 404", async ({
  browser,
}, testInfo) => {
  const owens = opened[0]!; // now Owen Officer's
  const caseId = owens.path.split("/").pop()!;
  await asPriya(browser, testInfo, async (page) => {
    await page.goto("/cases?officer=all&dir=desc");
    await selectBox(page, owens).check();
    await page.getByRole("button", { name: "Reassign selected cases" }).click();
    await expect(errorSummary(page)).toContainText("You cannot change 1 of these cases: go back and untick it");
    await expect(page.getByText("You cannot change this case: Only the officer assigned to this case")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Reassign / })).toHaveCount(0);
  });
  // Darlington's manager with a Middlesbrough case: not found, never named.
  await asUser(browser, testInfo, "darlington-manager", async (page) => {
    await page.goto(`/cases/bulk?action=reassign&case=${caseId}`);
    await expect(errorSummary(page)).toContainText("1 of the cases selected was not found in your cases");
    await expect(page.getByText(owens.pupil)).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Reassign / })).toHaveCount(0);
  });
  await asUser(browser, testInfo, "darlington-school-984101", async (page) => {
    await page.goto(`/cases/bulk?action=letters&case=${caseId}`);
    await expect(notFoundHeading(page)).toBeVisible();
  });
});

test("an officer sends the warning letter across two cases, starting each window, and prints them as one PDF", async ({
  browser,
}, testInfo) => {
  // Two cases opened, the letters produced and the PDF read: 30 s at load 5 (6 December 2026), so it has 120 s.
  test.setTimeout(120_000);
  await asPriya(browser, testInfo, async (page) => {
    await openCases(page, 2);
    const [, , a, b] = opened;
    await page.goto("/cases?dir=desc");
    await selectBox(page, a!).check();
    await selectBox(page, b!).check();
    await page.getByRole("button", { name: "Send a letter to selected cases" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Send the same letter to 2 cases" })).toBeVisible();

    // An invitation states each family's own meeting: refused by the server, naming why.
    const previewButton = page.getByRole("button", { name: "Preview the letters for these 2 cases" });
    await page.getByLabel("Invitation to a meeting").check();
    await previewButton.click();
    await expect(errorSummary(page)).toContainText("which are each family's own: produce it from the case's page");

    // The warning letter without a target: each case's window needs one; each refused case is named, no letter shown.
    await page.getByLabel("Warning letter (starts the Fast Track window)").check();
    await previewButton.click();
    await expect(errorSummary(page)).toContainText(
      "2 of the 2 cases selected cannot get this letter: untick them or deal with each first. Nothing was changed.",
    );
    await expect(errorSummary(page)).toContainText(
      `${a!.pupil}: Set a minimum attendance, a maximum number of unauthorised sessions, or both`,
    );
    await expect(page.getByTestId("letter-preview")).toHaveCount(0);

    // With a target: each parent's letter on each case, quoting that pupil's own figures, before anything is sent.
    await page.getByLabel("Minimum attendance over the window (%)").fill("90");
    await previewButton.click();
    await expect(page.getByRole("heading", { level: 2, name: "Check each letter before sending" })).toBeVisible();
    for (const c of [a!, b!]) {
      const letters = page.getByRole("region", { name: `Letters for ${c.pupil}` });
      await expect(letters.getByTestId("letter-preview").first()).toContainText(c.pupil.split(" ")[0]!);
      await expect(letters.getByTestId("letter-preview").first()).toContainText(/unauthorised/i);
      await expect(letters).not.toContainText("{{");
      await expect(letters).not.toContainText("not yet recorded");
    }
    // The form still holds what was previewed, and "Send" sends it.
    await expect(page.getByLabel("Warning letter (starts the Fast Track window)")).toBeChecked();
    await expect(page.getByLabel("Minimum attendance over the window (%)")).toHaveValue("90");
    await page.getByRole("button", { name: "Send the letters for these 2 cases" }).click();
    const done = page.getByRole("alert").filter({ hasText: /\d+ letters recorded as sent for 2 cases/ });
    await expect(done).toBeVisible();
    const count = Number(/(\d+) letters recorded/.exec(await done.innerText())![1]);
    expect(count).toBeGreaterThanOrEqual(2);

    const print = page.getByRole("link", { name: `Print all ${count} letters as one PDF` });
    const response = await page.request.get((await print.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const text = extractPdfText(await response.body());
    for (const c of [a!, b!]) expect(text).toContain(c.pupil.split(" ")[0]!);

    // Each case's window started with the letter, and its timeline records it.
    for (const c of [a!, b!]) {
      await page.goto(c.path);
      await expect(page.getByText(/Warning letter \(starts the Fast Track window\) to /).first()).toBeVisible();
      await expect(page.getByTestId("case-heading")).toContainText("Window running");
    }
  });
});
