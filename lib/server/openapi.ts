import "server-only";
import { z } from "zod";
import {
  apiError,
  apiValidationErrors,
  caseResponse,
  createCaseRequest,
  createdResponse,
  healthResponse,
  importResponse,
  outcomeRequest,
  pupilAttendanceResponse,
  pupilResponse,
  referralDecisionRequest,
  referralResponse,
  produceLettersRequest,
  lettersResponse,
  caseEventRequest,
  referralDetailResponse,
} from "@/lib/schemas/api";
import { INSIGHT_PATHS, INSIGHT_SCHEMAS } from "./openapi-insight";
import { certificateRequest } from "@/lib/schemas/certificates";

const json = (schema: z.ZodType, example?: unknown) => ({
  "application/json": {
    schema: { $ref: `#/components/schemas/${(schema.meta() as { id: string }).id}` },
    ...(example ? { example } : {}),
  },
});
const errors = {
  401: {
    description: "No valid API token or session",
    content: json(apiError, { error: "unauthenticated", message: "Sign in to continue" }),
  },
  403: {
    description: "The user's role may not do this",
    content: json(apiError, { error: "forbidden", message: "You do not have permission to do that" }),
  },
};
const idParam = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
  description: `The ${what}'s id`,
});
const notFound = (what: string) => ({
  description: `No such ${what.toLowerCase()} in your scope`,
  content: json(apiError, { error: "not_found", message: `${what} not found` }),
});
const upnParam = { name: "upn", in: "path", required: true, schema: { type: "string" }, example: "R201100018042" };
// Issue 12 §2: a manager or officer reading a case assigned to someone else (or a pupil whose cases are all someone
// else's) says why.
const reasonParam = {
  name: "X-Access-Reason",
  in: "header",
  required: false,
  schema: { type: "string", minLength: 5, maxLength: 500 },
  description:
    "Why you need this record: required of a manager or officer reading a case assigned to someone else, or a pupil whose cases are all someone else's. Audited with the read.",
  example: "Supervision: monthly caseload review",
};
const reasonMissing = {
  description: "A manager or officer outside their caseload gave no reason (X-Access-Reason); nothing was read",
  content: json(apiValidationErrors, {
    errors: [
      {
        field: "X-Access-Reason",
        message:
          "Give the reason you need this record, outside your caseload, in the X-Access-Reason header (5 to 500 characters)",
      },
    ],
  }),
};

/** The OpenAPI 3.1 document for /api/v1, built from the same zod schemas the routes send. */
export function openApiDocument(origin: string) {
  // Every schema in lib/schemas/api.ts carries meta({ id }), so it is in zod's global registry; generated
  // together, references between them point into components/schemas.
  const generated = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` }).schemas;
  const ids = [
    apiError,
    apiValidationErrors,
    pupilResponse,
    pupilAttendanceResponse,
    importResponse,
    healthResponse,
    createCaseRequest,
    createdResponse,
    caseResponse,
    referralDecisionRequest,
    referralResponse,
    outcomeRequest,
    ...INSIGHT_SCHEMAS,
    produceLettersRequest,
    lettersResponse,
    caseEventRequest,
    referralDetailResponse,
    certificateRequest,
  ].map((schema) => (schema.meta() as { id: string }).id);
  const schemas = Object.fromEntries(
    ids.map((id) => {
      const { $schema: _drop, id: _id, ...schema } = generated[id] as Record<string, unknown>;
      return [id, schema];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Fast Track API",
      version: "1",
      description:
        "Attendance casework for local authorities. Every call acts as one user (an API token, or the signed-in session) with that user's permissions; records outside the user's scope are 404.",
    },
    servers: [{ url: origin }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token from an administrator (user page) or `npm run cli -- token create`",
        },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas,
    },
    paths: {
      "/api/health": {
        get: {
          summary: "Service and database health",
          security: [],
          responses: {
            200: { description: "Up", content: json(healthResponse, { status: "ok", database: "ok" }) },
            503: {
              description: "The database is down",
              content: json(healthResponse, { status: "unavailable", database: "unavailable" }),
            },
          },
        },
      },
      "/api/v1/pupils/{upn}": {
        get: {
          summary: "A pupil with enrolments and parents/carers (with their ids)",
          parameters: [upnParam, reasonParam],
          responses: {
            200: { description: "The pupil", content: json(pupilResponse) },
            422: reasonMissing,
            404: {
              description: "No such pupil in your scope",
              content: json(apiError, { error: "not_found", message: "Pupil not found" }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/pupils/{upn}/subject-access": {
        get: {
          summary:
            "Everything held about a pupil, as one zip archive (a subject access request; managers and auditors)",
          description:
            "The pupil's record, register marks and corrections, cases with their timeline, decisions, referrals, penalty notices and court records, letters as PDFs, and access-log.csv (who viewed or changed the records, when and why). Other people's contact details are withheld and listed in for-redaction-review/withheld.csv for the data protection officer. Each archive made is audited.",
          parameters: [upnParam],
          responses: {
            200: {
              description: "The archive",
              content: { "application/zip": { schema: { type: "string", format: "binary" } } },
            },
            404: notFound("Pupil"),
            ...errors,
          },
        },
      },
      "/api/v1/parents/{id}/subject-access": {
        get: {
          summary:
            "Everything held about a parent or carer, as one zip archive (a subject access request; managers and auditors)",
          description:
            "Their record and children, the cases they are a party to (other parties withheld), their own referrals, penalty notices and court records, the letters sent to them as PDFs, and who accessed their children's records. The id is a parent's id from GET /api/v1/pupils/{upn}. Each archive made is audited.",
          parameters: [idParam("parent or carer")],
          responses: {
            200: {
              description: "The archive",
              content: { "application/zip": { schema: { type: "string", format: "binary" } } },
            },
            404: notFound("Parent or carer"),
            ...errors,
          },
        },
      },
      "/api/v1/pupils/{upn}/attendance": {
        get: {
          summary: "A pupil's attendance figures over a date range",
          parameters: [
            upnParam,
            reasonParam,
            {
              name: "from",
              in: "query",
              required: true,
              schema: { type: "string", format: "date" },
              example: "2025-09-01",
            },
            {
              name: "to",
              in: "query",
              required: true,
              schema: { type: "string", format: "date" },
              example: "2026-07-22",
            },
          ],
          responses: {
            200: {
              description: "Counts are sessions; rates are percentages with one decimal place",
              content: json(pupilAttendanceResponse, {
                upn: "R201100018042",
                from: "2025-09-01",
                to: "2026-07-22",
                possible: 378,
                present: 330,
                approvedActivity: 4,
                authorised: 30,
                unauthorised: 14,
                attendanceRate: 88.4,
                overallAbsenceRate: 11.6,
                unauthorisedRate: 3.7,
                persistentAbsence: true,
                severeAbsence: false,
              }),
            },
            404: { description: "No such pupil in your scope", content: json(apiError) },
            422: {
              description:
                "Bad from/to, or (a manager or officer outside their caseload) no X-Access-Reason; nothing was read",
              content: json(apiValidationErrors, { errors: [{ field: "to", message: "to must be on or after from" }] }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/attendance/imports": {
        post: {
          summary: "Import register marks (all or nothing)",
          description:
            "A register CSV (`upn,date,session,code` with an optional `school_urn`; ISO dates; AM or PM) as text/csv. If any line is wrong nothing is written and every error is listed. Importing the same file again changes nothing. School staff may import only their own school's pupils. A DfE Common Transfer File (application/xml) also creates or updates pupils and their contacts.",
          requestBody: {
            required: true,
            content: {
              "text/csv": {
                schema: { type: "string" },
                example: "upn,date,session,code\nR201100018042,2025-10-06,AM,/\nR201100018042,2025-10-06,PM,N\n",
              },
              "application/xml": {
                schema: {
                  type: "string",
                  description:
                    "A DfE Common Transfer File: pupils, contacts and attendance (docs/decisions/007-ctf-import.md)",
                },
              },
            },
          },
          parameters: [
            {
              name: "X-Filename",
              in: "header",
              required: false,
              schema: { type: "string" },
              description: "The file's name, kept with the import",
            },
          ],
          responses: {
            201: {
              description: "Imported",
              content: json(importResponse, {
                importId: "42",
                marksCreated: 2,
                marksUpdated: 0,
                marksUnchanged: 0,
                pupilsCreated: 0,
                pupilsUpdated: 0,
              }),
            },
            422: {
              description: "Nothing was written; every error is listed",
              content: json(apiValidationErrors, {
                errors: [
                  {
                    line: 3,
                    upn: "R201100018042",
                    date: "2025-10-06",
                    message:
                      'Code "J" is not valid on 6 October 2025: it is not in the 2024 code set (in force from 19 August 2024)',
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/cases": {
        post: {
          summary: "Open a case (and start its Fast Track window)",
          description:
            "Same rules as the case pages: officers and managers only; parentIds must be the pupil's parents/carers; officerEmail the email address of an active education welfare officer of your authority (not a manager), who is assigned the case; openedOn never in the future; windowStart on or after openedOn, not in the future and covered by the term calendar, and given only by the officer the case is assigned to or a manager; target only with windowStart (the target is set when the window starts; it defaults to 90% attendance). Errors name the request's fields (upn, officerEmail, windowStart, target.minAttendancePct, …). All or nothing: a refused request saves nothing, not even the case.",
          requestBody: {
            required: true,
            content: json(createCaseRequest, {
              upn: "R201100018042",
              parentIds: ["0b7c9a5e-3f0e-4a55-9a51-7d0c2f9b8e11"],
              officerEmail: "officer@darlington.example.gov.uk",
              openedOn: "2026-11-02",
              windowStart: "2026-11-09",
              target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
            }),
          },
          responses: {
            201: {
              description: "Opened",
              content: json(createdResponse, { id: "5d1f3f7e-2b9c-4a8e-9f61-0c7b1e2d3a4b" }),
            },
            422: {
              description: "Nothing was saved; every error is listed",
              content: json(apiValidationErrors, {
                errors: [{ field: "parentIds", message: "Select only parents or carers recorded for this pupil" }],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/cases/{id}": {
        get: {
          summary: "A case: status, window, the window's decision and the prosecution referrals",
          parameters: [idParam("case"), reasonParam],
          responses: {
            200: {
              description: "The case",
              content: json(caseResponse, {
                id: "5d1f3f7e-2b9c-4a8e-9f61-0c7b1e2d3a4b",
                upn: "R201100018042",
                status: "referred",
                window: {
                  start: "2026-09-14",
                  end: "2026-11-13",
                  target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
                },
                decision: {
                  outcome: "referred",
                  asOf: "2026-11-13",
                  figures: {
                    possibleSessions: 80,
                    presentSessions: 61,
                    authorisedSessions: 2,
                    unauthorisedSessions: 17,
                    attendanceTenths: 763,
                    target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
                    met: false,
                    grounds: {
                      referralMinimum: 10,
                      reliedOn: { from: "2026-09-14", to: "2026-11-13" },
                      reliedOnSessions: { possible: 80, authorised: 2, unauthorised: 17 },
                    },
                  },
                  reasons: [
                    {
                      code: "not_a_parent",
                      parentId: "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                      message:
                        "Jean Smith (grandparent) has no parental responsibility and does not live with the pupil, " +
                        "so is not a parent under section 576 and is not referred",
                    },
                  ],
                },
                referrals: [
                  {
                    id: "9a0e2c1d-7b6f-4c3e-8d2a-1f0e9d8c7b6a",
                    parentId: "0b7c9a5e-3f0e-4a55-9a51-7d0c2f9b8e11",
                    status: "awaiting_review",
                    offence: null,
                    createdAt: "2026-11-14T06:00:02.000Z",
                  },
                ],
              }),
            },
            404: notFound("Case"),
            422: reasonMissing,
            ...errors,
          },
        },
      },
      "/api/v1/referrals/{id}/decision": {
        post: {
          summary: "Approve (with the offence and a complete evidence checklist) or reject a prosecution referral",
          description:
            "Managers only. Approval is refused with 422 naming each missing checklist item, or when the parent has a penalty notice for the same period that is paid or still payable. Rejection returns the case to casework (route casework, the default) or closes it (route close).",
          parameters: [idParam("referral")],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/ReferralDecisionRequest" },
                examples: {
                  approve: {
                    value: {
                      decision: "approve",
                      offence: "s444(1)",
                      checklist: {
                        attendanceCertificate: true,
                        lettersSent: true,
                        warningGiven: true,
                        supportOffered: true,
                        esoConsidered: true,
                        esoReasoning: "ESO considered; voluntary support was refused",
                        interviewUnderCaution: "held",
                        defencesConsidered: ["leave", "sickness", "religious_observance", "transport", "traveller"],
                      },
                    },
                  },
                  reject: {
                    value: {
                      decision: "reject",
                      reason: "The mother was in hospital for part of the period",
                      route: "casework",
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: {
              description: "Decided",
              content: json(referralResponse, {
                id: "9a0e2c1d-7b6f-4c3e-8d2a-1f0e9d8c7b6a",
                status: "approved",
                offence: "s444(1)",
              }),
            },
            404: notFound("Referral"),
            409: { description: "The referral changed while you were deciding", content: json(apiValidationErrors) },
            422: {
              description: "What is missing",
              content: json(apiValidationErrors, {
                errors: [
                  {
                    field: "checklist.attendanceCertificate",
                    message: "The signed attendance certificate for the period (section 566) is missing",
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/referrals/{id}/outcome": {
        post: {
          summary: "Record the court outcome for the parent of an approved referral",
          description:
            "Managers only, once per referral. Checked against the offence approved on the referral: s444(1) a fine up to 100000 pence, no custody, no community order; s444(1A) a fine up to 250000 pence, custody up to 92 days. Sentences only with a guilty verdict. Over a cap: 422 naming the limit and the offence, nothing saved. The referral becomes concluded.",
          parameters: [idParam("referral")],
          requestBody: {
            required: true,
            content: json(outcomeRequest, {
              plea: "guilty",
              verdict: "guilty",
              sentences: [
                { type: "fine", amountPence: 44000 },
                { type: "parenting_order", months: 6 },
              ],
              costsPence: 12000,
              victimSurchargePence: 4000,
            }),
          },
          responses: {
            201: {
              description: "Recorded",
              content: json(createdResponse, { id: "3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9" }),
            },
            404: notFound("Referral"),
            422: {
              description: "Nothing was saved",
              content: json(apiValidationErrors, {
                errors: [
                  {
                    field: "sentences.0.amountPence",
                    message: "A fine under section 444(1) can be at most £1,000.00 (level 3); £1,000.01 was entered",
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/cases/{id}/letters": {
        post: {
          summary: "Produce one letter of a kind for each parent named, stored as sent",
          description:
            "The case's officer or a manager. sentOn may be back-dated, never before the case opened or after today. Each letter is rendered from its stored text as /api/v1/cases/{id}/letters/{letterId}.pdf.",
          parameters: [idParam("case")],
          requestBody: {
            required: true,
            content: json(produceLettersRequest, {
              kind: "warning",
              parentIds: ["0b7c9a5e-3f0e-4a55-9a51-7d0c2f9b8e11"],
              sentOn: "2026-09-14",
            }),
          },
          responses: {
            201: {
              description: "The letters produced",
              content: json(lettersResponse, {
                letters: [
                  {
                    id: "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                    parentId: "0b7c9a5e-3f0e-4a55-9a51-7d0c2f9b8e11",
                    kind: "warning",
                    sentOn: "2026-09-14",
                    pdfUrl:
                      "/api/v1/cases/5d1f3f7e-2b9c-4a8e-9f61-0c7b1e2d3a4b/letters/6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0.pdf",
                  },
                ],
              }),
            },
            404: notFound("Case"),
            422: {
              description: "Nothing was produced",
              content: json(apiValidationErrors, {
                errors: [
                  {
                    field: "sentOn",
                    message: "The date sent cannot be before the case was opened on 1 September 2026",
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/cases/{id}/letters/{letterId}.pdf": {
        get: {
          summary: "A letter as sent (PDF)",
          parameters: [
            idParam("case"),
            { name: "letterId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          ],
          responses: {
            200: { description: "The letter", content: { "application/pdf": {} } },
            404: notFound("Letter"),
            ...errors,
          },
        },
      },
      "/api/v1/cases/{id}/events": {
        post: {
          summary:
            "Record work on the case's timeline: a meeting, visit, call, support offered, an interview under caution…",
          description:
            "The case's officer or a manager. An interview under caution names the parents it was with (parties to the case) and its outcome: held, refused, or no_response (invited, no response).",
          parameters: [idParam("case")],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/CaseEventRequest" },
                examples: {
                  interview: {
                    value: {
                      kind: "interview_under_caution",
                      occurredOn: "2026-11-16",
                      parentIds: ["0b7c9a5e-3f0e-4a55-9a51-7d0c2f9b8e11"],
                      outcome: "refused",
                      note: "Invited to interview at the council offices; declined by telephone.",
                    },
                  },
                  support: {
                    value: {
                      kind: "support_offered",
                      occurredOn: "2026-09-21",
                      note: "Early help assessment offered.",
                    },
                  },
                },
              },
            },
          },
          responses: {
            201: {
              description: "Recorded",
              content: json(createdResponse, { id: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d" }),
            },
            404: notFound("Case"),
            422: {
              description: "Nothing was recorded",
              content: json(apiValidationErrors, {
                errors: [
                  {
                    field: "outcome",
                    message:
                      "Select the outcome of the interview under caution: held, refused, or invited with no response",
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/referrals/{id}": {
        get: {
          summary: "A prosecution referral with its readiness items, each with the evidence it rests on",
          parameters: [idParam("referral")],
          responses: {
            200: {
              description: "The referral",
              content: json(referralDetailResponse, {
                id: "9a0e2c1d-7b6f-4c3e-8d2a-1f0e9d8c7b6a",
                caseId: "5d1f3f7e-2b9c-4a8e-9f61-0c7b1e2d3a4b",
                parentId: "0b7c9a5e-3f0e-4a55-9a51-7d0c2f9b8e11",
                status: "awaiting_review",
                offence: null,
                readiness: {
                  ready: false,
                  items: [
                    {
                      key: "letters",
                      met: true,
                      evidence: [{ kind: "letter", id: "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", date: "2026-09-14" }],
                      message: "1 letter: Warning letter (14 September 2026)",
                    },
                    {
                      key: "certificate",
                      met: false,
                      evidence: [],
                      message:
                        "The head teacher's signed attendance certificate for the period (section 566) has not been recorded for Skerne Park Primary School",
                    },
                  ],
                },
              }),
            },
            404: notFound("Referral"),
            ...errors,
          },
        },
      },
      "/api/v1/referrals/{id}/certificate.pdf": {
        get: {
          summary:
            "The s.566 certificate of attendance for the referral's period, built from the frozen evidence (PDF)",
          description: "Managers, officers, and school staff of the school whose register it relies on.",
          parameters: [idParam("referral")],
          responses: {
            200: { description: "The certificate", content: { "application/pdf": {} } },
            404: notFound("Certificate"),
            ...errors,
          },
        },
      },
      "/api/v1/referrals/{id}/certificate": {
        post: {
          summary: "Record the head teacher's signature on the s.566 certificate",
          description:
            "School staff of the school whose register it relies on, or the case's officer (or a manager) for a signed paper copy. Once per school, while a referral on it awaits review; signedOn on or after the period's end and not in the future.",
          parameters: [idParam("referral")],
          requestBody: {
            required: true,
            content: json(certificateRequest, { signedBy: "Mrs A Patel, Head Teacher", signedOn: "2026-11-19" }),
          },
          responses: {
            201: {
              description: "Recorded",
              content: json(createdResponse, { id: "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e" }),
            },
            404: notFound("Certificate"),
            422: {
              description: "Nothing was recorded",
              content: json(apiValidationErrors, {
                errors: [
                  {
                    field: "signedOn",
                    message:
                      "The certificate covers the period to 13 November 2026, so it cannot be signed before then",
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: { summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1" } } },
      },
      ...INSIGHT_PATHS,
    },
  };
}
