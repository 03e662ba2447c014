// Shared zod parsing of the URL filters of the attendance report pages and their CSV downloads (shared, so a download always matches
// the page it came from). Dates are ISO in the URL; a missing one takes its default.
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { academicYearStart } from "@/lib/domain/school-calendar";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/** The date range of the school rates report; defaults: 1 September of the current academic year to today. */
export function rangeFilters(params: SearchParams, today: string) {
  const from = first(params.from) || `${academicYearStart(today)}-09-01`;
  const to = first(params.to) || today;
  const errors: { field: "from" | "to"; message: string }[] = [];
  if (!isIsoDate(from))
    errors.push({ field: "from", message: "Enter the from date as YYYY-MM-DD, for example 2026-09-01" });
  if (!isIsoDate(to)) errors.push({ field: "to", message: "Enter the to date as YYYY-MM-DD, for example 2026-11-20" });
  if (errors.length === 0 && from > to)
    errors.push({ field: "to", message: "The to date must be the same as or after the from date" });
  return { from, to, errors };
}

export const YEAR_GROUPS = ["R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"] as const;

const atRiskSchema = z.object({
  school: z.union([z.uuid(), z.literal("")]).catch(""),
  year: z.union([z.enum(YEAR_GROUPS), z.literal("")]).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The at-risk queue's filters: school (id), year group, page. Anything unrecognised is ignored. */
export function atRiskFilters(params: SearchParams) {
  return atRiskSchema.parse({
    school: first(params.school),
    year: first(params.year),
    page: first(params.page) || "1",
  });
}

export const yearGroupLabel = (y: string) => (y === "R" ? "Reception" : `Year ${y}`);

/** Converts Next's searchParams into the plain object the filters read (route handlers have a URLSearchParams). */
export function paramsOf(search: URLSearchParams): SearchParams {
  return Object.fromEntries(search.entries());
}
