import "server-only";
import { ACCOUNT_POLICY } from "@/lib/domain/sign-in-lockout";
import type { ReauthenticationInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { verifyPassword } from "../passwords";
import { clearAttempts, reserveAttempt } from "./attempt-throttle";

/**
 * Re-authentication before a sensitive action (creating a user, resetting one, creating an API token): the actor
 * types their password again. Wrong passwords count against the same lock as sign-in, so this is no way round
 * it. Throws ValidationError on the form's fields.
 */
export async function confirmIdentity(actor: Actor, input: ReauthenticationInput | undefined): Promise<void> {
  if (!input?.yourPassword) throw new ValidationError({ yourPassword: ["Enter your password to confirm it is you"] });
  const key = `account:${actor.email}` as const;
  const slot = await reserveAttempt(key, ACCOUNT_POLICY);
  if (!slot.allowed) {
    throw new ValidationError({
      yourPassword: ["Too many wrong passwords: your account is locked for 15 minutes. Try again later."],
    });
  }
  const user = await db.appUser.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, input.yourPassword))) {
    await audit(actor, { action: "auth.reauthentication_failed", entityType: "user", entityId: actor.id });
    throw new ValidationError({
      yourPassword: [
        slot.locked ? "Too many wrong passwords: your account is locked for 15 minutes." : "Your password is incorrect",
      ],
    });
  }
  await clearAttempts(key);
}
