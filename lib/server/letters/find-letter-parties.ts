import "server-only";
import { parentNames } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "../cases/case-scope";

/** The parties of a case in scope with their postal addresses, for choosing who to write to. The page that asks
 * reads the case through getCase first, which records the read in the audit log. */
export async function findLetterParties(actor: Actor, caseId: string) {
  if (!can(actor, "case.read") || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: caseId }] },
    include: { parties: true },
  });
  if (!kase) throw new NotFoundError("Case");
  const links = await db.pupilParent.findMany({
    where: { pupilId: kase.pupilId, parentId: { in: kase.parties.map((p) => p.parentId) } },
    include: { parent: true },
    orderBy: [{ parent: { lastName: "asc" } }, { parent: { firstName: "asc" } }, { parentId: "asc" }],
  });
  return links.map((l) => ({
    id: l.parent.id,
    name: parentNames(l.parent).name,
    relationship: l.relationship,
    address: [l.parent.addressLine1, l.parent.addressLine2, l.parent.town, l.parent.postcode],
  }));
}
