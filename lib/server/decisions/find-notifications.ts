import "server-only";
// Notifications are the daily job's messages to people (a window decided, a referral awaiting review). They sit
// with the decisions that create them; a user only ever sees their own.
import type { Actor } from "../actor";
import { db } from "../db";

export type NotificationView = { id: string; kind: string; message: string; caseId: string | null; createdAt: Date; readAt: Date | null };

/** The signed-in user's own notifications, newest first (unread first within a page), at most `take`. */
export async function findNotifications(actor: Actor, options: { take?: number } = {}): Promise<{ items: NotificationView[]; unread: number }> {
  const where = { userId: actor.id, authorityId: actor.authorityId };
  const [items, unread] = await Promise.all([
    db.notification.findMany({ where, orderBy: [{ createdAt: "desc" }], take: options.take ?? 100 }),
    db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  return {
    items: items.map((n) => ({ id: n.id, kind: n.kind, message: n.message, caseId: n.caseId, createdAt: n.createdAt, readAt: n.readAt })),
    unread,
  };
}
