import "server-only";
import { canChangeCase } from "@/lib/domain/case-rules";
import type { CaseState } from "@/lib/domain/case-state";
import { checkThreshold, type ThresholdCheck } from "@/lib/domain/penalty-notice-threshold";
import { countPriorNotices, schemeOn } from "@/lib/domain/penalty-notices";
import { can } from "@/lib/domain/permissions";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { countThreshold, suggestedPeriod } from "./count-threshold";
import { toView, type PenaltyNoticeView } from "./get-penalty-notice";

export type CasePenaltyNotices = {
  caseId: string;
  pupilName: string;
  /** The actor may issue notices and record payments or withdrawals on this case (and it is not closed). */
  canManage: boolean;
  /** The last 10 school weeks to yesterday and whether the threshold is met over them; null without a calendar. */
  threshold: ({ start: string; end: string } & ThresholdCheck) | null;
  parties: {
    parentId: string;
    name: string;
    notices: PenaltyNoticeView[];
    /** Notices that count towards the 2024 limit of two in 3 years, as of today. */
    noticesInThreeYears: number;
  }[];
};

/** The case's penalty notices per parent/carer, and whether the threshold is met now. Audited as a case read. */
export async function findCasePenaltyNotices(actor: Actor, caseId: string): Promise<CasePenaltyNotices> {
  authorize(actor, "case.read");
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({ where: { id: caseId, ...caseScope(actor) }, include: { parties: true } });
  if (!kase) throw new NotFoundError("Case");
  const now = today();
  const [pupil, parents, notices, period] = await Promise.all([
    db.pupil.findUniqueOrThrow({ where: { id: kase.pupilId } }),
    db.parent.findMany({ where: { id: { in: kase.parties.map((p) => p.parentId) } } }),
    db.penaltyNotice.findMany({ where: { pupilId: kase.pupilId, parentId: { in: kase.parties.map((p) => p.parentId) } }, orderBy: { issueDate: "desc" } }),
    suggestedPeriod(db, kase.authorityId, now),
  ]);
  const counts = period && await countThreshold(db, { authorityId: kase.authorityId, pupilId: kase.pupilId, ...period });
  const pupilName = `${pupil.firstName} ${pupil.lastName}`;
  await audit(actor, { action: "penalty_notice.list", entityType: "case", entityId: kase.id });
  return {
    caseId: kase.id,
    pupilName,
    canManage: can(actor, "penalty_notice.manage")
      && canChangeCase(actor, { assignedOfficerId: kase.assignedOfficerId, status: kase.status as CaseState }).ok,
    threshold: period && counts ? { ...period, ...checkThreshold(counts) } : null,
    parties: parents.map((p) => {
      const own = notices.filter((n) => n.parentId === p.id);
      const name = `${p.firstName} ${p.lastName}`;
      return {
        parentId: p.id,
        name,
        notices: own.map((n) => toView(n, name, pupilName)),
        noticesInThreeYears: schemeOn(now)?.repeat
          ? countPriorNotices(own.filter((n) => n.status !== "withdrawn").map((n) => n.issueDate.toISOString().slice(0, 10)), now)
          : 0,
      };
    }),
  };
}
