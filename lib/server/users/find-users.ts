import "server-only";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { db } from "../db";

/** Users of the actor's authority, for administrators. */
export async function findUsers(actor: Actor) {
  authorize(actor, "user.manage");
  return db.appUser.findMany({
    where: { authorityId: actor.authorityId },
    include: { school: { select: { name: true, urn: true } } },
    orderBy: [{ role: "asc" }, { name: "asc" }, { id: "asc" }],
  });
}
