import "server-only";
import { db } from "./db";
import { queryable, type DbClient } from "./queryable";
import { currentRequest } from "./request-context";

// The one writer of the audit log (ADR 030). Every row goes through `audit()`, whichever client holds the
// transaction: a Prisma client or interactive transaction, or a pg client. The database's trigger puts each row
// in its authority's hash chain; this function supplies who acted, from where, and why.

/** Who acted: a user (signed in, or through one of their API tokens), or a named system job. */
export type AuditActor =
  | {
      id: string;
      authorityId: string;
      /** The session the user acted in (from the session cookie), when there is one. */
      sessionId?: string | null;
      /** The API token the user acted through, when there is one. */
      tokenId?: string | null;
    }
  | { system: string; authorityId?: string | null };

export type AuditEntry = {
  action: string; // `<entity>.<verb>`, e.g. pupil.view, user.create
  entityType?: string;
  entityId?: string;
  detail?: Record<string, unknown>;
  /** Why the record was touched, where the request's route does not say it (the command line, a job). Defaults
   * to the route being served ("GET /pupils/…"). */
  purpose?: string;
  /** The reason the user gave, e.g. for opening a case outside their own caseload. */
  reason?: string;
  /** This row's authority, for a system job writing for several authorities at once. Defaults to the actor's. */
  authorityId?: string | null;
};

const INSERT_SQL = `
  INSERT INTO audit_log (authority_id, actor_user_id, actor_system, actor_token_id, session_id, client_address,
                         request_id, purpose, reason, action, entity_type, entity_id, detail)
  SELECT x.authority_id, x.actor_user_id, x.actor_system, x.actor_token_id, x.session_id, x.client_address,
         x.request_id, x.purpose, x.reason, x.action, x.entity_type, x.entity_id, coalesce(x.detail, '{}'::jsonb)
  FROM jsonb_to_recordset($1::jsonb) AS x(authority_id uuid, actor_user_id uuid, actor_system text,
       actor_token_id uuid, session_id text, client_address inet, request_id text, purpose text, reason text,
       action text, entity_type text, entity_id text, detail jsonb, ord integer)
  ORDER BY x.authority_id NULLS FIRST, x.ord`;

/**
 * Appends one row, or several, to the audit log, in the caller's transaction when `client` is one (a Prisma
 * transaction or a pg client inside BEGIN), else on its own.
 *
 * The chain's lock for the row's authority is then held until that transaction ends, so call this LAST in a
 * transaction: anything slow after it holds up every other writer in the authority, and a row lock taken after it
 * can deadlock with a writer that holds that row and waits to audit. Several authorities' rows are appended in
 * authority order, so two such writers never take the chains' locks in opposite orders.
 */
export async function audit(
  actor: AuditActor,
  entries: AuditEntry | AuditEntry[],
  client: DbClient = db,
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const request = await currentRequest();
  const user = "id" in actor ? actor : null;
  const rows = list.map((entry, ord) => ({
    ord,
    authority_id: entry.authorityId !== undefined ? entry.authorityId : (actor.authorityId ?? null),
    actor_user_id: user?.id ?? null,
    actor_system: user ? null : (actor as { system: string }).system,
    actor_token_id: user?.tokenId ?? null,
    session_id: user?.sessionId ?? null,
    client_address: request?.clientAddress ?? null,
    request_id: request?.requestId ?? null,
    purpose: entry.purpose ?? request?.route ?? null,
    reason: entry.reason ?? null,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    detail: entry.detail ?? {},
  }));
  await queryable(client).query(INSERT_SQL, [JSON.stringify(rows)]);
}
