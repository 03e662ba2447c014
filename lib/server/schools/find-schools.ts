import "server-only";
import type { Actor } from "../actor";
import { db } from "../db";

/** Schools the actor may see: their authority's, or for school staff their own school. */
export async function findSchools(actor: Actor) {
  return db.school.findMany({
    where: actor.role === "school" ? { id: actor.schoolId! } : { authorityId: actor.authorityId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
