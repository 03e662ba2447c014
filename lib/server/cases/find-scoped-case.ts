import "server-only";
import { cache } from "react";
import type { Actor } from "../actor";
import { db } from "../db";
import { caseScope } from "./case-scope";

/**
 * One case in the actor's scope (caseScope), or null: read once per request. The case page's sections (decision,
 * letters, supervision orders, the progress chart) each need the case before their own rows; React's cache()
 * gives them one read in a server render, as getActor does for the session. Outside a render (an action, a route
 * handler, a test) it reads each time.
 */
export const findScopedCase = cache(async (actor: Actor, caseId: string) =>
  /^[0-9a-f-]{36}$/i.test(caseId)
    ? db.attendanceCase.findFirst({ where: { AND: [caseScope(actor), { id: caseId }] } })
    : null,
);
