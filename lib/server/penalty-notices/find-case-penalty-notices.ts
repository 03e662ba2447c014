import "server-only";
import { canChangeCase } from "@/lib/domain/case-rules";
import type { CaseState } from "@/lib/domain/case-state";
import { formatUkDate } from "@/lib/domain/dates";
import { checkThreshold, PENALTY_NOTICE_THRESHOLD, type ThresholdCheck } from "@/lib/domain/penalty-notice-threshold";
import { canIssueNotice, countPriorNotices, schemeOn, THIRD_NOTICE } from "@/lib/domain/penalty-notices";
import { can } from "@/lib/domain/permissions";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { findCaseParents } from "../cases/find-case-parents";
import { findCasePupil } from "../cases/find-case-pupil";
import { findScopedCase } from "../cases/find-scoped-case";
import type { ViewAudit } from "../cases/get-case";
import { dateOnly } from "../db";
import { pgPool } from "../pg";
import { NotFoundError } from "../errors";
import { thresholdToday } from "./count-threshold";
import { toView, type PenaltyNoticeView } from "./get-penalty-notice";
import { findCountingNoticeDatesOf } from "./find-counting-notice-dates";

/**
 * Why issuing a notice is not offered, the facts of the case first and the actor last:
 * - no_calendar: the authority has no term calendar, so the threshold cannot be counted;
 * - threshold_not_met: fewer than 10 unauthorised sessions (G, N, O, U) in the last 10 school weeks;
 * - no_parties: no parent or carer is named on the case;
 * - no_parent_eligible: every parent or carer on the case is refused (a third notice within 3 years);
 * - not_allowed: the actor is not the assigned officer or a manager, or the case is closed.
 */
export type IssueRefusal = "no_calendar" | "threshold_not_met" | "no_parties" | "no_parent_eligible" | "not_allowed";

export type CasePenaltyNotices = {
  caseId: string;
  pupilName: string;
  /** The actor may issue notices and record payments or withdrawals on this case (and it is not closed). */
  canManage: boolean;
  /** The last 10 school weeks to yesterday and whether the threshold is met over them; null without a calendar. */
  threshold: ({ start: string; end: string } & ThresholdCheck) | null;
  /**
   * Whether issuing a notice today, over the last 10 school weeks, is offered to the actor, and if not, why. The
   * same rules issuePenaltyNotice enforces (which still refuses whatever is offered here): the threshold, and no
   * third notice within 3 years to a parent for this pupil.
   */
  issue: { offered: true } | { offered: false; reason: IssueRefusal; message: string };
  parties: {
    parentId: string;
    name: string;
    notices: PenaltyNoticeView[];
    /** Notices that count towards the 2024 limit of two in 3 years, as of today. */
    noticesInThreeYears: number;
    /**
     * Whether this parent/carer may be given a notice issued today (sequence 2: a repeat notice at the flat
     * amount). `notice_limit`: a third notice within 3 years; `threshold_not_met`: the pupil's threshold, as for
     * the case; `other`: another rule of the scheme.
     */
    issue:
      | { offered: true; sequence: 1 | 2 }
      | { offered: false; reason: "notice_limit" | "threshold_not_met" | "other"; message: string };
  }[];
};

const NOT_ALLOWED =
  "Only the officer assigned to this case, or a manager, can issue a penalty notice, and not on a closed case.";

/** The threshold refusal in the words of the section: what the rule is, and where the pupil stands. */
function thresholdMessage(
  threshold: { start: string; end: string } & Extract<ThresholdCheck, { reached: false }>,
): string {
  const { sessions, schoolWeeks } = PENALTY_NOTICE_THRESHOLD;
  if (threshold.sessions >= sessions) return `${threshold.message}.`;
  return (
    `A penalty notice can be considered once there are ${sessions} unauthorised sessions within ${schoolWeeks} school weeks: ` +
    `this pupil has ${threshold.sessions} in the last ${schoolWeeks} school weeks (${formatUkDate(threshold.start)} to ${formatUkDate(threshold.end)}).`
  );
}

/**
 * The case's penalty notices per parent/carer, whether the threshold is met now, and whether issuing a notice is
 * offered (per parent/carer and for the case). Audited as a case read.
 */
export async function findCasePenaltyNotices(
  actor: Actor,
  caseId: string,
  view: ViewAudit = {},
): Promise<CasePenaltyNotices> {
  authorize(actor, "case.read");
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  // The case and its parties are read once for the whole case page (findScopedCase, findCaseParents).
  const kase = await findScopedCase(actor, caseId);
  if (!kase) throw new NotFoundError("Case");
  const now = today();
  const parents = [...(await findCaseParents(kase.authorityId, kase.id)).values()].filter((p) => p.party);
  // Three queries beside the pupil (ADR 079): the notices, the threshold today (the period and its counts) and the
  // parents' notices that count towards the limit.
  const [pupil, notices, threshold, counting] = await Promise.all([
    findCasePupil(kase.authorityId, kase.pupilId),
    readNotices(
      kase.authorityId,
      kase.pupilId,
      parents.map((p) => p.id),
    ),
    thresholdToday(pgPool(), { authorityId: kase.authorityId, pupilId: kase.pupilId, today: now }).then((t) =>
      t ? { start: t.start, end: t.end, ...checkThreshold(t) } : null,
    ),
    // As issuePenaltyNotice counts them (the view penalty_notice_counting): not withdrawn, not prosecuted to an acquittal.
    findCountingNoticeDatesOf(pgPool(), { parentIds: parents.map((p) => p.id), pupilId: kase.pupilId }),
  ]);
  const pupilName = `${pupil.firstName} ${pupil.lastName}`;
  const canManage =
    can(actor, "penalty_notice.manage") &&
    canChangeCase(actor, { assignedOfficerId: kase.assignedOfficerId, status: kase.status as CaseState }).ok;

  const parties = parents.map((p) => {
    const own = notices.filter((n) => n.parentId === p.id);
    const name = `${p.firstName} ${p.lastName}`;
    const priorNoticeDates = counting.get(p.id) ?? [];
    const decision = canIssueNotice({
      threshold: { sessions: threshold?.sessions ?? 0, reached: threshold?.reached ?? false },
      priorNoticeDates,
      issueDate: now,
    });
    const issue: CasePenaltyNotices["parties"][number]["issue"] = decision.ok
      ? { offered: true, sequence: decision.sequence }
      : decision.message === THIRD_NOTICE
        ? {
            offered: false,
            reason: "notice_limit",
            message: `${name} has had two penalty notices within 3 years: a third is not allowed.`,
          }
        : { offered: false, reason: threshold?.reached ? "other" : "threshold_not_met", message: decision.message };
    return {
      parentId: p.id,
      name,
      notices: own.map((n) => toView(n, name, pupilName)),
      noticesInThreeYears: schemeOn(now)?.repeat ? countPriorNotices(priorNoticeDates, now) : 0,
      issue,
    };
  });

  const refusals = parties.flatMap((p) => (p.issue.offered ? [] : [p.issue]));
  const issue: CasePenaltyNotices["issue"] = !threshold
    ? {
        offered: false,
        reason: "no_calendar",
        message: "The authority has no term calendar, so the threshold for a penalty notice cannot be checked.",
      }
    : !threshold.reached
      ? { offered: false, reason: "threshold_not_met", message: thresholdMessage(threshold) }
      : parties.length === 0
        ? { offered: false, reason: "no_parties", message: "No parents or carers are named on this case." }
        : refusals.length === parties.length
          ? {
              offered: false,
              reason: "no_parent_eligible",
              message:
                refusals.length > 1 && refusals.every((r) => r.reason === "notice_limit")
                  ? "Each parent or carer on this case has had two penalty notices within 3 years: a third is not allowed."
                  : [...new Set(refusals.map((r) => r.message))].join(" "),
            }
          : !canManage
            ? { offered: false, reason: "not_allowed", message: NOT_ALLOWED }
            : { offered: true };

  if (!view.auditedBy) await audit(actor, { action: "penalty_notice.list", entityType: "case", entityId: kase.id });
  return { caseId: kase.id, pupilName, canManage, threshold, issue, parties };
}

/** The pupil's notices to these parents, latest first, in the shape toView takes: through pg (ADR 084). */
async function readNotices(authorityId: string, pupilId: string, parentIds: string[]) {
  // The view without the names, which toView adds: the dates come as text (ISO days), as the view has them.
  const { rows } = await pgPool().query<Omit<PenaltyNoticeView, "parentName" | "pupilName">>(
    `SELECT id, case_id AS "caseId", version, parent_id AS "parentId", issue_date::text AS "issueDate",
            period_start::text AS "periodStart", period_end::text AS "periodEnd",
            unauthorised_sessions AS "unauthorisedSessions", sequence, lower_amount_pence AS "lowerAmountPence",
            higher_amount_pence AS "higherAmountPence", lower_until::text AS "lowerUntil", last_day::text AS "lastDay",
            status, paid_on::text AS "paidOn", amount_paid_pence AS "amountPaidPence",
            withdrawn_on::text AS "withdrawnOn", withdrawn_reason AS "withdrawnReason"
     FROM penalty_notice WHERE authority_id = $1::uuid AND pupil_id = $2::uuid AND parent_id = ANY($3::uuid[])
     ORDER BY issue_date DESC, created_at DESC, id DESC`,
    [authorityId, pupilId, parentIds],
  );
  return rows.map((n) => ({
    ...n,
    issueDate: dateOnly(n.issueDate),
    periodStart: dateOnly(n.periodStart),
    periodEnd: dateOnly(n.periodEnd),
    lowerUntil: dateOnly(n.lowerUntil),
    lastDay: dateOnly(n.lastDay),
    paidOn: n.paidOn === null ? null : dateOnly(n.paidOn),
    withdrawnOn: n.withdrawnOn === null ? null : dateOnly(n.withdrawnOn),
  }));
}
