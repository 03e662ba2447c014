import type { Target } from "./case-target";
import type { ReferralGrounds } from "./referral-grounds";

/** The figures a window decision used, as stored on case_decision, the evidence snapshot and the timeline event. */
export type DecisionFigures = {
  possibleSessions: number;
  /** Sessions attended: present plus approved educational activity (the DfE attendance rate's numerator). */
  attendedSessions: number;
  presentSessions: number;
  approvedActivitySessions: number;
  authorisedSessions: number;
  unauthorisedSessions: number;
  /** Attendance over the window to one decimal place; null with no possible sessions. */
  attendancePct: number | null;
  /** The same in tenths of a percent (923 = 92.3%). */
  attendanceTenths: number | null;
  target: Target;
  met: boolean;
  /** Why the target was missed, one sentence per part; [] when met. */
  reasons: string[];
  /** For a missed target: the grounds judged on the evidence (what is relied on, and why a part is not). */
  grounds?: DecisionGrounds;
};

/** The grounds as frozen with the figures (ReferralGrounds without the outcome fields kept on case_decision). */
export type DecisionGrounds = Pick<
  ReferralGrounds,
  | "referralMinimum"
  | "compulsorySchoolAge"
  | "reliedOn"
  | "reliedOnSessions"
  | "unauthorisedMarks"
  | "schoolIds"
  | "notReliedOn"
>;

export type DecisionOutcome = "improved" | "referred" | "not_referred";

/** "attendance 87.5% (105 of 120 possible sessions), 9 unauthorised sessions". */
export function describeFigures(f: DecisionFigures): string {
  const pct =
    f.attendancePct === null
      ? "no possible sessions"
      : `attendance ${f.attendancePct.toFixed(1)}% (${f.attendedSessions} of ${f.possibleSessions} possible sessions)`;
  return `${pct}, ${f.unauthorisedSessions} unauthorised session${f.unauthorisedSessions === 1 ? "" : "s"}`;
}
