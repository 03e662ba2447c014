// Real records of the demo data for the dynamic segments of the route table ([id], [upn], ...), found through the
// pages as a user who may see them, so that a refused role is shown to be refused a record that exists (a 404 for
// a made-up id would prove nothing). A segment with no record in the demo data gets a made-up id.
import { randomUUID } from "node:crypto";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { asUser, type SavedUser } from "../support";

export type Samples = Record<string, string>;

async function hrefs(page: Page, url: string, pattern: RegExp): Promise<string[]> {
  const response = await page.goto(url);
  if (!response?.ok()) return [];
  const all = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(all.filter((h) => pattern.test(h)))];
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const segment = (href: string, index: number) => href.split("/")[index]!;

/** Finds one record of each kind. Keys are the route table's segment names, qualified where one name (id) means
 * different records: "cases/[id]", "flags/[id]", and so on. */
export async function findSamples(browser: Browser, testInfo: TestInfo): Promise<Samples> {
  const samples: Samples = { kind: "warning" };
  const as = <T>(user: SavedUser, fn: (page: Page) => Promise<T>) => asUser(browser, testInfo, user, fn);

  await as("darlington-manager", async (page) => {
    const cases = await hrefs(page, "/cases?status=all", new RegExp(`^/cases/${UUID}$`));
    const more = cases.length ? cases : await hrefs(page, "/cases", new RegExp(`^/cases/${UUID}$`));
    for (const href of more.slice(0, 15)) {
      samples["cases/[id]"] ??= segment(href, 2);
      const inner = await hrefs(page, href, new RegExp(`^/cases/${UUID}/(letters|penalty-notices)/${UUID}`));
      const letter = inner.find((h) => h.split("/")[3] === "letters");
      const notice = inner.find((h) => h.split("/")[3] === "penalty-notices");
      if (letter && !samples["letters/[letterId]"]) {
        samples["letters/[letterId]"] = segment(letter, 4);
        samples["letters/[letterId]:case"] = segment(letter, 2);
      }
      if (notice && !samples["penalty-notices/[noticeId]"]) {
        samples["penalty-notices/[noticeId]"] = segment(notice, 4);
        samples["penalty-notices/[noticeId]:case"] = segment(notice, 2);
      }
      if (samples["letters/[letterId]"] && samples["penalty-notices/[noticeId]"]) break;
    }
    const flags = await hrefs(page, "/flags", new RegExp(`^/flags/${UUID}$`));
    if (flags[0]) samples["flags/[id]"] = segment(flags[0], 2);
    const referrals = await hrefs(page, "/referrals", new RegExp(`^/referrals/${UUID}$`));
    if (referrals[0]) samples["referrals/[id]"] = segment(referrals[0], 2);
    const pupils = await hrefs(page, "/pupils", new RegExp(`^/pupils/${UUID}$`));
    if (pupils[0]) {
      samples["pupils/[id]"] = segment(pupils[0], 2);
      await page.goto(pupils[0]);
      const upn = /\b([A-Z]\d{11}[0-9A-Z])\b/.exec(await page.locator("main").innerText())?.[1];
      if (upn) samples.upn = upn;
    }
  });
  await as("darlington-admin", async (page) => {
    const users = await hrefs(page, "/admin/users", new RegExp(`^/admin/users/${UUID}$`));
    if (users[0]) samples["admin/users/[id]"] = segment(users[0], 3);
  });
  return samples;
}

/** The path of a route-table entry with its dynamic segments filled from the samples (made-up ids where the demo
 * data has none). */
export function fillPath(template: string, samples: Samples): string {
  const noticeCase = template.includes("[noticeId]") ? samples["penalty-notices/[noticeId]:case"] : undefined;
  const letterCase = template.includes("[letterId]") ? samples["letters/[letterId]:case"] : undefined;
  return template
    .replace(/^\/cases\/\[id\]/, `/cases/${noticeCase ?? letterCase ?? samples["cases/[id]"] ?? randomUUID()}`)
    .replace(/\/api\/v1\/cases\/\[id\]/, `/api/v1/cases/${samples["cases/[id]"] ?? randomUUID()}`)
    .replace("[letterId]", samples["letters/[letterId]"] ?? randomUUID())
    .replace("[noticeId]", samples["penalty-notices/[noticeId]"] ?? randomUUID())
    .replace(/\/flags\/\[id\]/, `/flags/${samples["flags/[id]"] ?? randomUUID()}`)
    .replace(/\/referrals\/\[id\]/, `/referrals/${samples["referrals/[id]"] ?? randomUUID()}`)
    .replace(/\/pupils\/\[id\]/, `/pupils/${samples["pupils/[id]"] ?? randomUUID()}`)
    .replace(/\/admin\/users\/\[id\]/, `/admin/users/${samples["admin/users/[id]"] ?? randomUUID()}`)
    .replace("[upn]", samples.upn ?? "A123456789012")
    .replace("[kind]", samples.kind!)
    .replace("[...nextauth]", "session");
}
