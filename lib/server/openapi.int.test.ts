import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  it("describes every /api/v1 route with schemas generated from the zod contract", () => {
    const doc = openApiDocument("http://127.0.0.1:3000");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/api/health", "/api/v1/pupils/{upn}", "/api/v1/pupils/{upn}/attendance", "/api/v1/attendance/imports", "/api/v1/openapi.json",
    ]));
    const attendance = doc.components.schemas.PupilAttendance as { required: string[] };
    expect(attendance.required).toEqual(expect.arrayContaining([
      "upn", "from", "to", "possible", "present", "approvedActivity", "authorised", "unauthorised",
      "attendanceRate", "overallAbsenceRate", "unauthorisedRate", "persistentAbsence", "severeAbsence",
    ]));
    const pupil = doc.components.schemas.Pupil as { properties: { parents: { items: { required: string[] } } } };
    expect(pupil.properties.parents.items.required).toContain("id");
    expect(JSON.stringify(doc)).not.toContain("\"$schema\"");
  });
});
