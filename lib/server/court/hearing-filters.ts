// The hearings lists' URL filters (/hearings?list=&court=&type=&from=&to=): which list, a court from the authority's
// list, a type of hearing, and a date range (the form's GOV.UK date inputs, from-day/-month/-year, or an ISO date in
// the page's own links, read by the one zod date reader). A value that is not recognised is dropped and reported,
// field by field, so the page says what was wrong instead of failing.
import type { DateParts } from "@/lib/domain/date-input";
import { readDateFilter } from "@/lib/schemas/date-filter";
import { HEARING_TYPES, type HearingType } from "@/lib/schemas/referrals";

export const HEARING_LISTS = ["upcoming", "awaiting"] as const;
export type HearingList = (typeof HEARING_LISTS)[number];

export type HearingFilters = {
  list: HearingList;
  court: string;
  type: HearingType | "";
  from: string;
  to: string;
};

export type HearingFilterProblem = { field: "list" | "court" | "type" | "from" | "to"; message: string };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseHearingFilters(params: SearchParams): {
  filters: HearingFilters;
  problems: HearingFilterProblem[];
  /** What was typed into each date's boxes, to show again beside its message. */
  typed: { from: Partial<DateParts> | undefined; to: Partial<DateParts> | undefined };
} {
  const problems: HearingFilterProblem[] = [];
  const raw = {
    list: first(params.list),
    court: first(params.court),
    type: first(params.type),
  };
  let list: HearingList = "upcoming";
  if (raw.list) {
    if ((HEARING_LISTS as readonly string[]).includes(raw.list)) list = raw.list as HearingList;
    else problems.push({ field: "list", message: "Choose upcoming hearings or hearings awaiting an outcome" });
  }
  let court = "";
  if (raw.court) {
    if (UUID.test(raw.court)) court = raw.court.toLowerCase();
    else problems.push({ field: "court", message: "Choose a court from the list. Showing every court." });
  }
  let type: HearingType | "" = "";
  if (raw.type) {
    if ((HEARING_TYPES as readonly string[]).includes(raw.type)) type = raw.type as HearingType;
    else problems.push({ field: "type", message: "Choose a type of hearing from the list. Showing every type." });
  }
  const fromReading = readDateFilter(params, "from", "the first date");
  const toReading = readDateFilter(params, "to", "the last date");
  const typed = { from: fromReading.typed, to: toReading.typed };
  for (const [field, reading] of [
    ["from", fromReading],
    ["to", toReading],
  ] as const) {
    if (reading.error) problems.push({ field, message: `${reading.error}. The filter was left out.` });
  }
  const from = fromReading.iso ?? "";
  const to = toReading.iso ?? "";
  if (from && to && to < from) {
    problems.push({ field: "to", message: "The last date must be the same as or after the first date" });
    return { filters: { list, court, type, from, to: "" }, problems, typed };
  }
  return { filters: { list, court, type, from, to }, problems, typed };
}

/** The query string for filters (defaults left out), with overrides: used for the two lists' tabs. */
export function hearingQuery(filters: HearingFilters, overrides: Partial<HearingFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const q = new URLSearchParams();
  if (f.list !== "upcoming") q.set("list", f.list);
  if (f.court) q.set("court", f.court);
  if (f.type) q.set("type", f.type);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  return q.toString();
}
