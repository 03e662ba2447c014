import "server-only";
import { transition, type CaseState } from "@/lib/domain/case-state";
import { now, today } from "@/lib/env";
import { REJECT_ROUTE_LABELS, rejectReferralSchema, type RejectReferralInput } from "@/lib/schemas/referrals";
import type { Actor } from "../actor";
import { parseInput } from "../cases/parse-input";
import type { AuditEntry } from "../audit";
import { dateOnly } from "../db";
import { ValidationError } from "../errors";
import { changeReferral } from "./change-referral";
import { NOT_AWAITING_REVIEW } from "./approve-referral";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

/**
 * A manager rejects a referral with a reason and a route:
 * - `close`: the case closes (outcome "other", the reason as its reason) through the case state machine, unless it
 *   is already closed; refused while another parent's referral on the case is awaiting review or approved;
 * - `casework`: the case goes back to casework, the state machine's `returnToCasework` (referred → monitoring): the
 *   officer keeps working the case (a second window stays refused, as canStartWindow says). The case moves only
 *   when no other referral on it is still awaiting review, approved or concluded (another parent's prosecution
 *   keeps it `referred`).
 * A referral made because a penalty notice went unpaid withdraws that notice ("Not prosecuted: <reason>"), as the
 * authority must prosecute or withdraw.
 * Only a referral awaiting review; version-checked; on the timeline and audited; the case's version is bumped.
 */
export async function rejectReferral(actor: Actor, raw: RejectReferralInput) {
  const input = parseInput(rejectReferralSchema, raw);
  return changeReferral(
    actor,
    input,
    { permission: "referral.review", audit: "referral.reject" },
    async (referral, tx) => {
      if (referral.status !== "awaiting_review") throw new ValidationError({}, NOT_AWAITING_REVIEW);
      const kase = referral.kase;
      let caseChange: Record<string, unknown> | null = null;
      if (input.route === "close") {
        const open = await tx.prosecutionReferral.count({
          where: { caseId: kase.id, id: { not: referral.id }, status: { in: ["awaiting_review", "approved"] } },
        });
        if (open > 0) {
          throw new ValidationError({
            route: [
              "Another parent's referral on this case is still awaiting review or going to court, so the case cannot close: return it to casework instead",
            ],
          });
        }
      }
      if (input.route === "close" && kase.status !== "closed") {
        const next = transition(kase.status as CaseState, { type: "close", outcome: "other", reason: input.reason });
        if (!next.ok) throw new ValidationError({}, next.message);
        caseChange = { status: next.state, closeOutcome: "other", closeReason: input.reason };
      }
      if (input.route === "casework" && kase.status === "referred") {
        const others = await tx.prosecutionReferral.count({
          where: {
            caseId: kase.id,
            id: { not: referral.id },
            status: { in: ["awaiting_review", "approved", "concluded"] },
          },
        });
        if (others === 0) {
          const next = transition(kase.status as CaseState, { type: "returnToCasework" });
          if (!next.ok) throw new ValidationError({}, next.message);
          caseChange = { status: next.state };
        }
      }
      // A referral for an unpaid penalty notice that will not be prosecuted: the authority must then withdraw the
      // notice (domain.md §5.2, "prosecute or withdraw"), and a withdrawn notice no longer counts towards the limit.
      let noticeWithdrawn: string | null = null;
      const alsoAudit: AuditEntry[] = [];
      if (referral.penaltyNoticeId) {
        const withdrawnReason = `Not prosecuted: ${input.reason}`;
        const { count } = await tx.penaltyNotice.updateMany({
          where: { id: referral.penaltyNoticeId, status: "referred" },
          data: {
            status: "withdrawn",
            withdrawnOn: dateOnly(today()),
            withdrawnReason,
            version: { increment: 1 },
            updatedAt: new Date(),
          },
        });
        if (count === 1) {
          noticeWithdrawn = referral.penaltyNoticeId;
          await writeTimelineEvents(tx, [
            {
              caseId: kase.id,
              authorityId: kase.authorityId,
              kind: "penalty_notice_withdrawn",
              occurredOn: today(),
              note: withdrawnReason,
              actorUserId: actor.id,
              details: {
                noticeId: referral.penaltyNoticeId,
                parentId: referral.parentId,
                withdrawnOn: today(),
                referralId: referral.id,
              },
            },
          ]);
          alsoAudit.push({
            action: "penalty_notice.withdraw",
            entityType: "penalty_notice",
            entityId: referral.penaltyNoticeId,
            detail: { caseId: kase.id, withdrawnOn: today(), referralId: referral.id, via: "referral.reject" },
          });
        }
      }
      if (caseChange) {
        await tx.attendanceCase.update({
          where: { id: kase.id },
          data: { ...caseChange, version: { increment: 1 }, updatedAt: new Date() },
        });
        if (caseChange.status === "closed") {
          await writeTimelineEvents(tx, [
            {
              caseId: kase.id,
              authorityId: kase.authorityId,
              kind: "closed",
              occurredOn: today(),
              note: input.reason,
              actorUserId: actor.id,
              details: { outcome: "other", from: kase.status, referralId: referral.id },
            },
          ]);
        }
      }
      return {
        data: {
          status: "rejected",
          rejectReason: input.reason,
          rejectRoute: input.route,
          reviewedBy: actor.id,
          reviewedAt: now(),
        },
        event: {
          kind: "referral_rejected",
          occurredOn: today(),
          note: input.reason,
          details: {
            route: input.route,
            routeLabel: REJECT_ROUTE_LABELS[input.route],
            caseStatus: caseChange?.status ?? kase.status,
          },
        },
        auditDetail: {
          route: input.route,
          caseStatus: (caseChange?.status as string | undefined) ?? kase.status,
          ...(noticeWithdrawn ? { penaltyNoticeWithdrawn: noticeWithdrawn } : {}),
        },
        alsoAudit,
        notify: `A prosecution referral on your case was rejected (${REJECT_ROUTE_LABELS[input.route].toLowerCase()}): ${input.reason}`,
      };
    },
  );
}
