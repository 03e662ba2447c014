import "server-only";
import { cache } from "react";
import { pgPool } from "../pg";

export type UserName = { id: string; name: string; role: string; disabled: boolean };

/**
 * Every user of one authority, by name (id, name, role, whether disabled): read once per request (React's
 * cache(), as getActor reads the session). The case page names the assigned officer, the timeline's actors, the
 * tasks' assignees and the officers a case can go to: one read instead of one each. Outside a render (an action, a
 * route handler, a test) it reads each time. An authority has tens to a few hundred users.
 */
export const findUserNames = cache(async (authorityId: string): Promise<Map<string, UserName>> => {
  // Through the pg pool, not Prisma: a row per user on every case page view, which Prisma's runtime makes costly.
  const { rows } = await pgPool().query<UserName>(
    `SELECT id, name, role::text AS role, disabled FROM app_user WHERE authority_id = $1::uuid ORDER BY name, id`,
    [authorityId],
  );
  return new Map(rows.map((u) => [u.id, u]));
});
