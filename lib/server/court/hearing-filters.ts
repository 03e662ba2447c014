// The hearings lists' URL filters (/hearings?list=&court=&type=&from=&to=): which list, a court from the authority's
// list, a type of hearing, and a date range (typed as people type dates, "6/12/2026" or "2026-12-06"). A value that
// is not recognised is dropped and reported, field by field, so the page says what was wrong instead of failing.
import { readDateText } from "@/lib/domain/date-input";
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
} {
  const problems: HearingFilterProblem[] = [];
  const raw = {
    list: first(params.list),
    court: first(params.court),
    type: first(params.type),
    from: first(params.from),
    to: first(params.to),
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
  const date = (field: "from" | "to", label: string): string => {
    if (!raw[field]) return "";
    const reading = readDateText(raw[field], label);
    if (reading.ok) return reading.iso;
    problems.push({ field, message: `${reading.message}. The filter was left out.` });
    return "";
  };
  const from = date("from", "the first date");
  const to = date("to", "the last date");
  if (from && to && to < from) {
    problems.push({ field: "to", message: "The last date must be the same as or after the first date" });
    return { filters: { list, court, type, from, to: "" }, problems };
  }
  return { filters: { list, court, type, from, to }, problems };
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
