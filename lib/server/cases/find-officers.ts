import "server-only";
import { authorize, type Actor } from "../actor";
import { findUserNames } from "../users/find-user-names";

/** The enabled officers of the actor's authority, by name: whom a case can be assigned to (checkAssignee's rule). */
export async function findOfficers(actor: Actor): Promise<{ id: string; name: string }[]> {
  authorize(actor, "case.manage");
  const users = await findUserNames(actor.authorityId);
  return [...users.values()]
    .filter((u) => u.role === "officer" && !u.disabled)
    .map((u) => ({ id: u.id, name: u.name }));
}
