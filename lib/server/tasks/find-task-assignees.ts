import "server-only";
import { authorize, type Actor } from "../actor";
import { db } from "../db";

/** The enabled officers and managers of the actor's authority, by name: whom a task can be given to. */
export async function findTaskAssignees(actor: Actor) {
  authorize(actor, "task.manage");
  const users = await db.appUser.findMany({
    where: { authorityId: actor.authorityId, role: { in: ["officer", "manager"] }, disabled: false },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return users.map((u) => ({ id: u.id, name: u.role === "manager" ? `${u.name} (manager)` : u.name }));
}
