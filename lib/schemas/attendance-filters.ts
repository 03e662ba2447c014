// Shared zod parsing of the URL filters of the attendance report pages and their CSV downloads (shared, so a download always matches
// the page it came from). Dates are the form's GOV.UK date inputs or ISO dates in links; a missing one takes its
// default.
import { z } from "zod";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { optionalDateField, withDateInputs } from "./date-input";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

const rangeSchema = withDateInputs(
  ["from", "to"],
  z.object({ from: optionalDateField("the from date"), to: optionalDateField("the to date") }),
);
const RANGE_KEYS = ["from", "to", "from-day", "from-month", "from-year", "to-day", "to-month", "to-year"] as const;

/**
 * The date range of the school rates report; defaults: 1 September of the current academic year to today. The form's
 * GOV.UK date inputs send <field>-day, -month and -year; links (the CSV download) send ISO dates; both read the same,
 * through the one zod date reader, with a message per part.
 */
export function rangeFilters(params: SearchParams, today: string) {
  const raw = Object.fromEntries(RANGE_KEYS.filter((k) => params[k] !== undefined).map((k) => [k, first(params[k])]));
  const parsed = rangeSchema.safeParse(raw);
  const errors: { field: "from" | "to"; message: string }[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "to" ? "to" : "from";
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
    }
  }
  const from = (parsed.success ? parsed.data.from : undefined) ?? `${academicYearStart(today)}-09-01`;
  const to = (parsed.success ? parsed.data.to : undefined) ?? today;
  if (errors.length === 0 && from > to)
    errors.push({ field: "to", message: "The to date must be the same as or after the from date" });
  /** What was typed into the boxes, to show again with an error. */
  const typed = (field: "from" | "to") =>
    raw[`${field}-day`] !== undefined
      ? { day: raw[`${field}-day`] ?? "", month: raw[`${field}-month`] ?? "", year: raw[`${field}-year`] ?? "" }
      : undefined;
  return { from, to, errors, typed };
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
