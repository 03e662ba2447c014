// Real records of the demo data for the dynamic segments of the route table ([id], [upn], ...), found through the
// pages as a user who may see them, so that a refused role is shown to be refused a record that exists (a 404 for
// a made-up id would prove nothing). A segment with no record in the demo data gets a made-up id.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

export type Samples = Record<string, string>;

async function hrefs(page: Page, url: string, pattern: RegExp): Promise<string[]> {
  const response = await page.goto(url);
  if (!response?.ok()) return [];
  const all = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(all.filter((h) => pattern.test(h)))];
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const segment = (href: string, index: number) => href.split("/")[index]!;

/** Where samples.setup.ts leaves what it found, for the security specs. */
export const samplesFile = (part: "manager" | "admin") =>
  path.join(import.meta.dirname, "..", ".auth", `samples-${part}.json`);

/** What the setup found (both parts). */
export function readSamples(): Samples {
  const read = (part: "manager" | "admin") => JSON.parse(fs.readFileSync(samplesFile(part), "utf8")) as Samples;
  return { kind: "warning", ...read("manager"), ...read("admin") };
}

/** Finds one case, letter, penalty notice, flag, referral and pupil, as a manager (who may see them all). Keys
 * are the route table's segment names, qualified where one name (id) means different records. */
export async function findManagerSamples(page: Page): Promise<Samples> {
  const samples: Samples = {};
  const cases = await hrefs(page, "/cases", new RegExp(`^/cases/${UUID}$`));
  for (const href of cases.slice(0, 6)) {
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
  const certificates = await hrefs(page, "/certificates", new RegExp(`^/certificates/${UUID}$`));
  if (certificates[0]) samples["certificates/[evidenceId]"] = segment(certificates[0], 2);
  const pupils = await hrefs(page, "/pupils", new RegExp(`^/pupils/${UUID}$`));
  if (pupils[0]) {
    samples["pupils/[id]"] = segment(pupils[0], 2);
    await page.goto(pupils[0]);
    const upn = /\b([A-Z]\d{11}[0-9A-Z])\b/.exec(await page.locator("main").innerText())?.[1];
    if (upn) samples.upn = upn;
  }
  return samples;
}

/** Finds a user, as an administrator. */
export async function findAdminSamples(page: Page): Promise<Samples> {
  const users = await hrefs(page, "/admin/users", new RegExp(`^/admin/users/${UUID}$`));
  return users[0] ? { "admin/users/[id]": segment(users[0], 3) } : {};
}

/** Splits a list into runs of `size`, so that no one test opens too many pages. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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
    .replace("[letterFile]", `${samples["letters/[letterId]"] ?? randomUUID()}.pdf`)
    .replace("[evidenceId]", samples["certificates/[evidenceId]"] ?? randomUUID())
    .replace("[noticeId]", samples["penalty-notices/[noticeId]"] ?? randomUUID())
    .replace(/\/flags\/\[id\]/, `/flags/${samples["flags/[id]"] ?? randomUUID()}`)
    .replace(/\/referrals\/\[id\]/, `/referrals/${samples["referrals/[id]"] ?? randomUUID()}`)
    .replace(/\/pupils\/\[id\]/, `/pupils/${samples["pupils/[id]"] ?? randomUUID()}`)
    .replace(/\/admin\/users\/\[id\]/, `/admin/users/${samples["admin/users/[id]"] ?? randomUUID()}`)
    .replace("[upn]", samples.upn ?? "A123456789012")
    .replace("[kind]", samples.kind!)
    .replace("[...nextauth]", "session")
    .replace(/\[[^\]/]+\]/g, () => randomUUID());
}
