// The JSON API's contract for the manager's picture (issue 13): truancy sweeps and the parental responsibility
// statistics. Routes parse what they send with these, and GET /api/v1/openapi.json is generated from them.
import { z } from "zod";
import { CASE_CENSUS_VARIABLES, PN_CENSUS_VARIABLES, PROSECUTION_COLUMNS } from "@/lib/domain/parental-responsibility";
import { STOP_FEEDS, STOP_OUTCOMES, VALID_REASONS, YIELD_FIGURES } from "@/lib/domain/sweeps";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: "A date, YYYY-MM-DD", example: "2026-11-27" });

const oneDecimal = (description: string) => z.number().nullable().meta({ description });

export const sweepYieldResponse = z
  .object({
    stopped: z.number().int().meta({ description: "Children stopped" }),
    truants: z.number().int().meta({ description: "Children stopped without a valid reason" }),
    accompanied: z.number().int().meta({ description: "Children stopped while with a parent or carer" }),
    policeHours: z.number().meta({ description: "Police hours, to the quarter hour" }),
    staffHours: z.number().meta({ description: "Authority staff hours, to the quarter hour" }),
    stoppedPerPoliceHour: oneDecimal("Children stopped per police hour, one decimal; null with no police hours"),
    policeMinutesPerTruant: oneDecimal("Police minutes per truant found, one decimal; null with no truants"),
    accompaniedPercent: oneDecimal(
      "Percentage of the children stopped who were with a parent or carer; null with none",
    ),
    reasons: z
      .partialRecord(z.enum(YIELD_FIGURES), z.string())
      .meta({ description: "Why each null figure is null, e.g. no police hours recorded (never a division by zero)" }),
  })
  .meta({ id: "SweepYield" });

/**
 * The request as the API documents it (the wire format). The route parses it with createSweepRequestSchema from
 * ./sweeps, the schema the form and the server share, which also accepts text from forms.
 */
export const createSweepRequest = z
  .object({
    date: isoDate.meta({ description: "The day of the sweep; not in the future" }),
    startTime: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullable()
      .optional()
      .meta({ example: "09:30" }),
    endTime: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullable()
      .optional()
      .meta({ example: "12:00" }),
    area: z.string().min(1).max(500).meta({ description: "The area or route covered" }),
    policeOfficers: z.number().int().min(0).meta({ description: "Police officers taking part" }),
    policeHours: z.number().min(0).multipleOf(0.25).meta({ description: "Police hours, to the quarter hour" }),
    staff: z.number().int().min(0).optional().meta({ description: "Authority staff taking part (default 0)" }),
    staffHours: z.number().min(0).multipleOf(0.25).optional().meta({ description: "Their hours (default 0)" }),
    notes: z.string().max(2000).optional(),
    stops: z
      .array(
        z.object({
          upn: z.string().optional().meta({ description: "The child's UPN, looked up in your authority" }),
          name: z.string().max(200).optional().meta({ description: "The name as given; needed without a UPN" }),
          schoolUrn: z.number().int().optional().meta({ description: "The school named, as given (any authority)" }),
          schoolName: z.string().max(200).optional().meta({ description: "The school named, as given" }),
          withParent: z.boolean().meta({ description: "With a parent or carer when stopped" }),
          validReason: z.enum(VALID_REASONS),
          reason: z.string().min(1).max(1000).meta({ description: "The reason given" }),
          outcome: z.enum(STOP_OUTCOMES),
        }),
      )
      .max(500),
  })
  .meta({
    id: "CreateSweepRequest",
    description:
      "policeHours and staffHours are decimals to the quarter hour (2, 2.25, 2.5, 2.75). Each stop names a child by upn (looked up in your authority) or by name (and schoolUrn or schoolName as given, for a child from elsewhere).",
  });

export const createSweepResponse = z
  .object({
    id: z.uuid(),
    yield: sweepYieldResponse,
    stops: z.array(
      z.object({
        position: z.number().int(),
        feed: z.enum(STOP_FEEDS).meta({
          description:
            "What the stop fed: case_timeline (added to the pupil's open case), school_flag (a flag for the pupil's school), no_current_school, none",
        }),
        caseId: z.uuid().nullable(),
        flagId: z.uuid().nullable(),
      }),
    ),
  })
  .meta({ id: "CreatedSweep" });

const sweepTotals = z.object({
  sweeps: z.number().int(),
  stopped: z.number().int(),
  truants: z.number().int(),
  validReason: z.number().int(),
  unknownReason: z.number().int(),
  accompanied: z.number().int(),
});

export const sweepListResponse = z
  .object({
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    sweeps: z.array(
      z.object({
        id: z.uuid(),
        date: isoDate,
        startTime: z.string().nullable(),
        endTime: z.string().nullable(),
        area: z.string(),
        policeOfficers: z.number().int(),
        staff: z.number().int(),
        yield: sweepYieldResponse,
      }),
    ),
    totals: sweepTotals.extend({ yield: sweepYieldResponse }),
    years: z.array(
      z
        .object({ year: z.number().int(), label: z.string() })
        .extend(sweepTotals.shape)
        .extend({ yield: sweepYieldResponse }),
    ),
    press: z.object({ label: z.string(), source: z.string(), yield: sweepYieldResponse }),
  })
  .meta({ id: "SweepList" });

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

export const parentalResponsibilityResponse = z
  .object({
    year: z.number().int().meta({ description: "The academic year starting 1 September of this year" }),
    label: z.string().meta({ example: "2025/26" }),
    asOf: isoDate.meta({ description: "Outcomes as at this day: the end of the year, or today while it runs" }),
    census: counts([...PN_CENSUS_VARIABLES, ...CASE_CENSUS_VARIABLES]).extend(
      counts([
        "supervision_orders_total",
        "supervision_orders_inplaceofprosecution",
        "supervision_orders_inadditiontoprosecution",
        "parenting_orders_granted",
      ] as const).shape,
    ),
    notes: z.object({
      pn_paid_after_28: z.number().int().meta({
        description: "Notices under the pre-2013 schemes paid on day 29 to 42: valid, but in neither census column",
      }),
      case_management_continuing: z.number().int().meta({ description: "Cases still in case management" }),
    }),
    prosecutions: z.object(
      Object.fromEntries(PROSECUTION_COLUMNS.map((c) => [c, z.number().int().nullable()])) as Record<
        (typeof PROSECUTION_COLUMNS)[number],
        z.ZodNullable<z.ZodNumber>
      >,
    ),
  })
  .meta({ id: "ParentalResponsibility" });
