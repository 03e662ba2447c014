import "server-only";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";

/** Signs the user out everywhere: every session cookie issued before now stops working. */
export async function endSessions(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.appUser.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
    await audit(actor, { action: "auth.sign_out", entityType: "user", entityId: actor.id }, tx);
  });
}
