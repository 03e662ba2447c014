import "server-only";
// Notifications are the daily job's messages to people (a window decided, a referral awaiting review). They sit
// with the decisions that create them; a user only ever sees their own.
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";

export type NotificationView = {
  id: string;
  kind: string;
  message: string;
  caseId: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** The signed-in user's own notifications, newest first (unread first within a page), at most `take`. */
export async function findNotifications(
  actor: Actor,
  options: { take?: number } = {},
): Promise<{ items: NotificationView[]; unread: number }> {
  const where = { userId: actor.id, authorityId: actor.authorityId };
  const [items, unread] = await Promise.all([
    db.notification.findMany({ where, orderBy: [{ createdAt: "desc" }], take: options.take ?? 100 }),
    db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  // The messages name pupils: reading them is audited like any other list.
  await audit(actor, { action: "notification.list", detail: { shown: items.length, unread } });
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      message: n.message,
      caseId: n.caseId,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
    unread,
  };
}

/** How many of the user's notifications are unread: the count in the header (no message is read, so no audit). */
export async function countUnreadNotifications(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.id, authorityId: actor.authorityId, readAt: null } });
}
