import "server-only";
import { can } from "@/lib/domain/permissions";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { db } from "../db";
import { NotFoundError } from "../errors";

export type PenaltyNoticeView = {
  id: string;
  caseId: string;
  version: number;
  parentId: string;
  parentName: string;
  pupilName: string;
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  unauthorisedSessions: number;
  sequence: number;
  lowerAmountPence: number;
  higherAmountPence: number;
  lowerUntil: string;
  lastDay: string;
  status: string;
  paidOn: string | null;
  amountPaidPence: number | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** One penalty notice on a case in the actor's scope (read by anyone who may read the case), audited. */
export async function getPenaltyNotice(actor: Actor, noticeId: string): Promise<PenaltyNoticeView> {
  authorize(actor, "case.read");
  if (!/^[0-9a-f-]{36}$/i.test(noticeId)) throw new NotFoundError("Penalty notice");
  const notice = await db.penaltyNotice.findFirst({ where: { id: noticeId, authorityId: actor.authorityId } });
  if (
    !notice ||
    !(await db.attendanceCase.findFirst({ where: { id: notice.caseId, ...caseScope(actor) }, select: { id: true } }))
  ) {
    throw new NotFoundError("Penalty notice");
  }
  const [parent, pupil] = await Promise.all([
    db.parent.findUniqueOrThrow({ where: { id: notice.parentId } }),
    db.pupil.findUniqueOrThrow({ where: { id: notice.pupilId } }),
  ]);
  await audit(actor, {
    action: "penalty_notice.view",
    entityType: "penalty_notice",
    entityId: notice.id,
    detail: { caseId: notice.caseId },
  });
  return toView(notice, `${parent.firstName} ${parent.lastName}`, `${pupil.firstName} ${pupil.lastName}`);
}

export function toView(
  n: {
    id: string;
    caseId: string;
    version: number;
    parentId: string;
    issueDate: Date;
    periodStart: Date;
    periodEnd: Date;
    unauthorisedSessions: number;
    sequence: number;
    lowerAmountPence: number;
    higherAmountPence: number;
    lowerUntil: Date;
    lastDay: Date;
    status: string;
    paidOn: Date | null;
    amountPaidPence: number | null;
    withdrawnOn: Date | null;
    withdrawnReason: string | null;
  },
  parentName: string,
  pupilName: string,
): PenaltyNoticeView {
  return {
    id: n.id,
    caseId: n.caseId,
    version: n.version,
    parentId: n.parentId,
    parentName,
    pupilName,
    issueDate: iso(n.issueDate),
    periodStart: iso(n.periodStart),
    periodEnd: iso(n.periodEnd),
    unauthorisedSessions: n.unauthorisedSessions,
    sequence: n.sequence,
    lowerAmountPence: n.lowerAmountPence,
    higherAmountPence: n.higherAmountPence,
    lowerUntil: iso(n.lowerUntil),
    lastDay: iso(n.lastDay),
    status: n.status,
    paidOn: n.paidOn ? iso(n.paidOn) : null,
    amountPaidPence: n.amountPaidPence,
    withdrawnOn: n.withdrawnOn ? iso(n.withdrawnOn) : null,
    withdrawnReason: n.withdrawnReason,
  };
}

/** Whether the actor may issue, record payment of, or withdraw notices (the pages show the links only then). */
export function mayManageNotices(actor: Actor): boolean {
  return can(actor, "penalty_notice.manage");
}
