import "server-only";
import { oneTimePasswordExpiry } from "@/lib/domain/sign-in-lockout";
import { now } from "@/lib/env";
import type { ReauthenticationInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { hashPassword, oneTimePassword } from "../passwords";
import { confirmIdentity } from "./confirm-identity";

/** Gives a user of the actor's authority a new one-time password, ending their sessions, once the actor has typed
 * their own password (and code) again. */
export async function resetPassword(actor: Actor, userId: string, reauthentication: ReauthenticationInput | undefined) {
  authorize(actor, "user.manage");
  const user = await db.appUser.findFirst({ where: { id: userId, authorityId: actor.authorityId } });
  if (!user) throw new NotFoundError("User");
  await confirmIdentity(actor, reauthentication);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.appUser.update({
      where: { id: user.id },
      data: {
        passwordHash,
        mustChangePassword: true,
        oneTimePasswordExpiresAt: oneTimePasswordExpiry(now()),
        sessionVersion: { increment: 1 },
      },
    });
    await tx.signInThrottle.deleteMany({ where: { key: `account:${user.email}` } });
    await audit(actor, { action: "user.reset_password", entityType: "user", entityId: user.id }, tx);
  });
  return { user, oneTimePassword: password };
}
