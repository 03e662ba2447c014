import "server-only";
import { ACCOUNT_POLICY } from "@/lib/domain/sign-in-lockout";
import { CODE_LOCKED_MESSAGE, INVALID_CODE_MESSAGE, type ReauthenticationInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { verifyPassword } from "../passwords";
import { secondFactorStepFor } from "../second-factor/second-factor-step";
import { verifySecondFactor } from "../second-factor/verify-second-factor";
import { clearAttempts, reserveAttempt } from "./attempt-throttle";

/**
 * Re-authentication before a sensitive action (creating a user, resetting one, creating an API token): the actor
 * types their password again, and their authenticator code once enrolled. Wrong passwords count against the same lock as sign-in, so this is no way round
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
  // Once enrolled, the authenticator code too (demo users on the embedded demo database have none).
  if ((await secondFactorStepFor(user)) === "verify") {
    if (!input.yourCode) throw new ValidationError({ yourCode: ["Enter the code from your authenticator app"] });
    const second = await verifySecondFactor(user.id, input.yourCode);
    if (!second.ok) {
      throw new ValidationError({
        yourCode: [second.reason === "locked" ? CODE_LOCKED_MESSAGE : INVALID_CODE_MESSAGE],
      });
    }
  }
}
