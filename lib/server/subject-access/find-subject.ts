import "server-only";
import { checkUpn } from "@/lib/domain/upn";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";

export type Subject = {
  pupil: { id: string; upn: string; name: string; dateOfBirth: Date };
  parents: { id: string; name: string; relationship: string }[];
};

/** The pupil (by UPN) and their parents and carers whose archives the subject access page offers. Finding them
 * is audited (it reads a child's record); an unknown UPN is a field error, as in the audit search. */
export async function findSubject(actor: Actor, upn: string): Promise<Subject> {
  authorize(actor, "subject_access.export");
  const check = checkUpn(upn.trim());
  if (!check.ok) throw new ValidationError({ upn: [check.message] });
  const pupil = await db.pupil.findFirst({
    where: { authorityId: actor.authorityId, upn: upn.trim().toUpperCase() },
    include: { parents: { include: { parent: true } } },
  });
  if (!pupil)
    throw new ValidationError({ upn: [`No pupil with UPN ${upn.trim().toUpperCase()} in ${actor.authorityName}`] });
  await audit(actor, { action: "subject_access.find", entityType: "pupil", entityId: pupil.id });
  return {
    pupil: {
      id: pupil.id,
      upn: pupil.upn,
      name: `${pupil.firstName} ${pupil.lastName}`,
      dateOfBirth: pupil.dateOfBirth,
    },
    parents: pupil.parents
      .map((l) => ({
        id: l.parentId,
        name: `${l.parent.firstName} ${l.parent.lastName}`,
        relationship: l.relationship,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  };
}
