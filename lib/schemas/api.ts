// The JSON API's contract: response and error shapes for /api/v1, as zod schemas. Routes parse what they send
// with these, and GET /api/v1/openapi.json is generated from them, so the document cannot drift from the code.
import { z } from "zod";
import { RELATIONSHIPS } from "@/lib/domain/relationships";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: "A date, YYYY-MM-DD", example: "2026-11-27" });
const rate = z.number().min(0).max(100).nullable().meta({ description: "Percentage of possible sessions, one decimal place; null when there were none" });

export const apiError = z.object({
  error: z.enum(["unauthenticated", "forbidden", "not_found"]),
  message: z.string(),
}).meta({ id: "Error" });

export const apiValidationErrors = z.object({
  errors: z.array(z.object({
    field: z.string().optional(),
    line: z.number().int().nullable().optional().meta({ description: "Line in the file, as a text editor counts it (the CSV header is line 1)" }),
    upn: z.string().nullable().optional(),
    date: z.string().nullable().optional(),
    message: z.string(),
  })),
}).meta({ id: "ValidationErrors" });

export const pupilResponse = z.object({
  id: z.uuid(),
  upn: z.string().meta({ example: "R201100018042" }),
  upnTemporary: z.boolean(),
  formerUpn: z.string().nullable(),
  firstName: z.string(),
  middleNames: z.string().nullable(),
  lastName: z.string(),
  dateOfBirth: isoDate,
  sex: z.enum(["F", "M"]),
  enrolments: z.array(z.object({
    id: z.uuid(), schoolUrn: z.number().int(), schoolName: z.string(), startDate: isoDate, endDate: isoDate.nullable(), yearGroup: z.string(),
  })),
  parents: z.array(z.object({
    id: z.uuid().meta({ description: "The parent/carer's id, as POST /api/v1/cases takes in parentIds" }),
    title: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string(),
    relationship: z.enum(RELATIONSHIPS),
    parentalResponsibility: z.boolean(),
    livesWithPupil: z.boolean(),
    address: z.object({ line1: z.string().nullable(), line2: z.string().nullable(), town: z.string().nullable(), postcode: z.string().nullable() }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })),
}).meta({ id: "Pupil" });

export const pupilAttendanceResponse = z.object({
  upn: z.string(),
  from: isoDate,
  to: isoDate,
  possible: z.number().int().min(0),
  present: z.number().int().min(0).meta({ description: "Present and late-before-close marks (/, \\, L)" }),
  approvedActivity: z.number().int().min(0).meta({ description: "Off-site approved educational activity (K, V, P, W, B)" }),
  authorised: z.number().int().min(0),
  unauthorised: z.number().int().min(0),
  attendanceRate: rate,
  overallAbsenceRate: rate,
  unauthorisedRate: rate,
  persistentAbsence: z.boolean().meta({ description: "Overall absence at least 10% of the pupil's possible sessions in the range" }),
  severeAbsence: z.boolean().meta({ description: "Overall absence at least 50%" }),
}).meta({ id: "PupilAttendance" });

export const importResponse = z.object({
  importId: z.string(),
  marksCreated: z.number().int().min(0),
  marksUpdated: z.number().int().min(0),
  marksUnchanged: z.number().int().min(0),
  pupilsCreated: z.number().int().min(0),
  pupilsUpdated: z.number().int().min(0),
}).meta({ id: "ImportResult" });

export const healthResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["ok", "unavailable"]),
}).meta({ id: "Health" });
