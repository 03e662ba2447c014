import "server-only";
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { authSecret, now, publicOrigin, secureCookies } from "@/lib/env";
import { addressedOrigin, cookieRequestAllowed } from "@/lib/domain/api-origin";
import { tokenAllowsMethod, tokenIsLive } from "@/lib/domain/api-tokens";
import { can, type Action } from "@/lib/domain/permissions";
import { IDLE_TIMEOUT_MINUTES } from "@/lib/domain/sign-in-lockout";
import { authOptions, SESSION_COOKIE } from "./auth-options";
import { db } from "./db";
import { ForbiddenError, UnauthenticatedError } from "./errors";
import { hashApiToken, loadRequestActor, type Actor } from "./actor";

export type { Actor } from "./actor";

/**
 * The actor from the session cookie, or null. Read once per request (issue 14): React's cache() keeps the result
 * for the rest of the server render, so the layout, the page and its components that each ask share one session
 * decode and one user read. Outside a render (a route handler, the command line) it reads each time.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.uid || session.sv === undefined) return null;
  const actor = await loadRequestActor(session.uid, session.sv);
  return actor && { ...actor, sessionId: session.sid ?? null };
});

/** For pages and server actions: the actor, or a redirect to sign-in. Users with a one-time password are sent
 * to change it first. */
export async function requireUser(options: { allowPasswordChange?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (actor.mustChangePassword && !options.allowPasswordChange) redirect("/account/password");
  return actor;
}

/** For pages: the actor, who must be allowed `action`; anyone else gets a 404 (no hint the page exists). */
export async function requirePermission(action: Action): Promise<Actor> {
  const actor = await requireUser();
  if (!can(actor, action)) notFound();
  return actor;
}

/** For /api/v1 routes: a Bearer API token, or else the session cookie. Throws UnauthenticatedError (401) for a
 * missing, unknown, revoked or expired token, and ForbiddenError (403) when a read-only token tries to write or
 * a cookie-signed request comes from another site (a write must carry this service's Origin: ADR 024). */
export async function requireApiActor(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError();
    const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(match[1]!) } });
    if (!token || !tokenIsLive(token, now())) throw new UnauthenticatedError();
    const actor = await loadRequestActor(token.userId, undefined);
    if (!actor) throw new UnauthenticatedError();
    if (!tokenAllowsMethod(token, request.method))
      throw new ForbiddenError("This API token is read-only: it can only read");
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now() } });
    return { ...actor, tokenId: token.id };
  }
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) throw new UnauthenticatedError();
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const addressed = addressedOrigin(request.headers.get("host"), forwardedProto === "https" || secureCookies());
  const allowed = cookieRequestAllowed({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    ownOrigins: [publicOrigin(), addressed].filter((o): o is string => o !== null),
  });
  if (!allowed)
    throw new ForbiddenError(
      "A request signed in with a session cookie must come from this service's own pages (send an Origin header naming it), or use an API token",
    );
  return actor;
}

/** Issues the session cookie for a user who has just proved who they are. */
export async function startSession(user: { id: string; sessionVersion: number; name: string; email: string }) {
  const maxAge = IDLE_TIMEOUT_MINUTES * 60;
  const token = await encode({
    // sid names this session in the audit log (ADR 030); it stays the same while the session is renewed.
    // authAt starts the absolute lifetime (FAST_TRACK_SESSION_MAX_HOURS), which renewal never extends.
    token: {
      sub: user.id,
      sv: user.sessionVersion,
      sid: randomUUID(),
      authAt: Math.floor(Date.now() / 1000),
      name: user.name,
      email: user.email,
    },
    secret: authSecret(),
    maxAge,
  });
  (await cookies()).set(SESSION_COOKIE(), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    maxAge,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE());
}
