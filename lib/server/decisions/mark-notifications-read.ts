import "server-only";
import { z } from "zod";
import { now } from "@/lib/env";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { parseInput } from "../cases/parse-input";

export const markNotificationsReadSchema = z.object({
  /** One notification, or "all" of the user's unread ones. */
  notificationId: z.union([z.literal("all"), z.string().regex(/^[0-9a-f-]{36}$/i, "Select a notification")]),
});

/**
 * Marks the user's own notification (or all of them) as read. Another user's notification is never touched: the
 * update is scoped to the actor, so an id from elsewhere simply matches nothing. Returns how many changed; audited.
 */
export async function markNotificationsRead(
  actor: Actor,
  raw: z.input<typeof markNotificationsReadSchema>,
): Promise<number> {
  const input = parseInput(markNotificationsReadSchema, raw);
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: {
        userId: actor.id,
        authorityId: actor.authorityId,
        readAt: null,
        ...(input.notificationId === "all" ? {} : { id: input.notificationId }),
      },
      data: { readAt: now() },
    });
    // A write on messages that name pupils: audited like any other, in the same transaction.
    await audit(
      actor,
      { action: "notification.mark_read", detail: { notificationId: input.notificationId, marked: count } },
      tx,
    );
    return count;
  });
}
