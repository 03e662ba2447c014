// Inputs for truancy sweeps, shared by the forms, the server actions, lib/server/sweeps and POST /api/v1/sweeps.
// Forms send text and the API sends JSON numbers and booleans; each field takes either, and its output is what
// the server function parses again (so hours stay hours: the server turns them into quarter hours). Rules that
// need the database (the UPN in the authority, the pupil's case and school) are the server's.
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { parseQuarterHours, quartersFromHours, STOP_OUTCOMES, VALID_REASONS } from "@/lib/domain/sweeps";
import { checkUpn } from "@/lib/domain/upn";
import { requiredText } from "./common";
import { dateField, withDateInputs } from "./date-input";

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v ?? "");

const time = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine(
      (v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
      `Enter the ${label} as a 24-hour time, like 09:30`,
    );

/** Hours to the quarter hour: "2.75" from a form, 2.75 from the API. The output is hours (a number). */
const hours = (label: string) =>
  z.union([z.number(), z.string()], { error: `Enter the ${label}` }).transform((value, ctx) => {
    const parsed = typeof value === "number" ? quartersFromHours(value, label) : parseQuarterHours(value, label);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.quarters / 4;
  });

/** A whole number of people: "3" from a form, 3 from the API. */
const people = (label: string, required: boolean) =>
  z
    .union([z.number(), z.string()], { error: `Enter the number of ${label}` })
    .optional()
    .transform((value, ctx) => {
      const text = typeof value === "number" ? String(value) : (value ?? "").trim();
      if (text === "" && !required) return 0;
      if (!/^\d+$/.test(text) || Number(text) > 1000) {
        ctx.addIssue({
          code: "custom",
          message:
            text === "" ? `Enter the number of ${label}` : `Enter the number of ${label} as a whole number, like 2`,
        });
        return z.NEVER;
      }
      return Number(text);
    });

const yesNo = (message: string) =>
  z.union([z.boolean(), z.enum(["yes", "no"])], { error: message }).transform((v) => v === true || v === "yes");

/** One child stopped. Found by UPN in the authority, or recorded by name (and school) as given. */
export const sweepStopSchema = z
  .object({
    upn: z
      .string()
      .trim()
      .optional()
      .nullable()
      .transform((v, ctx) => {
        if (!v) return null;
        const checked = checkUpn(v);
        if (!checked.ok) {
          ctx.addIssue({ code: "custom", message: checked.message });
          return z.NEVER;
        }
        return checked.upn;
      }),
    name: optionalText("The child's name", 200),
    schoolUrn: z
      .union([z.number(), z.string()])
      .optional()
      .nullable()
      .transform((v, ctx) => {
        const text = v === null || v === undefined ? "" : String(v).trim();
        if (text === "") return null;
        if (!/^\d{6}$/.test(text)) {
          ctx.addIssue({ code: "custom", message: "Enter the school's URN as 6 digits, like 984101" });
          return z.NEVER;
        }
        return Number(text);
      }),
    schoolName: optionalText("The school's name", 200),
    withParent: yesNo("Select whether the child was with a parent or carer"),
    validReason: z.enum(VALID_REASONS, { error: "Select whether the reason given was valid" }),
    reason: requiredText("the reason the child gave (or write that none was given)", 1000),
    outcome: z.enum(STOP_OUTCOMES, { error: "Select what happened to the child" }),
  })
  .superRefine((v, ctx) => {
    if (!v.upn && v.name === "") {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: "Enter the child's UPN, or their name as they gave it",
      });
    }
  });
export type SweepStopInput = z.input<typeof sweepStopSchema>;
export type SweepStop = z.output<typeof sweepStopSchema>;

const sweepFields = {
  date: z
    .string({ error: "Enter the date of the sweep" })
    .trim()
    .min(1, { error: "Enter the date of the sweep", abort: true })
    .refine(isIsoDate, "Enter the date of the sweep as a real date, for example 2026-11-20"),
  startTime: time("start time"),
  endTime: time("end time"),
  area: requiredText("the area or route of the sweep", 500),
  policeOfficers: people("police officers", true),
  policeHours: hours("police hours"),
  staff: people("authority staff", false),
  // Optional: a form sends "" for a field left blank.
  staffHours: z
    .preprocess((v) => (v === "" || v === null ? undefined : v), hours("staff hours").optional())
    .transform((v) => v ?? 0),
  notes: optionalText("Notes", 2000),
};

const timesInOrder = (v: { startTime: string | null; endTime: string | null }, ctx: z.RefinementCtx) => {
  if (v.startTime && v.endTime && v.endTime <= v.startTime) {
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "The end time must be after the start time" });
  }
};

/** The sweep as the form records it (stops are added one by one afterwards). */
export const recordSweepSchema = withDateInputs(
  ["date"],
  z
    .object({
      ...sweepFields,
      /** The GOV.UK date input's three boxes, or "18/11/2026" typed whole (the API keeps its ISO date). */
      date: dateField("the date of the sweep"),
    })
    .superRefine(timesInOrder),
);
export type RecordSweepInput = z.input<typeof recordSweepSchema>;

/** POST /api/v1/sweeps: the sweep with every child stopped, all or nothing. */
export const createSweepRequestSchema = z
  .object({
    ...sweepFields,
    stops: z.array(sweepStopSchema, { error: "Give the children stopped as a list" }).max(500),
  })
  .superRefine(timesInOrder);
export type CreateSweepRequest = z.input<typeof createSweepRequestSchema>;

/** A stop added to a sweep from the sweep's page. */
export const addSweepStopSchema = sweepStopSchema.and(
  z.object({ sweepId: z.string().regex(/^[0-9a-f-]{36}$/i, "Choose a sweep") }),
);

/** GET /api/v1/sweeps?from&to: both optional ISO dates. */
export const sweepRangeSchema = z
  .object({
    from: z.string().refine(isIsoDate, "from must be a date, for example 2026-09-01").optional(),
    to: z.string().refine(isIsoDate, "to must be a date, for example 2027-08-31").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "to must be on or after from" });
  });
