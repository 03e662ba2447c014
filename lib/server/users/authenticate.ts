import "server-only";
import { now } from "@/lib/env";
import { afterFailure, isLocked } from "@/lib/domain/sign-in-lockout";
import type { SignInInput } from "@/lib/schemas/auth";
import { audit } from "../audit";
import { db } from "../db";
import { burnVerifyTime, verifyPassword } from "../passwords";

export type AuthenticateResult =
  | { ok: true; user: { id: string; name: string; email: string; sessionVersion: number; mustChangePassword: boolean } }
  | { ok: false; reason: "invalid" | "locked" };

/**
 * Checks an email and password. Failures are counted per address typed (known or not), and five in a row lock
 * it for 15 minutes; the answer is the same for unknown and known addresses so it reveals neither.
 */
export async function authenticate({ email, password }: SignInInput): Promise<AuthenticateResult> {
  const at = now();
  const throttle = await db.signInThrottle.findUnique({ where: { email } });
  if (isLocked(throttle, at)) {
    await audit({ system: "sign-in" }, { action: "auth.sign_in_refused", detail: { email, reason: "locked" } });
    return { ok: false, reason: "locked" };
  }

  const user = await db.appUser.findUnique({ where: { email } });
  let valid = false;
  if (user) valid = (await verifyPassword(user.passwordHash, password)) && !user.disabled;
  else await burnVerifyTime(password);

  if (!valid) {
    const next = afterFailure(throttle, at);
    await db.signInThrottle.upsert({
      where: { email },
      create: { email, failures: next.failures, lockedUntil: next.lockedUntil, updatedAt: at },
      update: { failures: next.failures, lockedUntil: next.lockedUntil, updatedAt: at },
    });
    const locked = isLocked(next, at);
    await audit(user ? { id: user.id, authorityId: user.authorityId } : { system: "sign-in" }, {
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id,
      detail: { email, locked },
    });
    return { ok: false, reason: locked ? "locked" : "invalid" };
  }

  if (throttle) await db.signInThrottle.delete({ where: { email } });
  await audit(
    { id: user!.id, authorityId: user!.authorityId },
    { action: "auth.sign_in", entityType: "user", entityId: user!.id },
  );
  return { ok: true, user: user! };
}
