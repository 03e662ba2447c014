// One date in a page's URL, for the GET forms that filter or preview (the hearings lists' From and To, the
// start-window page's "See the dates for another start date"). The form shows the GOV.UK date input, which sends
// <name>-day, <name>-month and <name>-year; the page's own links send <name> as an ISO date; both are read through
// the one zod date reader (lib/schemas/date-input.ts), so a filter says what is wrong part by part, as a form does.
import { z } from "zod";
import type { DateParts } from "@/lib/domain/date-input";
import { optionalDateField, withDateInputs } from "./date-input";

type SearchParams = Record<string, string | string[] | undefined>;

export type DateFilterReading = {
  /** The ISO date, or undefined when nothing was given or what was given is not a date. */
  iso: string | undefined;
  /** What is wrong with what was given (the part missing, not a real date), or undefined. */
  error: string | undefined;
  /** What was typed into the boxes, to show again (DateInput's defaultParts); undefined when no box was sent. */
  typed: Partial<DateParts> | undefined;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/** Reads the date `name` from a URL's parameters: its three boxes, or one value (ISO, or "6/12/2026"). */
export function readDateFilter(params: SearchParams, name: string, label: string): DateFilterReading {
  const keys = [name, `${name}-day`, `${name}-month`, `${name}-year`];
  const raw = Object.fromEntries(keys.filter((k) => params[k] !== undefined).map((k) => [k, first(params[k])]));
  const typed =
    raw[`${name}-day`] !== undefined || raw[`${name}-month`] !== undefined || raw[`${name}-year`] !== undefined
      ? { day: raw[`${name}-day`] ?? "", month: raw[`${name}-month`] ?? "", year: raw[`${name}-year`] ?? "" }
      : undefined;
  const parsed = withDateInputs([name], z.object({ [name]: optionalDateField(label) })).safeParse(raw);
  if (!parsed.success) return { iso: undefined, error: parsed.error.issues[0]?.message, typed };
  const iso = (parsed.data as Record<string, string | undefined>)[name];
  return { iso, error: undefined, typed };
}
