import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { canChangeCase } from "@/lib/domain/case-rules";
import type { CaseState } from "@/lib/domain/case-state";
import { parentNames, type LetterKind } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { findCaseParents } from "../cases/find-case-parents";
import { findScopedCase } from "../cases/find-scoped-case";
import type { ViewAudit } from "../cases/get-case";

/** The letters on a case in the actor's scope, newest first, with each parent's name, and whether the actor may
 * produce more (the assigned officer or a manager, on a case not closed); audited. Out of scope (another
 * authority, school staff, administrators) is NotFoundError. */
export async function findCaseLetters(actor: Actor, caseId: string, view: ViewAudit = {}) {
  if (!can(actor, "case.read") || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await findScopedCase(actor, caseId);
  if (!kase) throw new NotFoundError("Case");
  // The letters' parents are among the case's parents the page reads once (findCaseParents), parties now or not.
  const [letters, parents] = await Promise.all([
    db.caseLetter.findMany({
      where: { caseId: kase.id, authorityId: kase.authorityId },
      orderBy: [{ sentOn: "desc" }, { createdAt: "desc" }],
    }),
    findCaseParents(kase.authorityId, kase.id),
  ]);
  if (!view.auditedBy)
    await audit(actor, {
      action: "case_letter.list",
      entityType: "case",
      entityId: kase.id,
      detail: { count: letters.length },
    });
  const mayProduce = canChangeCase(actor, {
    assignedOfficerId: kase.assignedOfficerId,
    status: kase.status as CaseState,
  }).ok;
  return {
    mayProduce,
    letters: letters.map((l) => {
      const parent = parents.get(l.parentId);
      return {
        id: l.id,
        kind: l.kind as LetterKind,
        subject: l.subject,
        sentOn: toIsoDate(l.sentOn),
        productionId: l.productionId,
        parentId: l.parentId,
        parentName: parent ? parentNames(parent).name : "",
      };
    }),
  };
}
