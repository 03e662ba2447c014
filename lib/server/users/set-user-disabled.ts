import "server-only";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";

/** Disables (signing them out at once) or re-enables a user of the actor's authority. */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  authorize(actor, "user.manage");
  if (userId === actor.id) throw new ValidationError({}, "You cannot disable your own account");
  return db.$transaction(async (tx) => {
    const user = await tx.appUser.findFirst({ where: { id: userId, authorityId: actor.authorityId } });
    if (!user) throw new NotFoundError("User");
    const updated = await tx.appUser.update({
      where: { id: user.id },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    await audit(
      actor,
      { action: disabled ? "user.disable" : "user.enable", entityType: "user", entityId: user.id },
      tx,
    );
    return updated;
  });
}
