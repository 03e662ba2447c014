import "server-only";
import type { z } from "zod";
import { apiError, apiValidationErrors } from "@/lib/schemas/api";
import {
  createSweepRequest,
  createSweepResponse,
  parentalResponsibilityResponse,
  sweepListResponse,
  sweepYieldResponse,
} from "@/lib/schemas/insight-api";

// The OpenAPI paths of the manager's picture (issue 13): truancy sweeps and the parental responsibility statistics.
// openapi.ts merges them into the one document; the schemas are generated there from the same zod schemas.

const ref = (schema: z.ZodType) => `#/components/schemas/${(schema.meta() as { id: string }).id}`;
const json = (schema: z.ZodType, example?: unknown) => ({
  "application/json": { schema: { $ref: ref(schema) }, ...(example ? { example } : {}) },
});
const refused = {
  401: { description: "No valid API token or session", content: json(apiError) },
  403: {
    description: "The user's role may not do this (school staff, administrators)",
    content: json(apiError, { error: "forbidden", message: "You do not have permission to do that" }),
  },
};
const date = (name: string, description: string, example: string) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "string", format: "date" },
  description,
  example,
});

const YIELD_EXAMPLE = {
  stopped: 8,
  truants: 3,
  accompanied: 2,
  policeHours: 4,
  staffHours: 6,
  stoppedPerPoliceHour: 2,
  policeMinutesPerTruant: 80,
  accompaniedPercent: 25,
  reasons: {},
};

/** The schemas these paths use (openapi.ts includes them in components/schemas). */
export const INSIGHT_SCHEMAS = [
  sweepYieldResponse,
  createSweepRequest,
  createSweepResponse,
  sweepListResponse,
  parentalResponsibilityResponse,
];

export const INSIGHT_PATHS = {
  "/api/v1/sweeps": {
    post: {
      summary: "Record a truancy sweep with every child stopped (all or nothing)",
      description:
        "Officers and managers. Hours are decimals to the quarter hour. A stop names a child by upn (looked up in your authority: an unknown UPN is refused on stops.N.upn) or by name and school as given. A child found in the authority and stopped without a valid reason (validReason no) feeds casework: an entry on their open case's timeline, or a flag for the school they are on roll at (as if the school had flagged them). Yields are rounded to one decimal; a yield that would divide by zero is null, with the reason in yield.reasons.",
      requestBody: {
        required: true,
        content: json(createSweepRequest, {
          date: "2026-11-18",
          startTime: "09:30",
          endTime: "12:00",
          area: "Town centre and the retail park",
          policeOfficers: 2,
          policeHours: 4,
          staff: 2,
          staffHours: 6,
          stops: [
            {
              upn: "R201100018042",
              withParent: false,
              validReason: "no",
              reason: "Said he was bored",
              outcome: "returned_to_school",
            },
            {
              name: "Jordan Smith",
              schoolName: "A school in Leeds",
              withParent: true,
              validReason: "yes",
              reason: "Dentist appointment; letter shown",
              outcome: "other",
            },
          ],
        }),
      },
      responses: {
        201: {
          description: "Recorded, with the sweep's yield and what each stop fed",
          content: json(createSweepResponse, {
            id: "2f6d8e1a-5b3c-4d7e-9f01-a2b3c4d5e6f7",
            yield: {
              ...YIELD_EXAMPLE,
              stopped: 2,
              truants: 1,
              accompanied: 1,
              stoppedPerPoliceHour: 0.5,
              policeMinutesPerTruant: 240,
              accompaniedPercent: 50,
            },
            stops: [
              { position: 1, feed: "school_flag", caseId: null, flagId: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
              { position: 2, feed: "none", caseId: null, flagId: null },
            ],
          }),
        },
        422: {
          description: "Nothing was saved; every error is listed",
          content: json(apiValidationErrors, {
            errors: [
              {
                field: "policeHours",
                message: "Enter the police hours to the nearest quarter hour, like 2, 2.25, 2.5 or 2.75",
              },
              {
                field: "stops.0.upn",
                message:
                  "No pupil with UPN R201100018042 is recorded in Darlington: record a child from outside the authority by name and school instead",
              },
            ],
          }),
        },
        ...refused,
      },
    },
    get: {
      summary: "Truancy sweeps with their totals and yields",
      description:
        "Managers see every sweep of their authority; officers the sweeps they recorded. Totals are summed over the sweeps in range and per academic year (a year's yield is the ratio of its sums). The 2005 press figure is given for reference.",
      parameters: [
        date("from", "First sweep date to include (optional)", "2026-09-01"),
        date("to", "Last sweep date to include (optional)", "2027-08-31"),
      ],
      responses: {
        200: { description: "The sweeps, newest first", content: json(sweepListResponse) },
        422: {
          description: "Bad from/to",
          content: json(apiValidationErrors, { errors: [{ field: "to", message: "to must be on or after from" }] }),
        },
        ...refused,
      },
    },
  },
  "/api/v1/statistics/parental-responsibility": {
    get: {
      summary: "The DfE parental responsibility measures return for an academic year, computed from the records",
      description:
        "Managers only. The census variables by their own names (pn_issued, pn_paid_21, pn_paid_22_28, pn_withdrawn, pn_prosecuted_non_payment, pn_unresolved, case_management, case_management_prosecuted, case_management_withdrawn_att_improved, case_management_withdrawn_other, supervision_orders_*, parenting_orders_granted), with outcomes as at the end of the year (or today while it runs), and the prosecutions approved in the year with their verdicts and sentences. docs/decisions/040-statistics-definitions.md gives each definition.",
      parameters: [
        {
          name: "year",
          in: "query",
          required: true,
          schema: { type: "integer", minimum: 1990, maximum: 2100 },
          description: "The academic year starting on 1 September of this year",
          example: 2025,
        },
      ],
      responses: {
        200: { description: "The return", content: json(parentalResponsibilityResponse) },
        422: {
          description: "A missing or malformed year",
          content: json(apiValidationErrors, {
            errors: [{ field: "year", message: "year must be the year the academic year starts in, like 2025" }],
          }),
        },
        ...refused,
      },
    },
  },
};
