import "server-only";
import { createHash } from "node:crypto";
import { demoAccess } from "@/lib/domain/demo-data";
import { can, type Action } from "@/lib/domain/permissions";
import type { Role } from "@/lib/domain/roles";
import { db } from "./db";
import { ForbiddenError } from "./errors";
import { demoMarker } from "./users/demo-marker";

// The actor and the role check, with no Next.js imports, so the command line and jobs can use every
// lib/server function. Session handling (cookies, redirects) lives in auth.ts.

/** The signed-in user, as every server function receives it. */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  authorityId: string;
  authorityName: string;
  schoolId: string | null;
  schoolName: string | null;
  mustChangePassword: boolean;
  /** The session this request belongs to (the session cookie's id), for the audit log; none for API tokens. */
  sessionId?: string | null;
  /** The API token this request came with, for the audit log; none for sessions. */
  tokenId?: string | null;
};

/** Loads an enabled user as an Actor. With a session version, a stale session (signed out, password changed,
 * disabled) gives null. Requests (sessions, tokens) go through loadRequestActor, which also refuses demo users
 * on a database not created as a demo; jobs and the seed act as users directly. */
export async function loadActor(userId: string, sessionVersion: number | undefined): Promise<Actor | null> {
  const user = await db.appUser.findUnique({
    where: { id: userId },
    include: { authority: true, school: true },
  });
  // A disabled user, or one whose sessions were ended (sign-out bumps session_version), is signed out at once.
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    authorityId: user.authorityId,
    authorityName: user.authority.name,
    schoolId: user.schoolId,
    schoolName: user.school?.name ?? null,
    mustChangePassword: user.mustChangePassword,
  };
}

/** The actor a request (session cookie or API token) acts as: loadActor, and null for a demo user (published
 * password) on a database not created as a demo (lib/domain/demo-data.ts). */
export async function loadRequestActor(userId: string, sessionVersion: number | undefined): Promise<Actor | null> {
  const actor = await loadActor(userId, sessionVersion);
  if (!actor) return null;
  const { demo } = await db.appUser.findUniqueOrThrow({ where: { id: userId }, select: { demo: true } });
  if (demo && !demoAccess({ demo }, await demoMarker()).maySignIn) return null;
  return actor;
}

/** Throws ForbiddenError unless the actor's role may take the action. Called by every lib/server function. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new ForbiddenError();
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
