import "server-only";
import type { ReauthenticationInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { confirmIdentity } from "../users/confirm-identity";

/** An administrator's reset of a user's second factor (a lost phone): the secret and recovery codes are removed,
 * the user's sessions end, and they must enrol a new authenticator at their next sign-in. */
export async function resetSecondFactor(
  actor: Actor,
  userId: string,
  reauthentication: ReauthenticationInput | undefined,
) {
  authorize(actor, "user.manage");
  const user = await db.appUser.findFirst({ where: { id: userId, authorityId: actor.authorityId } });
  if (!user) throw new NotFoundError("User");
  await confirmIdentity(actor, reauthentication);
  await db.$transaction(async (tx) => {
    await tx.appUser.update({
      where: { id: user.id },
      data: {
        totpSecret: null,
        totpPendingSecret: null,
        totpEnrolledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        sessionVersion: { increment: 1 },
      },
    });
    await tx.signInThrottle.deleteMany({ where: { key: `second-factor:${user.id}` } });
    await audit(actor, { action: "user.reset_second_factor", entityType: "user", entityId: user.id }, tx);
  });
}
