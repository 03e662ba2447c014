import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

type Operation = {
  parameters?: { name: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { example?: unknown; schema?: { $ref: string } }> }>;
};

describe("OpenAPI document: sweeps and statistics", () => {
  const doc = openApiDocument("http://127.0.0.1:3000");
  const paths = doc.paths as unknown as Record<string, Record<string, Operation>>;
  const schemas = doc.components.schemas as Record<
    string,
    { required?: string[]; properties?: Record<string, unknown> }
  >;

  it("describes POST and GET /api/v1/sweeps with examples and their schemas", () => {
    const post = paths["/api/v1/sweeps"]!.post!;
    expect(post.requestBody?.content["application/json"]?.example).toMatchObject({ policeHours: 4 });
    expect(post.responses["201"]?.content?.["application/json"]?.example).toHaveProperty("yield");
    expect(post.responses["422"]).toBeDefined();
    expect(post.responses["403"]).toBeDefined();
    expect(paths["/api/v1/sweeps"]!.get!.parameters!.map((p) => p.name)).toEqual(["from", "to"]);
    expect(schemas.CreateSweepRequest?.required).toEqual(
      expect.arrayContaining(["date", "area", "policeOfficers", "policeHours", "stops"]),
    );
    expect(schemas.SweepYield?.required).toEqual(
      expect.arrayContaining(["stopped", "truants", "stoppedPerPoliceHour", "policeMinutesPerTruant", "reasons"]),
    );
  });

  it("describes GET /api/v1/statistics/parental-responsibility with the census variables by name", () => {
    const get = paths["/api/v1/statistics/parental-responsibility"]!.get!;
    expect(get.parameters!.map((p) => p.name)).toEqual(["year"]);
    const census = schemas.ParentalResponsibility?.properties?.census as { required: string[] };
    expect(census.required).toEqual(
      expect.arrayContaining([
        "pn_issued",
        "pn_paid_21",
        "pn_paid_22_28",
        "pn_withdrawn",
        "pn_prosecuted_non_payment",
        "pn_unresolved",
        "case_management",
        "case_management_prosecuted",
        "case_management_withdrawn_att_improved",
        "case_management_withdrawn_other",
      ]),
    );
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)) {
      expect(schemas[ref[1]!], ref[1]).toBeDefined();
    }
  });
});
