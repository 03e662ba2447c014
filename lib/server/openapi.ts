import "server-only";
import { z } from "zod";
import { apiError, apiValidationErrors, healthResponse, importResponse, pupilAttendanceResponse, pupilResponse } from "@/lib/schemas/api";

const json = (schema: z.ZodType, example?: unknown) => ({
  "application/json": { schema: { $ref: `#/components/schemas/${(schema.meta() as { id: string }).id}` }, ...(example ? { example } : {}) },
});
const errors = {
  401: { description: "No valid API token or session", content: json(apiError, { error: "unauthenticated", message: "Sign in to continue" }) },
  403: { description: "The user's role may not do this", content: json(apiError, { error: "forbidden", message: "You do not have permission to do that" }) },
};
const upnParam = { name: "upn", in: "path", required: true, schema: { type: "string" }, example: "R201100018042" };

/** The OpenAPI 3.1 document for /api/v1, built from the same zod schemas the routes send. */
export function openApiDocument(origin: string) {
  // Every schema in lib/schemas/api.ts carries meta({ id }), so it is in zod's global registry; generated
  // together, references between them point into components/schemas.
  const generated = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` }).schemas;
  const ids = [apiError, apiValidationErrors, pupilResponse, pupilAttendanceResponse, importResponse, healthResponse]
    .map((schema) => (schema.meta() as { id: string }).id);
  const schemas = Object.fromEntries(ids.map((id) => {
    const { $schema: _drop, id: _id, ...schema } = generated[id] as Record<string, unknown>;
    return [id, schema];
  }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Fast Track API",
      version: "1",
      description: "Attendance casework for local authorities. Every call acts as one user (an API token, or the signed-in session) with that user's permissions; records outside the user's scope are 404.",
    },
    servers: [{ url: origin }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from an administrator (user page) or `npm run cli -- token create`" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas,
    },
    paths: {
      "/api/health": {
        get: { summary: "Service and database health", security: [], responses: {
          200: { description: "Up", content: json(healthResponse, { status: "ok", database: "ok" }) },
          503: { description: "The database is down", content: json(healthResponse, { status: "unavailable", database: "unavailable" }) },
        } },
      },
      "/api/v1/pupils/{upn}": {
        get: { summary: "A pupil with enrolments and parents/carers (with their ids)", parameters: [upnParam], responses: {
          200: { description: "The pupil", content: json(pupilResponse) },
          404: { description: "No such pupil in your scope", content: json(apiError, { error: "not_found", message: "Pupil not found" }) },
          ...errors,
        } },
      },
      "/api/v1/pupils/{upn}/attendance": {
        get: {
          summary: "A pupil's attendance figures over a date range",
          parameters: [upnParam,
            { name: "from", in: "query", required: true, schema: { type: "string", format: "date" }, example: "2025-09-01" },
            { name: "to", in: "query", required: true, schema: { type: "string", format: "date" }, example: "2026-07-22" }],
          responses: {
            200: { description: "Counts are sessions; rates are percentages with one decimal place", content: json(pupilAttendanceResponse, {
              upn: "R201100018042", from: "2025-09-01", to: "2026-07-22", possible: 378, present: 330, approvedActivity: 4, authorised: 30,
              unauthorised: 14, attendanceRate: 88.4, overallAbsenceRate: 11.6, unauthorisedRate: 3.7, persistentAbsence: true, severeAbsence: false,
            }) },
            404: { description: "No such pupil in your scope", content: json(apiError) },
            422: { description: "Bad from/to", content: json(apiValidationErrors, { errors: [{ field: "to", message: "to must be on or after from" }] }) },
            ...errors,
          },
        },
      },
      "/api/v1/attendance/imports": {
        post: {
          summary: "Import register marks (all or nothing)",
          description: "A register CSV (`upn,date,session,code` with an optional `school_urn`; ISO dates; AM or PM) as text/csv. If any line is wrong nothing is written and every error is listed. Importing the same file again changes nothing. School staff may import only their own school's pupils. A DfE Common Transfer File (application/xml) also creates or updates pupils and their contacts.",
          requestBody: { required: true, content: {
            "text/csv": { schema: { type: "string" }, example: "upn,date,session,code\nR201100018042,2025-10-06,AM,/\nR201100018042,2025-10-06,PM,N\n" },
            "application/xml": { schema: { type: "string", description: "A DfE Common Transfer File: pupils, contacts and attendance (docs/decisions/007-ctf-import.md)" } },
          } },
          parameters: [{ name: "X-Filename", in: "header", required: false, schema: { type: "string" }, description: "The file's name, kept with the import" }],
          responses: {
            201: { description: "Imported", content: json(importResponse, { importId: "42", marksCreated: 2, marksUpdated: 0, marksUnchanged: 0, pupilsCreated: 0, pupilsUpdated: 0 }) },
            422: { description: "Nothing was written; every error is listed", content: json(apiValidationErrors, { errors: [{ line: 3, upn: "R201100018042", date: "2025-10-06", message: "Code \"J\" is not valid on 6 October 2025: it is not in the 2024 code set (in force from 19 August 2024)" }] }) },
            ...errors,
          },
        },
      },
      "/api/v1/openapi.json": { get: { summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1" } } } },
    },
  };
}
