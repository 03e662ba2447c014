// The head teacher's certificate of a pupil's attendance, Education Act 1996 s.566 (shared/domain.md §3.2, §10.13):
// admitted without further proof and evidence of what it states "unless the contrary is proved", so it must match
// the register the case relies on. It is built from the frozen evidence only: every session in the period relied
// on at that school, with its date, code and meaning, the unauthorised ones marked, and the totals.
import { categoryOf, lookupCode, type Category } from "./attendance-codes";
import { formatUkDate, isIsoDate } from "./dates";
import type { FieldProblem } from "./problems";

export type CertificateMark = { date: string; session: "AM" | "PM"; code: string };

export type CertificateSession = CertificateMark & {
  meaning: string;
  category: Category | "unknown";
  unauthorised: boolean;
};

export type CertificateTotals = {
  possible: number;
  present: number;
  approvedActivity: number;
  authorised: number;
  unauthorised: number;
  /** Attendance to one decimal place, or null with no possible sessions. */
  attendancePct: number | null;
};

/**
 * The sessions a certificate lists: the frozen marks inside `period`, on days the pupil was enrolled at the school
 * (`enrolments`: that school's enrolment ranges), in date and session order, with the totals.
 */
export function certificateSessions(
  marks: readonly CertificateMark[],
  period: { start: string; end: string },
  enrolments: readonly { start: string; end: string | null }[],
): { sessions: CertificateSession[]; totals: CertificateTotals } {
  const atSchool = (date: string) => enrolments.some((e) => e.start <= date && (e.end === null || e.end >= date));
  const sessions = marks
    .filter((m) => m.date >= period.start && m.date <= period.end && atSchool(m.date))
    .map((m): CertificateSession => {
      const code = lookupCode(m.code, m.date);
      const category: CertificateSession["category"] = categoryOf(m.code, m.date) ?? "unknown";
      return {
        ...m,
        meaning: code?.meaning ?? "Code not valid on this date",
        category,
        unauthorised: category === "unauthorised",
      };
    })
    .sort((a, b) => (a.date === b.date ? a.session.localeCompare(b.session) : a.date < b.date ? -1 : 1));
  const count = (c: Category) => sessions.filter((s) => s.category === c).length;
  const possible = sessions.filter((s) => s.category !== "not_possible" && s.category !== "unknown").length;
  const attended = count("present") + count("approved_activity");
  return {
    sessions,
    totals: {
      possible,
      present: count("present"),
      approvedActivity: count("approved_activity"),
      authorised: count("authorised"),
      unauthorised: count("unauthorised"),
      attendancePct: possible === 0 ? null : Math.round((attended / possible) * 1000) / 10,
    },
  };
}

/** What the person recording a signature gives: who signed and when. */
export type CertificateSignature = { signedBy: string; signedOn: string };

/** A signature can be recorded once the period has ended, on a real day no later than today. */
export function validateCertificateSignature(
  signature: CertificateSignature,
  context: { periodEnd: string; today: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (signature.signedBy.trim() === "")
    problems.push({ field: "signedBy", message: "Enter the name of the head teacher who signed the certificate" });
  else if (signature.signedBy.trim().length > 200)
    problems.push({ field: "signedBy", message: "The name must be 200 characters or fewer" });
  if (!isIsoDate(signature.signedOn))
    problems.push({ field: "signedOn", message: "Enter the date the certificate was signed as a real date" });
  else if (signature.signedOn > context.today)
    problems.push({
      field: "signedOn",
      message: `The date signed cannot be in the future: enter today (${formatUkDate(context.today)}) or earlier`,
    });
  else if (signature.signedOn < context.periodEnd)
    problems.push({
      field: "signedOn",
      message: `The certificate covers the period to ${formatUkDate(context.periodEnd)}, so it cannot be signed before then`,
    });
  return problems;
}

/** The largest signed scan accepted (a few pages scanned as PDF). */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/** Whether the bytes are a PDF file (its header), for the optional signed scan. */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
}
