import "server-only";
import { judgePassword } from "@/lib/domain/password-strength";
import { ACCOUNT_POLICY, LOCKOUT_MINUTES } from "@/lib/domain/sign-in-lockout";
import type { ChangePasswordInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { hashPassword, verifyPassword } from "../passwords";
import { clearAttempts, reserveAttempt } from "./attempt-throttle";

const TOO_MANY_TRIES = `Too many wrong passwords: your account is locked for ${LOCKOUT_MINUTES} minutes. Try again later.`;

/**
 * Changes the actor's own password. The current password is checked under the sign-in lock (ADR 020), so this form
 * is no way round it; the new one must pass the strength estimator (lib/domain/password-strength.ts). Returns the
 * updated user (other sessions are ended, and the trigger revokes their API tokens).
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput) {
  const user = await db.appUser.findUniqueOrThrow({ where: { id: actor.id } });
  const key = `account:${user.email}` as const;
  const slot = await reserveAttempt(key, ACCOUNT_POLICY);
  if (!slot.allowed) throw new ValidationError({ currentPassword: [TOO_MANY_TRIES] });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit(actor, { action: "user.change_password_failed", entityType: "user", entityId: actor.id });
    throw new ValidationError({
      currentPassword: [slot.locked ? TOO_MANY_TRIES : "Your current password is incorrect"],
    });
  }
  await clearAttempts(key);
  const strength = judgePassword(input.newPassword, {
    email: user.email,
    name: user.name,
    authority: actor.authorityName,
  });
  if (!strength.ok) throw new ValidationError({ newPassword: [strength.message] });
  if (input.newPassword.toLowerCase().includes(user.email.split("@")[0]!.toLowerCase())) {
    throw new ValidationError({ newPassword: ["Your new password must not contain your email name"] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.appUser.update({
      where: { id: actor.id },
      data: {
        passwordHash,
        mustChangePassword: false,
        oneTimePasswordExpiresAt: null,
        sessionVersion: { increment: 1 },
      },
    });
    await audit(actor, { action: "user.change_password", entityType: "user", entityId: actor.id }, tx);
    return updated;
  });
}
