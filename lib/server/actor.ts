import "server-only";
import { createHash } from "node:crypto";
import { can, type Action } from "@/lib/domain/permissions";
import type { Role } from "@/lib/domain/roles";
import { db } from "./db";
import { ForbiddenError } from "./errors";

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
 * disabled) gives null. */
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

/** Throws ForbiddenError unless the actor's role may take the action. Called by every lib/server function. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new ForbiddenError();
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
