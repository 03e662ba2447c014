import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "./db";
import { db } from "./db";

export type AuditActor = { id: string; authorityId: string } | { system: string; authorityId?: string };

export type AuditEntry = {
  action: string; // `<entity>.<verb>`, e.g. pupil.view, user.create
  entityType?: string;
  entityId?: string;
  detail?: Prisma.InputJsonValue;
};

/** Appends one row to the audit log (which the database keeps append-only). Pass `tx` to write it in the
 * same transaction as the change it records. */
export async function audit(actor: AuditActor, entry: AuditEntry, tx: Tx = db): Promise<void> {
  const isUser = "id" in actor;
  await tx.auditLog.create({
    data: {
      actorUserId: isUser ? actor.id : null,
      authorityId: actor.authorityId ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      detail: isUser ? (entry.detail ?? {}) : { via: actor.system, ...(entry.detail as object | undefined) },
    },
  });
}

/** The same audit row, written on a raw pg connection (inside that connection's transaction). */
export async function auditPg(
  client: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const isUser = "id" in actor;
  const detail = isUser ? (entry.detail ?? {}) : { via: actor.system, ...(entry.detail as object | undefined) };
  await client.query(
    `INSERT INTO audit_log (actor_user_id, authority_id, action, entity_type, entity_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      isUser ? actor.id : null,
      actor.authorityId ?? null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      JSON.stringify(detail),
    ],
  );
}
