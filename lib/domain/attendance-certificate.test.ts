import { describe, expect, it } from "vitest";
import { certificateSessions, isPdf, validateCertificateSignature } from "./attendance-certificate";

const marks = [
  { date: "2026-09-14", session: "PM" as const, code: "\\" },
  { date: "2026-09-14", session: "AM" as const, code: "O" },
  { date: "2026-09-15", session: "AM" as const, code: "I" },
  { date: "2026-09-15", session: "PM" as const, code: "G" },
  { date: "2026-09-16", session: "AM" as const, code: "#" },
  { date: "2026-09-11", session: "AM" as const, code: "N" }, // before the period
  { date: "2026-09-17", session: "AM" as const, code: "N" }, // not enrolled at this school that day
];

describe("certificateSessions", () => {
  it("lists every session in the period at the school, in order, with its meaning, the unauthorised marked, and totals", () => {
    const { sessions, totals } = certificateSessions(marks, { start: "2026-09-14", end: "2026-09-18" }, [
      { start: "2025-09-01", end: "2026-09-16" },
    ]);
    expect(sessions.map((s) => [s.date, s.session, s.code, s.unauthorised])).toEqual([
      ["2026-09-14", "AM", "O", true],
      ["2026-09-14", "PM", "\\", false],
      ["2026-09-15", "AM", "I", false],
      ["2026-09-15", "PM", "G", true],
      ["2026-09-16", "AM", "#", false],
    ]);
    expect(sessions[2]!.meaning).toMatch(/illness/i);
    expect(totals).toEqual({
      possible: 4,
      present: 1,
      approvedActivity: 0,
      authorised: 1,
      unauthorised: 2,
      attendancePct: 25,
    });
  });
});

describe("validateCertificateSignature", () => {
  const context = { periodEnd: "2026-11-13", today: "2026-11-20" };
  it("accepts a name and a date from the end of the period to today", () => {
    for (const signedOn of ["2026-11-13", "2026-11-20"])
      expect(validateCertificateSignature({ signedBy: "Mrs A Head", signedOn }, context)).toEqual([]);
  });
  it("refuses a blank name, a future date, a date before the period ended, and a date that is not real", () => {
    expect(validateCertificateSignature({ signedBy: " ", signedOn: "2026-11-21" }, context)).toEqual([
      { field: "signedBy", message: "Enter the name of the head teacher who signed the certificate" },
      {
        field: "signedOn",
        message: "The date signed cannot be in the future: enter today (20 November 2026) or earlier",
      },
    ]);
    expect(validateCertificateSignature({ signedBy: "A", signedOn: "2026-11-12" }, context)).toEqual([
      {
        field: "signedOn",
        message: "The certificate covers the period to 13 November 2026, so it cannot be signed before then",
      },
    ]);
    expect(validateCertificateSignature({ signedBy: "A", signedOn: "2026-02-30" }, context)[0]!.field).toBe("signedOn");
  });
});

describe("isPdf", () => {
  it("recognises a PDF by its header", () => {
    expect(isPdf(new TextEncoder().encode("%PDF-1.7\n"))).toBe(true);
    expect(isPdf(new TextEncoder().encode("GIF89a"))).toBe(false);
  });
});
