import { describe, expect, it } from "vitest";
import { seededRng } from "@/prisma/factories";
import {
  canonicalExtractJson,
  canonicalJson,
  canonicalMarksJson,
  evidenceHash,
  parseMarkExtract,
  snapshotMarkCount,
  snapshotMarks,
  type EvidenceMark,
} from "./evidence";
import { createHash } from "node:crypto";

// The daily job builds each extract's canonical JSON by hand (canonicalMarksJson) rather than through the generic
// canonicalJson: the text, and so every snapshot's content hash, must be exactly what canonicalJson gives.
describe("canonical JSON of an extract", () => {
  const rng = seededRng(14);
  const codes = ["/", "\\", "N", "I", "O", "C1", "#", "Y1", '"', "é"];
  const marks: EvidenceMark[] = Array.from({ length: 400 }, (_, i) => ({
    date: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, "0")}`,
    session: i % 2 ? "PM" : "AM",
    code: codes[Math.floor(rng() * codes.length)]!,
  }));

  it("is the same text as canonicalJson, codes that JSON escapes included", () => {
    expect(canonicalMarksJson(marks)).toBe(canonicalJson(marks));
    expect(canonicalMarksJson([])).toBe("[]");
    expect(canonicalMarksJson(parseMarkExtract("2026-01-05,0,\\;2026-01-05,1,N"))).toBe(
      '[{"code":"\\\\","date":"2026-01-05","session":"AM"},{"code":"N","date":"2026-01-05","session":"PM"}]',
    );
  });

  it("is the same text when built straight from a compact extract (what the daily job stores and hashes)", () => {
    const extract = marks.map((m) => `${m.date},${m.session === "AM" ? "0" : "1"},${m.code}`).join(";");
    expect(parseMarkExtract(extract)).toEqual(marks);
    expect(canonicalExtractJson(extract)).toBe(canonicalJson(marks));
    expect(canonicalExtractJson("2026-01-05,0,\\;2026-01-05,1,N")).toBe(
      canonicalMarksJson(parseMarkExtract("2026-01-05,0,\\;2026-01-05,1,N")),
    );
    expect(canonicalExtractJson("2026-01-05,1,O")).toBe('[{"code":"O","date":"2026-01-05","session":"PM"}]');
    expect(canonicalExtractJson(null)).toBe("[]");
    expect(canonicalExtractJson("")).toBe("[]");
  });

  it("gives the content hash of canonicalJson({ figures, marks }), with and without figures", () => {
    const figures = {
      possibleSessions: 400,
      target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
      met: false,
    };
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    expect(evidenceHash(marks, figures)).toBe(sha(canonicalJson({ figures, marks })));
    expect(evidenceHash(marks, undefined)).toBe(sha(canonicalJson({ figures: undefined, marks })));
    expect(evidenceHash(marks, figures)).not.toBe(evidenceHash(marks.slice(1), figures));
  });
});

describe("snapshotMarkCount", () => {
  it("counts a snapshot's marks as snapshotMarks does, in either stored form", () => {
    const extract = "2026-01-05,0,N;2026-01-05,1,\\;2026-01-06,0,/";
    const forms = [
      { marks: [], marksExtract: extract },
      { marks: [], marksExtract: "2026-01-05,0,N" },
      { marks: [], marksExtract: null },
      { marks: [], marksExtract: "" },
      { marks: parseMarkExtract(extract), marksExtract: null },
      { marks: "not a list", marksExtract: null },
    ];
    for (const form of forms) expect(snapshotMarkCount(form)).toBe(snapshotMarks(form).length);
    expect(snapshotMarkCount({ marks: [], marksExtract: extract })).toBe(3);
  });
});
