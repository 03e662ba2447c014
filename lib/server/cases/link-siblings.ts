import "server-only";
import { assertMayChangeCase } from "./assert-may-change-case";
import { authorize, type Actor } from "../actor";
import { audit, type AuditEntry } from "../audit";
import { db, type Tx } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "./case-scope";

/**
 * Links a case, in the caller's transaction, to the open cases of its pupil's siblings: pupils of the same
 * authority who share a parent/carer with the case's pupil (any recorded parent, not only the case's parties).
 * Each pair is stored once, smaller id first (case_link's ordered-pair CHECK); pairs already linked are left
 * alone, so calling it again is harmless. Returns the ids of the cases newly linked; the caller audits them with
 * `linkedSiblingsAudit` in its own (last) audit call. The caller has already found the case in the actor's scope.
 */
export async function linkSiblingsInTx(
  tx: Tx,
  actor: { id: string; authorityId: string },
  caseId: string,
): Promise<string[]> {
  const kase = await tx.attendanceCase.findFirst({ where: { id: caseId, authorityId: actor.authorityId } });
  if (!kase) throw new NotFoundError("Case");
  const parents = await tx.pupilParent.findMany({
    where: { pupilId: kase.pupilId, authorityId: kase.authorityId },
    select: { parentId: true },
  });
  if (parents.length === 0) return [];
  const siblings = await tx.pupilParent.findMany({
    where: {
      authorityId: kase.authorityId,
      parentId: { in: parents.map((p) => p.parentId) },
      pupilId: { not: kase.pupilId },
    },
    select: { pupilId: true },
  });
  if (siblings.length === 0) return [];
  const siblingCases = await tx.attendanceCase.findMany({
    where: {
      authorityId: kase.authorityId,
      pupilId: { in: [...new Set(siblings.map((s) => s.pupilId))] },
      status: { not: "closed" },
    },
    select: { id: true },
  });
  const existing = await tx.caseLink.findMany({
    where: { OR: [{ caseId: kase.id }, { linkedCaseId: kase.id }] },
    select: { caseId: true, linkedCaseId: true },
  });
  const already = new Set(existing.map((l) => (l.caseId === kase.id ? l.linkedCaseId : l.caseId)));
  const toLink = siblingCases.map((c) => c.id).filter((id) => id !== kase.id && !already.has(id));
  if (toLink.length === 0) return [];
  await tx.caseLink.createMany({
    data: toLink.map((other) => {
      const [first, second] = kase.id < other ? [kase.id, other] : [other, kase.id];
      return { caseId: first, linkedCaseId: second, authorityId: kase.authorityId, createdBy: actor.id };
    }),
    skipDuplicates: true,
  });
  return toLink;
}

/** The audit row for the links linkSiblingsInTx made (none when it linked nothing). */
export function linkedSiblingsAudit(caseId: string, linked: string[]): AuditEntry[] {
  return linked.length === 0
    ? []
    : [{ action: "case.link_siblings", entityType: "case", entityId: caseId, detail: { linked } }];
}

/**
 * On demand (an officer or manager, from the case page): links a case in the actor's scope to its siblings'
 * open cases, as linkSiblingsInTx. Out of scope: NotFoundError; not the assigned officer or a manager:
 * ForbiddenError; a closed case: ValidationError. Returns the ids of the cases newly linked.
 */
export async function linkSiblings(actor: Actor, caseId: string): Promise<string[]> {
  authorize(actor, "case.manage");
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  return db.$transaction(async (tx) => {
    const kase = await tx.attendanceCase.findFirst({
      where: { AND: [caseScope(actor), { id: caseId }] },
      select: { id: true, assignedOfficerId: true, status: true },
    });
    if (!kase) throw new NotFoundError("Case");
    // Linking changes the case, so the same rule as every other change: the assigned officer or a manager, and
    // not while the case is closed (the case page offers the button only then).
    assertMayChangeCase(actor, kase);
    const linked = await linkSiblingsInTx(tx, actor, kase.id);
    await audit(actor, linkedSiblingsAudit(kase.id, linked), tx);
    return linked;
  });
}
