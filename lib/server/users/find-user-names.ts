import "server-only";
import { cache } from "react";
import { db } from "../db";

export type UserName = { id: string; name: string; role: string; disabled: boolean };

/**
 * Every user of one authority, by name (id, name, role, whether disabled): read once per request (React's
 * cache(), as getActor reads the session). The case page names the assigned officer, the timeline's actors, the
 * tasks' assignees and the officers a case can go to: one read instead of one each. Outside a render (an action, a
 * route handler, a test) it reads each time. An authority has tens to a few hundred users.
 */
export const findUserNames = cache(async (authorityId: string): Promise<Map<string, UserName>> => {
  const users = await db.appUser.findMany({
    where: { authorityId },
    select: { id: true, name: true, role: true, disabled: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return new Map(users.map((u) => [u.id, u]));
});
