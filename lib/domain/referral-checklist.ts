// The evidence a prosecution referral needs before a manager may approve it for one parent (and choose that
// parent's offence). Sources: shared/domain.md §3.1 (defences, s.447), §3.2 (s.566 certificate, PACE, writing
// to each parent) and §6.4 (what LAs require before prosecuting [C across several LAs; the guidance's own
// checklist was not found, U]). Since August 2024 approval must show support and the ESO decision (§10.7).
import { formatUkDate } from "./dates";
import { noticeStatus, paymentPeriods, type PenaltyNoticeDates } from "./penalty-notices";
import type { InterviewOutcome } from "./referral-readiness";

/** The statutory defences to s.444 (domain.md §3.1 [C]). */
export const DEFENCES = ["leave", "sickness", "religious_observance", "transport", "traveller"] as const;
export type Defence = (typeof DEFENCES)[number];

export const DEFENCE_LABELS: Record<Defence, string> = {
  leave: "absence with leave (section 444(3))",
  sickness: "sickness or unavoidable cause (section 444(2A))",
  religious_observance: "day set apart for religious observance (section 444(3))",
  transport: "school beyond walking distance with no suitable travel arrangements (section 444(3B) onwards)",
  traveller: "traveller (section 444(6))",
};

/**
 * The checklist as stored on an approved referral (prosecution_referral.checklist). Since issue 10 the first four
 * items and the interview are computed from the record (referral-readiness.ts) and stored as they were found, with
 * the ids of the records in referral_approval_evidence; the ESO reasoning and the defences are the manager's own.
 */
export type EvidenceChecklist = {
  /** A head teacher's signed attendance certificate covering the whole period relied on (s.566). */
  attendanceCertificate: boolean;
  /** Letters were sent to this parent: each parent is written to separately (§3.2). */
  lettersSent: boolean;
  /** This parent was given a formal warning (or Notice to Improve) before the period relied on. */
  warningGiven: boolean;
  /** Support was offered and engagement sought: meetings, early help, an attendance contract or plan (§6.4). */
  supportOffered: boolean;
  /** An Education Supervision Order was considered, as s.447 requires before prosecuting. */
  esoConsidered: boolean;
  /** Why an ESO was or was not sought; required when esoConsidered. */
  esoReasoning: string;
  /** The interview under caution's outcome (held, refused, no response); null where the authority does not require one
   * and none was recorded. */
  interviewUnderCaution: InterviewOutcome | null;
  /** The statutory defences the manager considered; all five are needed. */
  defencesConsidered: readonly Defence[];
};

/** One missing item: `field` is the approval request's field, so the message can link to it. */
export type MissingEvidence = { field: string; message: string };

/** The manager's own items still missing (the ESO with its reasoning, the five defences), in order. */
export function missingManagerInputs(input: {
  esoConsidered: boolean;
  esoReasoning: string;
  defencesConsidered: readonly string[];
}): MissingEvidence[] {
  const missing: MissingEvidence[] = [];
  if (!input.esoConsidered)
    missing.push({
      field: "esoConsidered",
      message: "An Education Supervision Order has not been considered: section 447 requires it before prosecuting",
    });
  if (input.esoConsidered && input.esoReasoning.trim() === "")
    missing.push({
      field: "esoReasoning",
      message: "Give the reasoning for the decision on an Education Supervision Order",
    });
  for (const defence of DEFENCES) {
    if (!input.defencesConsidered.includes(defence))
      missing.push({
        field: "defencesConsidered",
        message: `The defence of ${DEFENCE_LABELS[defence]} has not been considered`,
      });
  }
  return missing;
}

/**
 * Why this parent's referral cannot be approved because of a penalty notice, or null. `notices` are the
 * parent's notices for this pupil and the same period. A paid notice settles the matter (it is the alternative to
 * prosecution, §3.1); an unpaid one can still be paid until its last day. An expired unpaid notice is what a
 * referral is for (prosecute the original offence, §5.2), and a withdrawn one does not block.
 */
export function approvalBlockedByPenaltyNotice(notices: readonly PenaltyNoticeDates[], today: string): string | null {
  const withStatus = notices.map((notice) => ({ notice, status: noticeStatus({ ...notice, today }) }));
  // A paid notice is the stronger reason, so it is reported whatever order the notices come in.
  const paid = withStatus.find((n) => n.status === "paid")?.notice;
  if (paid) {
    return `This parent paid the penalty notice issued on ${formatUkDate(paid.issueDate)} for this period, so the offence cannot be prosecuted`;
  }
  const open = withStatus.find((n) => n.status === "unpaid_within_period")?.notice;
  if (open) {
    const { lastDay } = paymentPeriods(open.issueDate, open.receivedOn ?? undefined);
    return `The penalty notice issued on ${formatUkDate(open.issueDate)} for this period can still be paid until ${formatUkDate(lastDay)}: the referral can be approved only if it is unpaid after that`;
  }
  return null;
}
