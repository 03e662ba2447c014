// The JSON API's contract: response and error shapes for /api/v1, as zod schemas. Routes parse what they send
// with these, and GET /api/v1/openapi.json is generated from them, so the document cannot drift from the code.
import { z } from "zod";
import { RELATIONSHIPS } from "@/lib/domain/relationships";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: "A date, YYYY-MM-DD", example: "2026-11-27" });
const rate = z
  .number()
  .min(0)
  .max(100)
  .nullable()
  .meta({ description: "Percentage of possible sessions, one decimal place; null when there were none" });

export const apiError = z
  .object({
    error: z.enum(["unauthenticated", "forbidden", "not_found"]),
    message: z.string(),
  })
  .meta({ id: "Error" });

export const apiValidationErrors = z
  .object({
    errors: z.array(
      z.object({
        field: z.string().optional(),
        line: z
          .number()
          .int()
          .nullable()
          .optional()
          .meta({ description: "Line in the file, as a text editor counts it (the CSV header is line 1)" }),
        upn: z.string().nullable().optional(),
        date: z.string().nullable().optional(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: "ValidationErrors" });

export const pupilResponse = z
  .object({
    id: z.uuid(),
    upn: z.string().meta({ example: "R201100018042" }),
    upnTemporary: z.boolean(),
    formerUpn: z.string().nullable(),
    firstName: z.string(),
    middleNames: z.string().nullable(),
    lastName: z.string(),
    dateOfBirth: isoDate,
    sex: z.enum(["F", "M"]),
    enrolments: z.array(
      z.object({
        id: z.uuid(),
        schoolUrn: z.number().int(),
        schoolName: z.string(),
        startDate: isoDate,
        endDate: isoDate.nullable(),
        yearGroup: z.string(),
      }),
    ),
    parents: z.array(
      z.object({
        id: z.uuid().meta({ description: "The parent/carer's id, as POST /api/v1/cases takes in parentIds" }),
        title: z.string().nullable(),
        firstName: z.string(),
        lastName: z.string(),
        relationship: z.enum(RELATIONSHIPS),
        parentalResponsibility: z.boolean(),
        livesWithPupil: z.boolean(),
        address: z.object({
          line1: z.string().nullable(),
          line2: z.string().nullable(),
          town: z.string().nullable(),
          postcode: z.string().nullable(),
        }),
        phone: z.string().nullable(),
        email: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Pupil" });

export const pupilAttendanceResponse = z
  .object({
    upn: z.string(),
    from: isoDate,
    to: isoDate,
    possible: z.number().int().min(0),
    present: z.number().int().min(0).meta({ description: "Present and late-before-close marks (/, \\, L)" }),
    approvedActivity: z
      .number()
      .int()
      .min(0)
      .meta({ description: "Off-site approved educational activity (K, V, P, W, B)" }),
    authorised: z.number().int().min(0),
    unauthorised: z.number().int().min(0),
    attendanceRate: rate,
    overallAbsenceRate: rate,
    unauthorisedRate: rate,
    persistentAbsence: z
      .boolean()
      .meta({ description: "Overall absence at least 10% of the pupil's possible sessions in the range" }),
    severeAbsence: z.boolean().meta({ description: "Overall absence at least 50%" }),
  })
  .meta({ id: "PupilAttendance" });

export const importResponse = z
  .object({
    importId: z.string(),
    marksCreated: z.number().int().min(0),
    marksUpdated: z.number().int().min(0),
    marksUnchanged: z.number().int().min(0),
    pupilsCreated: z.number().int().min(0),
    pupilsUpdated: z.number().int().min(0),
  })
  .meta({ id: "ImportResult" });

export const healthResponse = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["ok", "unavailable"]),
  })
  .meta({ id: "Health" });

// ── Casework and enforcement (issue 5). Request bodies are plain shapes here (documented and parsed by the
// routes); the server functions then apply the shared rules in lib/schemas/case.ts and lib/schemas/referrals.ts. ──

const targetShape = z.object({
  minAttendancePct: z
    .number()
    .min(0)
    .max(100)
    .nullable()
    .meta({ description: "Minimum attendance over the window, in percent (one decimal place)" }),
  maxUnauthorisedSessions: z
    .number()
    .int()
    .min(0)
    .nullable()
    .meta({ description: "Maximum unauthorised sessions over the window" }),
});

export const createCaseRequest = z
  .object({
    upn: z.string().min(1).meta({ example: "R201100018042" }),
    parentIds: z
      .array(z.uuid())
      .min(1)
      .meta({ description: "Ids of the pupil's parents/carers (GET /api/v1/pupils/{upn})" }),
    officerEmail: z.string().min(1).meta({
      description: "An active officer of your authority (not a manager), assigned to the case",
      example: "officer@darlington.example.gov.uk",
    }),
    openedOn: isoDate.optional().meta({ description: "Defaults to today; never in the future" }),
    windowStart: isoDate
      .optional()
      .meta({ description: "Starts the Fast Track window on this date (the parents' meeting or warning letter)" }),
    target: targetShape
      .optional()
      .meta({ description: "The window's target, only with windowStart; defaults to 90% attendance" }),
  })
  .meta({ id: "CreateCaseRequest" });

export const createdResponse = z.object({ id: z.uuid() }).meta({ id: "Created" });

export const caseResponse = z
  .object({
    id: z.uuid(),
    upn: z.string(),
    status: z.enum(["open", "window_active", "decision_due", "monitoring", "referred", "closed"]),
    window: z.object({ start: isoDate, end: isoDate, target: targetShape }).nullable(),
    decision: z
      .object({
        outcome: z.enum(["improved", "referred", "not_referred"]).meta({
          description:
            "improved: the target was met; referred: a referral per parent in law; not_referred: the target was " +
            "missed but the record gives no ground to refer (see reasons)",
        }),
        asOf: isoDate,
        figures: z.record(z.string(), z.unknown()).meta({
          description:
            "possibleSessions, presentSessions, authorisedSessions, unauthorisedSessions, attendanceTenths, target, " +
            "met; for a missed target, grounds: the period relied on (compulsory school age), the unauthorised " +
            "sessions relied on, the referral minimum",
        }),
        reasons: z
          .array(
            z.object({
              code: z.enum([
                "no_unauthorised_absence",
                "below_referral_minimum",
                "not_compulsory_school_age",
                "not_registered",
                "not_a_parent",
              ]),
              message: z.string(),
              parentId: z.uuid().optional().meta({ description: "Set for not_a_parent: the party not referred" }),
            }),
          )
          .meta({ description: "Why the window (or, with parentId, a party) was not referred, in plain words" }),
      })
      .nullable(),
    referrals: z.array(
      z.object({
        id: z.uuid(),
        parentId: z.uuid(),
        status: z.enum(["awaiting_review", "approved", "rejected", "concluded"]),
        offence: z.enum(["s444(1)", "s444(1A)"]).nullable(),
        createdAt: z.string().meta({ description: "ISO 8601 timestamp" }),
      }),
    ),
  })
  .meta({ id: "Case" });

export const referralDecisionRequest = z
  .discriminatedUnion("decision", [
    z.object({
      decision: z.literal("approve"),
      offence: z.enum(["s444(1)", "s444(1A)"]),
      checklist: z.object({
        attendanceCertificate: z.boolean(),
        lettersSent: z.boolean(),
        warningGiven: z.boolean(),
        supportOffered: z.boolean(),
        esoConsidered: z.boolean(),
        esoReasoning: z.string(),
        interviewUnderCaution: z.enum(["held", "refused"]).nullable(),
        defencesConsidered: z.array(z.enum(["leave", "sickness", "religious_observance", "transport", "traveller"])),
      }),
    }),
    z.object({
      decision: z.literal("reject"),
      reason: z.string(),
      route: z
        .enum(["casework", "close"])
        .optional()
        .meta({ description: "casework (default): the case returns to casework; close: the case closes" }),
    }),
  ])
  .meta({ id: "ReferralDecisionRequest" });

export const referralResponse = z
  .object({
    id: z.uuid(),
    status: z.enum(["awaiting_review", "approved", "rejected", "concluded"]),
    offence: z.enum(["s444(1)", "s444(1A)"]).nullable(),
  })
  .meta({ id: "Referral" });

const whole = z.number().int();
export const outcomeRequest = z
  .object({
    hearingId: z.uuid().optional().meta({
      description:
        "The hearing that decided it: one of the referral's hearings that has taken place and was not adjourned. By default the latest such hearing",
    }),
    decidedOn: z.iso.date().optional().meta({
      description:
        "The day the court decided it: on or after the hearing, not in the future. By default the hearing's day",
    }),
    plea: z.enum(["guilty", "not_guilty", "none"]),
    verdict: z.enum(["guilty", "not_guilty", "withdrawn", "dismissed"]),
    sentences: z
      .array(
        z.discriminatedUnion("type", [
          z.object({ type: z.literal("fine"), amountPence: whole }),
          z.object({ type: z.literal("custody"), days: whole, suspended: z.boolean() }),
          z.object({ type: z.literal("conditional_discharge"), months: whole }),
          z.object({ type: z.literal("absolute_discharge") }),
          z.object({ type: z.literal("parenting_order"), months: whole }),
          z.object({ type: z.literal("community_order"), months: whole }),
        ]),
      )
      .meta({
        description:
          "Only with a guilty verdict. Caps: s444(1) fine <= 100000 pence, no custody or community order; s444(1A) fine <= 250000 pence, custody <= 92 days",
      }),
    costsPence: whole.min(0),
    victimSurchargePence: whole.min(0),
  })
  .meta({ id: "OutcomeRequest" });

// ── Issue 10: the record a referral rests on ──

export const produceLettersRequest = z
  .object({
    kind: z.enum(["meeting_invitation", "warning", "review", "final_warning"]),
    parentIds: z.array(z.uuid()).min(1).meta({ description: "Parties to the case: one letter each" }),
    sentOn: isoDate
      .optional()
      .meta({ description: "Defaults to today; may be back-dated, never before the case opened or after today" }),
  })
  .meta({ id: "ProduceLettersRequest" });

export const lettersResponse = z
  .object({
    letters: z.array(
      z.object({
        id: z.uuid(),
        parentId: z.uuid(),
        kind: z.enum(["meeting_invitation", "warning", "review", "final_warning"]),
        sentOn: isoDate,
        pdfUrl: z.string().meta({ description: "The letter as sent: /api/v1/cases/{id}/letters/{letterId}.pdf" }),
      }),
    ),
  })
  .meta({ id: "Letters" });

export const caseEventRequest = z
  .object({
    kind: z.enum([
      "meeting",
      "home_visit",
      "phone_call",
      "letter",
      "note",
      "attendance_contract",
      "review",
      "support_offered",
      "interview_under_caution",
    ]),
    occurredOn: isoDate.meta({ description: "Not in the future, not before the case opened" }),
    parentIds: z
      .array(z.uuid())
      .optional()
      .meta({ description: "The parents it concerns (parties to the case); required for an interview under caution" }),
    note: z.string().optional(),
    outcome: z
      .enum(["held", "refused", "no_response"])
      .optional()
      .meta({ description: "Only, and always, for an interview under caution" }),
  })
  .meta({ id: "CaseEventRequest" });

export const referralDetailResponse = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    parentId: z.uuid(),
    status: z.enum(["awaiting_review", "approved", "rejected", "concluded"]),
    offence: z.enum(["s444(1)", "s444(1A)"]).nullable(),
    readiness: z.object({
      ready: z.boolean(),
      items: z.array(
        z.object({
          key: z.enum(["letters", "warning", "support", "interview", "certificate", "eso", "defences"]),
          met: z.boolean(),
          evidence: z.array(
            z.object({ kind: z.enum(["letter", "event", "certificate"]), id: z.uuid(), date: isoDate }),
          ),
          message: z.string(),
        }),
      ),
    }),
  })
  .meta({ id: "ReferralDetail" });
