import "server-only";
import { authorize, type Actor } from "../actor";
import { db } from "../db";

/** The enabled officers of the actor's authority, by name: whom a case can be assigned to (checkAssignee's rule). */
export async function findOfficers(actor: Actor) {
  authorize(actor, "case.manage");
  return db.appUser.findMany({
    where: { authorityId: actor.authorityId, role: "officer", disabled: false },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
