import "server-only";
import { snapshotMarks, type StoredEvidenceMarks } from "../decisions/evidence";

/** The figures a decision or snapshot keeps (case_decision.figures / evidence_snapshot.figures), read defensively. */
export type ReferralFigures = {
  possibleSessions: number | null;
  presentSessions: number | null;
  authorisedSessions: number | null;
  unauthorisedSessions: number | null;
  attendancePct: number | null;
  /** What the charge relies on (decisions since issue 10): the period and its unauthorised sessions. */
  reliedOn: { from: string; to: string; unauthorisedSessions: number; notReliedOn: string[] } | null;
  target: { minAttendancePct: number | null; maxUnauthorisedSessions: number | null } | null;
  met: boolean | null;
};

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function readFigures(raw: unknown): ReferralFigures {
  const f = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const tenths = num(f.attendanceTenths);
  const t = (f.target && typeof f.target === "object" ? f.target : null) as Record<string, unknown> | null;
  return {
    possibleSessions: num(f.possibleSessions),
    presentSessions: num(f.presentSessions),
    authorisedSessions: num(f.authorisedSessions),
    unauthorisedSessions: num(f.unauthorisedSessions),
    reliedOn: readReliedOn(f.grounds),
    attendancePct: tenths === null ? num(f.attendancePct) : tenths / 10,
    target: t
      ? { minAttendancePct: num(t.minAttendancePct), maxUnauthorisedSessions: num(t.maxUnauthorisedSessions) }
      : null,
    met: typeof f.met === "boolean" ? f.met : null,
  };
}

function readReliedOn(raw: unknown): ReferralFigures["reliedOn"] {
  const g = (raw && typeof raw === "object" ? raw : null) as Record<string, unknown> | null;
  const period = (g?.reliedOn && typeof g.reliedOn === "object" ? g.reliedOn : null) as Record<string, unknown> | null;
  const sessions = (
    g?.reliedOnSessions && typeof g.reliedOnSessions === "object" ? g.reliedOnSessions : null
  ) as Record<string, unknown> | null;
  if (!period || typeof period.from !== "string" || typeof period.to !== "string") return null;
  return {
    from: period.from,
    to: period.to,
    unauthorisedSessions: num(sessions?.unauthorised) ?? 0,
    notReliedOn: Array.isArray(g?.notReliedOn) ? g.notReliedOn.filter((n): n is string => typeof n === "string") : [],
  };
}

export type EvidenceMark = { date: string; session: string; code: string };

/** A snapshot's frozen marks, in either stored form (lib/server/decisions/evidence.ts). */
export function readMarks(snapshot: StoredEvidenceMarks): EvidenceMark[] {
  return snapshotMarks(snapshot);
}
