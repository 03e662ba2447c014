import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  it("describes every /api/v1 route with schemas generated from the zod contract", () => {
    const doc = openApiDocument("http://127.0.0.1:3000");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/v1/pupils/{upn}",
        "/api/v1/pupils/{upn}/attendance",
        "/api/v1/pupils/{upn}/subject-access",
        "/api/v1/parents/{id}/subject-access",
        "/api/v1/attendance/imports",
        "/api/v1/openapi.json",
      ]),
    );
    const attendance = doc.components.schemas.PupilAttendance as { required: string[] };
    expect(attendance.required).toEqual(
      expect.arrayContaining([
        "upn",
        "from",
        "to",
        "possible",
        "present",
        "approvedActivity",
        "authorised",
        "unauthorised",
        "attendanceRate",
        "overallAbsenceRate",
        "unauthorisedRate",
        "persistentAbsence",
        "severeAbsence",
      ]),
    );
    const pupil = doc.components.schemas.Pupil as { properties: { parents: { items: { required: string[] } } } };
    expect(pupil.properties.parents.items.required).toContain("id");
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it("describes the casework and enforcement routes with examples", () => {
    const doc = openApiDocument("http://127.0.0.1:3000");
    const paths = doc.paths as Record<
      string,
      Record<
        string,
        { requestBody?: unknown; responses: Record<string, { content?: Record<string, { example?: unknown }> }> }
      >
    >;
    for (const [path, method, status] of [
      ["/api/v1/cases", "post", "201"],
      ["/api/v1/cases/{id}", "get", "200"],
      ["/api/v1/referrals/{id}/decision", "post", "200"],
      ["/api/v1/referrals/{id}/outcome", "post", "201"],
      // Issue 10: the record a referral rests on.
      ["/api/v1/cases/{id}/letters", "post", "201"],
      ["/api/v1/cases/{id}/events", "post", "201"],
      ["/api/v1/referrals/{id}", "get", "200"],
      ["/api/v1/referrals/{id}/certificate", "post", "201"],
    ] as const) {
      expect(
        paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.example,
        `${method} ${path}`,
      ).toBeDefined();
      expect(paths[path]?.[method]?.responses["422"] ?? paths[path]?.[method]?.responses["404"]).toBeDefined();
    }
    const schemas = doc.components.schemas as Record<
      string,
      { required?: string[]; properties?: Record<string, unknown> }
    >;
    expect(schemas.Case?.required).toEqual(
      expect.arrayContaining(["id", "upn", "status", "window", "decision", "referrals"]),
    );
    expect(schemas.CreateCaseRequest?.required).toEqual(expect.arrayContaining(["upn", "parentIds", "officerEmail"]));
    expect(schemas.OutcomeRequest?.required).toEqual(
      expect.arrayContaining(["plea", "verdict", "sentences", "costsPence", "victimSurchargePence"]),
    );
    expect(schemas.ReferralDecisionRequest).toBeDefined();
  });
});
