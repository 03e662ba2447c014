import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { parentNames, type LetterKind } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "../cases/case-scope";

/** The letters on a case in the actor's scope, newest first, with each parent's name; audited. Out of scope
 * (another authority, school staff, administrators) is NotFoundError. */
export async function findCaseLetters(actor: Actor, caseId: string) {
  if (!can(actor, "case.read") || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({ where: { AND: [caseScope(actor), { id: caseId }] }, select: { id: true, authorityId: true } });
  if (!kase) throw new NotFoundError("Case");
  const letters = await db.caseLetter.findMany({ where: { caseId: kase.id, authorityId: kase.authorityId }, orderBy: [{ sentOn: "desc" }, { createdAt: "desc" }] });
  const parents = await db.parent.findMany({ where: { id: { in: [...new Set(letters.map((l) => l.parentId))] }, authorityId: kase.authorityId } });
  await audit(actor, { action: "case_letter.list", entityType: "case", entityId: kase.id, detail: { count: letters.length } });
  return letters.map((l) => {
    const parent = parents.find((p) => p.id === l.parentId);
    return { id: l.id, kind: l.kind as LetterKind, subject: l.subject, sentOn: toIsoDate(l.sentOn), parentId: l.parentId, parentName: parent ? parentNames(parent).name : "" };
  });
}
