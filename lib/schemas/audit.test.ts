import { describe, expect, it } from "vitest";
import { auditSearchQuery, parseAuditSearch } from "./audit";

describe("the audit search filters", () => {
  it("accepts no filter at all, and every filter together", () => {
    expect(parseAuditSearch({})).toMatchObject({ ok: true, search: { upn: "", page: 1 } });
    const full = parseAuditSearch({
      user: "0c0e5b2c-1d3e-4f5a-8b6c-7d8e9f0a1b2c",
      upn: "h801200001001",
      parent: "Brown",
      caseId: "1c0e5b2c-1d3e-4f5a-8b6c-7d8e9f0a1b2c",
      action: "pupil.view",
      "from-day": "1",
      "from-month": "11",
      "from-year": "2026",
      to: "2026-11-20",
      page: "3",
    });
    expect(full).toMatchObject({
      ok: true,
      search: { upn: "H801200001001", page: 3, action: "pupil.view", from: "2026-11-01", to: "2026-11-20" },
    });
  });

  it("names each bad filter with what is allowed", () => {
    const result = parseAuditSearch({
      upn: "B801200001001",
      caseId: "12",
      "from-day": "30",
      "from-month": "2",
      "from-year": "2026",
      user: "x",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: "upn", message: "The UPN check letter is wrong (character 1 should be H)" },
        { field: "caseId", message: expect.stringContaining("36 letters, digits and dashes") },
        { field: "from", message: "The from date must be a real date" },
        { field: "user", message: "Select a user from the list" },
      ]),
    );
  });

  it("refuses a range that ends before it starts", () => {
    expect(parseAuditSearch({ from: "2026-11-20", to: "2026-11-01" })).toEqual({
      ok: false,
      errors: [{ field: "to", message: "The to date must be the same as or after the from date" }],
    });
  });

  it("writes the filters back as a query string without the empty ones", () => {
    expect(auditSearchQuery({ upn: "A801200001001", action: "", from: "2026-11-01" }, 2)).toBe(
      "upn=A801200001001&from=2026-11-01&page=2",
    );
  });
});
