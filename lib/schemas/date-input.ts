// The one zod reader for dates typed by people (issue 15: "Dates use the GOV.UK date input … accepting 6/12/2026 as
// well; never a bare YYYY-MM-DD field"). A form posts a date as three boxes named <field>-day, <field>-month and
// <field>-year (components/govuk/date-input.tsx); withDateInputs gathers them into one value before the schema runs,
// so the browser (react-hook-form), the server action and the API all read the same field. A caller may also send
// the date as one piece of text: an ISO date from the API, or "6/12/2026". The output is always an ISO date.
import { z } from "zod";
import { readDateParts, readDateText, type DateParts } from "@/lib/domain/date-input";

const PART_SUFFIXES = ["day", "month", "year"] as const;

function isParts(v: unknown): v is DateParts {
  return typeof v === "object" && v !== null && "day" in v && "month" in v && "year" in v;
}

function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (isParts(v)) return `${v.day}${v.month}${v.year}`.trim() === "";
  return false;
}

/** Reads a date field (three boxes, or one piece of text) into an ISO date; `label` names it in the messages. */
export function dateField(label: string) {
  return z.any().transform((v, ctx): string => {
    const reading = isParts(v)
      ? readDateParts({ day: String(v.day ?? ""), month: String(v.month ?? ""), year: String(v.year ?? "") }, label)
      : typeof v === "string"
        ? readDateText(v, label)
        : ({ ok: false, message: `Enter ${label}` } as const);
    if (!reading.ok) {
      ctx.addIssue({ code: "custom", message: reading.message });
      return z.NEVER;
    }
    return reading.iso;
  });
}

/** The same, where the date may be left out (all three boxes empty): undefined then. */
export function optionalDateField(label: string) {
  return z.preprocess((v) => (isBlank(v) ? undefined : v), dateField(label).optional());
}

/**
 * Gathers each named date's three boxes (<name>-day, -month, -year) into `{ day, month, year }` under <name>, and
 * drops the box keys, before `schema` parses the object. A value already under <name> (the API's text) is kept.
 */
export function withDateInputs<S extends z.ZodType>(
  names: readonly string[],
  schema: S,
): z.ZodType<z.output<S>, z.input<S> & Record<string, unknown>> {
  return z.preprocess((raw) => {
    if (typeof raw !== "object" || raw === null) return raw;
    const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const name of names) {
      const keys = PART_SUFFIXES.map((p) => `${name}-${p}`);
      if (keys.some((k) => k in out)) {
        const [day, month, year] = keys.map((k) => out[k]);
        if (out[name] === undefined || isBlank(out[name])) {
          out[name] = { day: String(day ?? ""), month: String(month ?? ""), year: String(year ?? "") };
        }
        for (const k of keys) delete out[k];
      }
    }
    return out;
  }, schema) as unknown as z.ZodType<z.output<S>, z.input<S> & Record<string, unknown>>;
}
