import "server-only";
import {
  canonicalJson,
  MARK_EXTRACT_SQL,
  parseMarkExtract,
  snapshotMarks,
  type EvidenceMark,
} from "@/lib/server/decisions/evidence";
import { pgPool } from "../pg";
import { NotFoundError } from "../errors";

export type MarkDifference = {
  date: string;
  session: "AM" | "PM";
  /** The codes in the snapshot and on the live register for that session ("" when there is no mark). */
  snapshot: string;
  live: string;
};

export type EvidenceComparison = {
  snapshotId: string;
  contentHash: string;
  /** True when the live register's marks for the snapshot's pupil and period differ from the frozen extract. */
  differs: boolean;
  differences: MarkDifference[];
};

/** What the comparison needs of a snapshot: its stored marks (either form), and whose register and which period. */
export type SnapshotToCompare = {
  id: string;
  marks: unknown;
  marksExtract: string | null;
  contentHash: string;
  authorityId: string;
  /** The pupil's register store key (pupil.store_key). */
  pupilKey: number | string;
  periodStart: string;
  periodEnd: string;
};

/**
 * Compares a frozen evidence snapshot with the live register for the same pupil and period. The snapshot itself
 * never changes (a trigger refuses updates); this only reports whether the register has been edited since.
 * No authorisation here: callers (getCaseDecision) have already scoped the snapshot to the actor's case.
 */
export async function compareEvidenceWithRegister(snapshotId: string): Promise<EvidenceComparison> {
  // Two reads, the snapshot then the register: on Citus the register may live on another node than the snapshot
  // (docs/decisions/071-citus.md), and a subquery across the two cannot be planned there.
  const {
    rows: [snapshot],
  } = await pgPool().query<{
    marks: unknown;
    marks_extract: string | null;
    content_hash: string;
    authority_id: string;
    pupil_key: number;
    period_start: string;
    period_end: string;
  }>(
    `SELECT s.marks, s.marks_extract, s.content_hash, s.authority_id, p.store_key AS pupil_key, s.period_start::text,
            s.period_end::text
     FROM evidence_snapshot s JOIN pupil p ON p.authority_id = s.authority_id AND p.id = s.pupil_id
     WHERE s.id = $1::uuid`,
    [snapshotId],
  );
  if (!snapshot) throw new NotFoundError("Evidence");
  return compareSnapshotWithRegister({
    id: snapshotId,
    marks: snapshot.marks,
    marksExtract: snapshot.marks_extract,
    contentHash: snapshot.content_hash,
    authorityId: snapshot.authority_id,
    pupilKey: snapshot.pupil_key,
    periodStart: snapshot.period_start,
    periodEnd: snapshot.period_end,
  });
}

/**
 * compareEvidenceWithRegister for a snapshot already read (the case page reads it with its decision): one read, the
 * register's marks for the snapshot's pupil and period.
 */
export async function compareSnapshotWithRegister(snapshot: SnapshotToCompare): Promise<EvidenceComparison> {
  const {
    rows: [register],
  } = await pgPool().query<{ extract: string | null }>(
    `SELECT ${MARK_EXTRACT_SQL} AS extract FROM attendance_mark m
     WHERE m.authority_id = $1::uuid AND m.pupil_key = $2 AND m.date BETWEEN $3::date AND $4::date`,
    [snapshot.authorityId, snapshot.pupilKey, snapshot.periodStart, snapshot.periodEnd],
  );
  const liveExtract = register?.extract ?? null;
  // A snapshot frozen as compact text is the text this same query built then: the same text is the same marks, with
  // nothing to parse. Any other text (or an older snapshot's JSON) is compared mark by mark, as before.
  if (snapshot.marksExtract !== null && liveExtract === snapshot.marksExtract)
    return { snapshotId: snapshot.id, contentHash: snapshot.contentHash, differs: false, differences: [] };
  const live = parseMarkExtract(liveExtract);
  const frozen = snapshotMarks(snapshot);
  const differs = canonicalJson(live) !== canonicalJson(frozen);
  return {
    snapshotId: snapshot.id,
    contentHash: snapshot.contentHash,
    differs,
    differences: differs ? diffMarks(frozen, live) : [],
  };
}

function diffMarks(before: readonly EvidenceMark[], after: readonly EvidenceMark[]): MarkDifference[] {
  const key = (m: EvidenceMark) => `${m.date} ${m.session}`;
  const group = (marks: readonly EvidenceMark[]) => {
    const map = new Map<string, string[]>();
    for (const m of marks) map.set(key(m), [...(map.get(key(m)) ?? []), m.code]);
    return map;
  };
  const a = group(before);
  const b = group(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys
    .map((k) => ({ k, snapshot: (a.get(k) ?? []).join(" "), live: (b.get(k) ?? []).join(" ") }))
    .filter((d) => d.snapshot !== d.live)
    .map(({ k, snapshot, live }) => {
      const [date, session] = k.split(" ") as [string, "AM" | "PM"];
      return { date, session, snapshot, live };
    });
}
