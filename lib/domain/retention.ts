// Retention and legal hold (issue 12 §4, ADR 039): how long each kind of record is kept after its end, and what a
// legal hold keeps. Pure rules; the same rules are zod schemas in lib/schemas/retention.ts and CHECKs and functions
// in the migration 20261206235913_retention_and_legal_hold (retention_keep_months keeps the same defaults).
//
// Periods (shared/domain.md §8): register entries are kept 6 years under the 2024 attendance regulations
// (statutory, and the least an authority may choose). No national period was found for education welfare case
// files, audit logs or failed sign-ins, so those defaults are local policy, each authority's to set.

import { addDays, formatUkDate } from "./dates";

export const RETENTION_RECORD_TYPES = [
  "closed_case",
  "school_flag",
  "register_marks",
  "audit_log",
  "failed_sign_in",
] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

export type RetentionBasis = "statutory" | "local_policy";

export type RetentionRule = {
  label: string;
  /** What the period runs from. */
  from: string;
  defaultMonths: number;
  /** The least an authority may choose. */
  minMonths: number;
  basis: RetentionBasis;
  /** Where the default comes from. */
  source: string;
};

export const KEEP_MONTHS_MAX = 1200; // 100 years

export const RETENTION_RULES: Record<RetentionRecordType, RetentionRule> = {
  closed_case: {
    label: "Closed cases and their documents",
    from: "the day the case was closed",
    defaultMonths: 72,
    minMonths: 1,
    basis: "local_policy",
    source: "No national period is published; local authority schedules commonly use case closure + 6 years",
  },
  school_flag: {
    label: "School flags declined without a case",
    from: "the day the flag was declined",
    defaultMonths: 72,
    minMonths: 1,
    basis: "local_policy",
    source:
      "No national period is published; kept as long as a closed case, since a decision not to act may be questioned as long as one to act",
  },
  register_marks: {
    label: "Register marks",
    from: "the day of the session",
    defaultMonths: 72,
    minMonths: 72,
    basis: "statutory",
    source: "The School Attendance (Pupil Registration) (England) Regulations 2024: register entries are kept 6 years",
  },
  audit_log: {
    label: "Audit log",
    from: "the day the row was written",
    defaultMonths: 72,
    minMonths: 1,
    basis: "local_policy",
    source: "Kept as long as the casework it records (DPA 2018 s.62 sets no period)",
  },
  failed_sign_in: {
    label: "Failed sign-in records",
    from: "the day of the attempt",
    defaultMonths: 12,
    minMonths: 1,
    basis: "local_policy",
    source: "Long enough to investigate an attack on an account",
  },
};

export function isRetentionRecordType(value: string): value is RetentionRecordType {
  return (RETENTION_RECORD_TYPES as readonly string[]).includes(value);
}

/** Why a period may not be chosen for a record type, or null when it may. */
export function keepMonthsProblem(type: RetentionRecordType, months: number): string | null {
  const rule = RETENTION_RULES[type];
  if (!Number.isInteger(months)) return "Enter the period as a whole number of months";
  if (months < rule.minMonths) {
    return rule.minMonths === 1
      ? "Enter a period of 1 month or more"
      : `${rule.label} must be kept at least ${rule.minMonths} months (${rule.minMonths / 12} years): ${rule.source}`;
  }
  if (months > KEEP_MONTHS_MAX) return `Enter a period of ${KEEP_MONTHS_MAX} months (100 years) or fewer`;
  return null;
}

/** "72 months (6 years)", "18 months". */
export function describeMonths(months: number): string {
  const unit = months === 1 ? "month" : "months";
  if (months % 12 !== 0) return `${months} ${unit}`;
  const years = months / 12;
  return `${months} ${unit} (${years} ${years === 1 ? "year" : "years"})`;
}

/**
 * The first day a record is kept on `today` ("YYYY-MM-DD"): a record whose period ran from an earlier day is
 * past it. Months are calendar months, the day clamped to the month's end (31 March less one month is
 * 28 February), as PostgreSQL's `date - interval` in retention_cutoff does.
 */
export function retentionCutoff(today: string, keepMonths: number): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) - keepMonths;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** A record whose period runs from `from` is past it on the cut-off's day when `from` is before the cut-off. */
export function isPastRetention(from: string, cutoff: string): boolean {
  return from < cutoff;
}

/** The subject of a legal hold: exactly one case, pupil, or parent or carer. */
export type LegalHoldSubject = { caseId?: string | null; pupilId?: string | null; parentId?: string | null };

export const HOLD_REASON_MAX = 2000;

export function legalHoldSubjectProblem(subject: LegalHoldSubject): string | null {
  const named = [subject.caseId, subject.pupilId, subject.parentId].filter((v) => v != null && v !== "").length;
  if (named === 0) return "Choose the case, pupil, or parent or carer the hold is on";
  if (named > 1) return "A hold is on one case, one pupil, or one parent or carer, not several";
  return null;
}

/** A legal hold keeps a case when it is on that case, its pupil, or a parent or carer party to it. */
export function holdKeepsCase(
  hold: LegalHoldSubject & { released: boolean },
  kase: { id: string; pupilId: string; parentIds: readonly string[] },
): boolean {
  if (hold.released) return false;
  return (
    hold.caseId === kase.id ||
    hold.pupilId === kase.pupilId ||
    (hold.parentId != null && kase.parentIds.includes(hold.parentId))
  );
}

/** Records erased per transaction, each batch ending with its tombstone audit row (register marks: the marks of up
 * to this many pupils, about 380 a year each). */
export const RETENTION_BATCH = { closed_case: 50, school_flag: 500, register_pupils: 500, audit_rows: 1000 } as const;

/**
 * Why marks dated before `erasedBefore` (the day from which register marks are kept: retention_marks_before) are
 * refused at import: the period has passed, its marks are erased (or will be on the daily job's next run), and a
 * re-sent register must not bring them back. `first`/`last`: the refused marks' dates (a CTF marks string's span;
 * a CSV line's own date, when they are the same).
 */
export function erasedMarksProblem(erasedBefore: string, keepMonths: number, first: string, last = first): string {
  const lastRefused = last < erasedBefore ? last : addDays(erasedBefore, -1);
  const when =
    first === lastRefused
      ? `Marks dated ${formatUkDate(first)}`
      : `Marks from ${formatUkDate(first)} to ${formatUkDate(lastRefused)}`;
  return `${when} cannot be imported: register marks are kept ${describeMonths(keepMonths)}, so marks dated before ${formatUkDate(erasedBefore)} have been erased, and a register sent again must not bring them back. Remove marks before ${formatUkDate(erasedBefore)} from the file`;
}
