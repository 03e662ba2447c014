import "server-only";
import { createHash } from "node:crypto";
import { demoAccess } from "@/lib/domain/demo-data";
import { can, type Action } from "@/lib/domain/permissions";
import type { Role } from "@/lib/domain/roles";
import { pgPool } from "./pg";
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

type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  authority_id: string;
  authority_name: string;
  school_id: string | null;
  school_name: string | null;
  must_change_password: boolean;
  disabled: boolean;
  session_version: number;
  demo: boolean;
};

/** The user with their authority's and school's names, and what loadActor checks, in one query (every request
 * reads it: three queries and a fourth for the demo flag before; all four tables are reference tables on Citus). */
async function readUser(userId: string): Promise<UserRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  // Through the pg pool, not Prisma: every request sends it, and Prisma's runtime costs more CPU than the read.
  const { rows } = await pgPool().query<UserRow>(
    `SELECT u.id, u.name, u.email, u.role::text AS role, u.authority_id, a.name AS authority_name, u.school_id,
            s.name AS school_name, u.must_change_password, u.disabled, u.session_version, u.demo
     FROM app_user u
     JOIN authority a ON a.id = u.authority_id
     LEFT JOIN school s ON s.id = u.school_id AND s.authority_id = u.authority_id
     WHERE u.id = $1::uuid`,
    [userId],
  );
  return rows[0] ?? null;
}

/** The enabled user of `row` as an Actor; with a session version, a stale session (signed out, password changed,
 * disabled) gives null. */
function actorOf(row: UserRow | null, sessionVersion: number | undefined): Actor | null {
  // A disabled user, or one whose sessions were ended (sign-out bumps session_version), is signed out at once.
  if (!row || row.disabled) return null;
  if (sessionVersion !== undefined && row.session_version !== sessionVersion) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    authorityId: row.authority_id,
    authorityName: row.authority_name,
    schoolId: row.school_id,
    schoolName: row.school_name,
    mustChangePassword: row.must_change_password,
  };
}

/** Loads an enabled user as an Actor. With a session version, a stale session (signed out, password changed,
 * disabled) gives null. Requests (sessions, tokens) go through loadRequestActor, which also refuses demo users
 * on a database not created as a demo; jobs and the seed act as users directly. */
export async function loadActor(userId: string, sessionVersion: number | undefined): Promise<Actor | null> {
  return actorOf(await readUser(userId), sessionVersion);
}

/** The actor a request (session cookie or API token) acts as: loadActor, and null for a demo user (published
 * password) on a database not created as a demo (lib/domain/demo-data.ts). */
export async function loadRequestActor(userId: string, sessionVersion: number | undefined): Promise<Actor | null> {
  const row = await readUser(userId);
  const actor = actorOf(row, sessionVersion);
  if (!actor) return null;
  if (row!.demo && !demoAccess({ demo: true }, await demoMarker()).maySignIn) return null;
  return actor;
}

/** Throws ForbiddenError unless the actor's role may take the action. Called by every lib/server function. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new ForbiddenError();
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
