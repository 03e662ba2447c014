// The frozen evidence a decision relies on: the window's register extract, the figures computed from it, and a
// SHA-256 of the canonical JSON of both. The same functions build the snapshot (daily job) and recompute the
// live register's version of it (lib/server/decisions/compare-evidence-with-register.ts), so the two compare.
//
// Two ways a snapshot stores its marks (ADR 055, addendum of 7 December 2026 at 09:00), both read by snapshotMarks:
// - older snapshots: `marks` is a JSON array of {date, session, code} objects and `marks_extract` is NULL;
// - since then: `marks` is [] and `marks_extract` holds the same marks as compact text, `date,session,code` joined
//   by ';' (session 0 = AM, 1 = PM), the text the register query builds. PostgreSQL stores a line of text instead of
//   parsing and compressing a JSON document per decision (a tenth of the cost per batch, measured).
// The content hash is the same in both: SHA-256 of the canonical JSON of { figures, marks } with the marks as
// objects, so a snapshot proves exactly the same marks, dates and codes, and verifies the same way, in either form.
import "server-only";
import { createHash } from "node:crypto";
import { queryable, type DbClient } from "../queryable";

/** One register mark in an extract. session is "AM" or "PM"; several schools' marks for one session all appear. */
export type EvidenceMark = { date: string; session: "AM" | "PM"; code: string };

/**
 * JSON with object keys sorted at every level and no whitespace: equal values always give equal text (and
 * hash), whatever order the keys were built in. Arrays keep their order (extracts are sorted by the query).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * The canonical JSON of an extract, built straight from its three string fields: the same text as
 * `canonicalJson(marks)` (keys in order code, date, session), without sorting every mark's keys. An extract of a
 * year holds hundreds of marks and the daily job hashes one per case, so this is where its time went.
 */
export function canonicalMarksJson(marks: readonly EvidenceMark[]): string {
  // An extract repeats a few codes and a year's dates: each one's JSON text is worked out once.
  const text = new Map<string, string>();
  const json = (value: string) => {
    let t = text.get(value);
    if (t === undefined) text.set(value, (t = JSON.stringify(value)));
    return t;
  };
  const parts = marks.map((m) => `{"code":${json(m.code)},"date":${json(m.date)},"session":${json(m.session)}}`);
  return `[${parts.join(",")}]`;
}

/**
 * The canonical JSON of the marks of a compact extract, built straight from its text: the same text as
 * `canonicalMarksJson(parseMarkExtract(extract))` without making an object per mark (the daily job hashes one extract
 * per decision, a million marks at 10,000 cases).
 */
export function canonicalExtractJson(extract: string | null): string {
  if (!extract) return "[]";
  const text = new Map<string, string>();
  const json = (value: string) => {
    let t = text.get(value);
    if (t === undefined) text.set(value, (t = JSON.stringify(value)));
    return t;
  };
  const marks = extract.replace(
    /([^,;]*),([^,;]*),([^;]*)(;?)/g,
    (_all, date: string, session: string, code: string, more: string) =>
      `{"code":${json(code)},"date":${json(date)},"session":${session === "0" ? '"AM"' : '"PM"'}}${more ? "," : ""}`,
  );
  return `[${marks}]`;
}

/** The canonical JSON of { figures, marks } ("figures" sorts before "marks"), given the marks' canonical JSON. */
function canonicalEvidenceJson(marksJson: string, figures: unknown): string {
  return figures === undefined
    ? `{"marks":${marksJson}}`
    : `{"figures":${canonicalJson(figures)},"marks":${marksJson}}`;
}

/** The snapshot's content hash: SHA-256 (hex) of the canonical JSON of { marks, figures }. */
export function evidenceHash(marks: readonly EvidenceMark[], figures: unknown): string {
  return hashEvidenceJson(canonicalEvidenceJson(canonicalMarksJson(marks), figures));
}

function hashEvidenceJson(json: string): string {
  return createHash("sha256").update(json).digest("hex");
}

/**
 * Parses the compact extract the SQL builds (`date,session,code` joined by ';', in date, session, code order):
 * string_agg over text is several times cheaper than building JSON objects in PostgreSQL for a million marks.
 */
export function parseMarkExtract(text: string | null): EvidenceMark[] {
  if (!text) return [];
  return text.split(";").map((part) => {
    const [date, session, code] = part.split(",") as [string, string, string];
    return { date, session: session === "0" ? "AM" : "PM", code };
  });
}

/** The stored marks of a snapshot, in either form (the file comment): the compact extract when there is one. */
export type StoredEvidenceMarks = { marks: unknown; marksExtract?: string | null };

/** A snapshot's marks as the register extract it froze, whichever form it was stored in. */
export function snapshotMarks(snapshot: StoredEvidenceMarks): EvidenceMark[] {
  if (snapshot.marksExtract) return parseMarkExtract(snapshot.marksExtract);
  if (!Array.isArray(snapshot.marks)) return [];
  return snapshot.marks.flatMap((m) => {
    const r = (m && typeof m === "object" ? m : {}) as Record<string, unknown>;
    return typeof r.date === "string"
      ? // As stored, so that the hash of an older snapshot is worked out over exactly what it holds.
        [{ date: r.date, session: String(r.session ?? "") as EvidenceMark["session"], code: String(r.code ?? "") }]
      : [];
  });
}

/** How many marks a snapshot holds (snapshotMarks(snapshot).length), counted without parsing a compact extract. */
export function snapshotMarkCount(snapshot: StoredEvidenceMarks): number {
  if (!snapshot.marksExtract) return snapshotMarks(snapshot).length;
  let count = 1;
  for (let i = snapshot.marksExtract.indexOf(";"); i !== -1; i = snapshot.marksExtract.indexOf(";", i + 1)) count++;
  return count;
}

/** Whether a stored snapshot's content hash is the hash of its marks and figures (either form). */
export function evidenceHashVerifies(
  snapshot: StoredEvidenceMarks & { figures: unknown; contentHash: string },
): boolean {
  return evidenceHash(snapshotMarks(snapshot), snapshot.figures) === snapshot.contentHash;
}

/**
 * SQL for one extract: `m` is attendance_mark. Codes never contain ',' or ';' (see attendance-codes.ts); marks are
 * in date, session and code order (the code's text, as frozen before the store numbered its codes).
 */
export const MARK_EXTRACT_SQL =
  "string_agg(to_char(m.date, 'YYYY-MM-DD') || ',' || m.session || ',' || attendance_code_text(m.code_id), ';' ORDER BY m.date, m.session, attendance_code_text(m.code_id))";

/** One frozen snapshot to write: the period's marks (the register query's compact extract, MARK_EXTRACT_SQL; null when
 * the period has none) and the figures worked out from them. */
export type NewEvidenceSnapshot = {
  id: string;
  authorityId: string;
  caseId: string;
  pupilId: string;
  periodStart: string;
  periodEnd: string;
  extract: string | null;
  figures: unknown;
};

/** Writes frozen evidence snapshots in one statement, each with the content hash of its marks and figures. */
export async function insertEvidenceSnapshots(
  client: DbClient,
  snapshots: readonly NewEvidenceSnapshot[],
  /** When they were frozen (the service clock's now, as ISO 8601). */
  createdAt: string,
): Promise<void> {
  if (snapshots.length === 0) return;
  // The rows go as one JSON array. The marks are stored as the compact extract (none as an empty array); the hash is
  // over their canonical JSON, as it always was.
  const rows = snapshots.map((s) => {
    const marksJson = canonicalExtractJson(s.extract);
    return JSON.stringify({
      id: s.id,
      authority_id: s.authorityId,
      case_id: s.caseId,
      pupil_id: s.pupilId,
      period_start: s.periodStart,
      period_end: s.periodEnd,
      figures: s.figures,
      content_hash: hashEvidenceJson(canonicalEvidenceJson(marksJson, s.figures)),
      marks_extract: s.extract || null,
    });
  });
  await queryable(client).query(
    `INSERT INTO evidence_snapshot (id, authority_id, case_id, pupil_id, period_start, period_end, marks, marks_extract, figures, content_hash, created_at)
     SELECT x.id, x.authority_id, x.case_id, x.pupil_id, x.period_start, x.period_end, '[]'::jsonb, x.marks_extract, x.figures, x.content_hash, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, authority_id uuid, case_id uuid, pupil_id uuid, period_start date,
       period_end date, marks_extract text, figures jsonb, content_hash text)`,
    [`[${rows.join(",")}]`, createdAt],
  );
}
