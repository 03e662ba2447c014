// Issue 10 §2–§4 in the browser: a referral's readiness is proved by the record, not ticked. On Middlesbrough's
// demo referral whose family's names carry diacritics (and whose record is empty): the manager sees what is
// missing and cannot approve (the API refuses a claim the record lacks); the officer sends a warning letter and
// records support and an interview under caution; the school's staff sign the s.566 certificate; the manager then
// sees every item met with its evidence and approves. The PDFs print the family's name exactly. Serial steps, each
// far from the 60 s budget, rather than one long test. No other spec works on Middlesbrough's referrals.
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { extractPdfText } from "../lib/server/pdf/pdf-text";
import { asUser, demoEmail, errorSummary, fillDate, newContext, sameOrigin, signIn } from "./support";
import { approveForProsecution } from "./approve-referral";

const FAMILY = "Łukasz-Nguyễn"; // prisma/seed-enforcement.ts gives this family its name
const RECORD_ITEMS = ["letters", "warning", "support", "interview", "certificate"] as const;

let referral: { href: string; id: string; caseId: string; pupilName: string; schoolUrn: string };

/** Runs `fn` signed in, in a fresh context, as a Middlesbrough demo user whose sign-in no spec saves. */
async function asDemo<T>(browser: Browser, testInfo: TestInfo, who: string, fn: (page: Page) => Promise<T>) {
  const context = await newContext(browser, testInfo);
  try {
    const page = await context.newPage();
    await signIn(page, demoEmail("middlesbrough", who));
    return await fn(page);
  } finally {
    await context.close();
  }
}

const item = (page: Page, key: string) => page.getByTestId("readiness").locator(`[data-item="${key}"]`);

test.describe.serial("a referral's record, proved by the record", () => {
  test("with the record empty, the manager sees each missing item and cannot approve (page and API)", async ({
    browser,
  }, testInfo) => {
    await asUser(browser, testInfo, "middlesbrough-manager", async (page) => {
      await page.goto("/referrals");
      const row = page.getByRole("table").locator("tbody tr").filter({ hasText: FAMILY }).first();
      await expect(row.getByTestId("record")).toContainText("Incomplete");
      await expect(row.getByTestId("record")).toContainText("Missing: letters to this parent");
      const link = row.getByRole("link");
      const href = (await link.getAttribute("href"))!;
      const pupilName = (await link.innerText()).trim();
      await page.goto(href);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(pupilName);
      for (const key of RECORD_ITEMS) await expect(item(page, key)).toContainText("Missing");
      await expect(page.getByTestId("approval-blocked")).toContainText(
        "This referral cannot be approved until the record shows: letters to this parent, warning before the period, support offered, interview under caution, attendance certificate (section 566).",
      );
      await expect(page.getByRole("button", { name: "Approve for prosecution" })).toHaveCount(0);

      // Claiming through the API what the record lacks: 422 naming each claimed item, and nothing saved.
      const id = href.split("/").pop()!;
      const claim = await page.request.post(`/api/v1/referrals/${id}/decision`, {
        headers: sameOrigin(testInfo),
        data: {
          decision: "approve",
          offence: "s444(1)",
          checklist: {
            attendanceCertificate: true,
            lettersSent: true,
            warningGiven: true,
            supportOffered: true,
            esoConsidered: true,
            esoReasoning: "Considered.",
            interviewUnderCaution: "held",
            defencesConsidered: ["leave", "sickness", "religious_observance", "transport", "traveller"],
          },
        },
      });
      expect(claim.status()).toBe(422);
      const fields = ((await claim.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(["checklist.lettersSent", "checklist.attendanceCertificate"]));
      await page.reload();
      await expect(page.getByTestId("approval-blocked")).toBeVisible();

      const caseId = (await page.getByRole("link", { name: "View the case" }).getAttribute("href"))!.split("/").pop()!;
      await page.getByRole("link", { name: "Certificate of attendance (section 566)" }).click();
      await expect(page.getByText("Waiting for the head teacher's signature")).toBeVisible();
      const school = await page.getByText(/\(URN \d{6}\)/).innerText();
      referral = { href, id, caseId, pupilName, schoolUrn: /URN (\d{6})/.exec(school)![1]! };
    });
  });

  test("the officer sends a warning letter and records support and an interview under caution", async ({
    browser,
  }, testInfo) => {
    await asDemo(browser, testInfo, "officer", async (page) => {
      const kase = (await (await page.request.get(`/api/v1/cases/${referral.caseId}`)).json()) as {
        window: { start: string };
      };
      const start = kase.window.start;

      await page.goto(`/cases/${referral.caseId}/letters/new`);
      await page.getByLabel("Warning letter (starts the Fast Track window)").check();
      await fillDate(page, "Date sent", start);
      // Each parent's letter is previewed first (issue 15), then sent.
      await page.getByRole("button", { name: "Preview letters" }).click();
      await page.getByRole("button", { name: /^Send these \d+ letters$/ }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${referral.caseId}#letters$`));

      await page.goto(`/cases/${referral.caseId}/events/new`);
      await page.getByLabel("Support offered", { exact: true }).check();
      await fillDate(page, "Date it happened", start);
      await page.getByLabel("Notes").fill("Early help assessment offered to the family at school.");
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${referral.caseId}$`));

      await page.goto(`/cases/${referral.caseId}/events/new`);
      await page.getByLabel("Interview under caution", { exact: true }).check();
      await fillDate(page, "Date it happened", "18/11/2026");
      // Without a parent and an outcome the form says what is missing.
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(errorSummary(page)).toBeVisible();
      for (const box of await page
        .getByRole("group", { name: "Which parents or carers it concerns" })
        .getByRole("checkbox")
        .all())
        await box.check();
      await page.getByRole("group", { name: "Outcome of an interview under caution" }).getByLabel("Held").check();
      await page.getByLabel("Notes").fill("Interviewed under caution at the council offices (PACE Code C).");
      await page.getByRole("button", { name: "Save to the timeline" }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${referral.caseId}$`));
    });
  });

  test("the school's staff see the certificate waiting, check the PDF and record the head teacher's signature", async ({
    browser,
  }, testInfo) => {
    await asDemo(browser, testInfo, `school.${referral.schoolUrn}`, async (page) => {
      await page.goto("/certificates");
      await page.getByRole("link", { name: referral.pupilName }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(referral.pupilName);
      const pdf = await page.request.get(
        (await page.getByRole("link", { name: "Download the certificate (PDF)" }).getAttribute("href"))!,
      );
      expect(pdf.status()).toBe(200);
      const text = extractPdfText(new Uint8Array(await pdf.body()));
      expect(text).toContain(referral.pupilName);
      expect(text).toContain(FAMILY);
      await page.getByLabel("Name of the head teacher who signed").fill("Mrs Zoë Wójcik, Head Teacher");
      await fillDate(page, "Date signed", "20/11/2026");
      await page.getByRole("button", { name: "Record the signature" }).click();
      // The page shows the certificate signed, by whom and when, and offers no second recording.
      await expect(page.getByText("Signed", { exact: true })).toBeVisible();
      await expect(page.getByText("Mrs Zoë Wójcik, Head Teacher")).toBeVisible();
      await expect(page.getByText("By the school")).toBeVisible();
      await expect(page.getByRole("button", { name: "Record the signature" })).toHaveCount(0);
    });
  });

  test("the manager sees every item met with its evidence, approves, and the file prints the names exactly", async ({
    browser,
  }, testInfo) => {
    await asUser(browser, testInfo, "middlesbrough-manager", async (page) => {
      await page.goto(referral.href);
      for (const key of RECORD_ITEMS) {
        await expect(item(page, key)).toContainText("Met");
        await expect(item(page, key).getByRole("link").first()).toBeVisible();
      }
      await expect(page.getByTestId("approval-blocked")).toHaveCount(0);
      await approveForProsecution(
        page,
        "Considered; the family did not engage with voluntary support, so an order would not help.",
      );
      const file = page.getByRole("link", { name: "Download the prosecution file (PDF)" });
      await expect(file).toBeVisible();
      const pdf = await page.request.get((await file.getAttribute("href"))!);
      expect(pdf.status()).toBe(200);
      const text = extractPdfText(new Uint8Array(await pdf.body()));
      expect(text).toContain(referral.pupilName);
      expect(text).toContain(FAMILY);
      expect(text).toContain("Zoë Wójcik");
      await page.goto("/referrals");
      // Approved: no longer in the queue.
      await expect(page.getByRole("heading", { level: 1, name: "Cases due for prosecution" })).toBeVisible();
      await expect(page.locator(`a[href="${referral.href}"]`)).toHaveCount(0);
    });
  });
});
