import "server-only";
import { demoAccess } from "@/lib/domain/demo-data";
import { ACCOUNT_POLICY, ADDRESS_POLICY, passwordStillValid } from "@/lib/domain/sign-in-lockout";
import { now } from "@/lib/env";
import type { SignInInput } from "@/lib/schemas/auth";
import { audit } from "../audit";
import { db } from "../db";
import { burnVerifyTime, verifyPassword } from "../passwords";
import { clearAttempts, releaseAttempt, reserveAttempt } from "./attempt-throttle";
import { demoMarker } from "./demo-marker";

export type AuthenticatedUser = {
  id: string;
  authorityId: string;
  name: string;
  email: string;
  sessionVersion: number;
  mustChangePassword: boolean;
  demo: boolean;
  totpEnrolledAt: Date | null;
};
export type AuthenticateResult =
  { ok: true; user: AuthenticatedUser } | { ok: false; reason: "invalid" | "locked" | "address_locked" };

/** Where the attempt comes from (lib/server/client-address.ts); null when unknown (command line, tests). */
export type SignInContext = { clientAddress?: string | null };

/**
 * Checks an email and password. Each attempt first reserves a slot, per client address and per address typed
 * (known or not), in one atomic statement each: five failures in a row lock the typed address for 15 minutes and
 * 100 failures in 15 minutes lock the client address, and a refused attempt never checks the password, so a
 * burst of parallel guesses gets at most five checks. Unknown and known addresses get the same answers, so
 * neither is revealed. A demo user is refused on a database not created as a demo (lib/domain/demo-data.ts).
 */
export async function authenticate(
  { email, password }: SignInInput,
  { clientAddress = null }: SignInContext = {},
): Promise<AuthenticateResult> {
  const addressKey = clientAddress ? (`address:${clientAddress}` as const) : null;
  if (addressKey && !(await reserveAttempt(addressKey, ADDRESS_POLICY)).allowed) {
    await audit(
      { system: "sign-in" },
      { action: "auth.sign_in_refused", detail: { email, reason: "address_locked", clientAddress } },
    );
    return { ok: false, reason: "address_locked" };
  }
  const accountKey = `account:${email}` as const;
  const slot = await reserveAttempt(accountKey, ACCOUNT_POLICY);
  if (!slot.allowed) {
    await audit(
      { system: "sign-in" },
      { action: "auth.sign_in_refused", detail: { email, reason: "locked", clientAddress } },
    );
    return { ok: false, reason: "locked" };
  }

  const user = await db.appUser.findUnique({ where: { email } });
  let valid = false;
  if (user) valid = (await verifyPassword(user.passwordHash, password)) && !user.disabled;
  // A one-time password past its 72 hours gets the same answer as a wrong one (the administrator resets it).
  if (valid && !passwordStillValid(user!, now())) {
    valid = false;
    await audit(
      { id: user!.id, authorityId: user!.authorityId },
      {
        action: "auth.sign_in_refused",
        entityType: "user",
        entityId: user!.id,
        detail: { email, reason: "one_time_password_expired" },
      },
    );
  } else await burnVerifyTime(password);

  if (!valid) {
    // One row per password checked: the audit log shows how many guesses were verified.
    await audit(user ? { id: user.id, authorityId: user.authorityId } : { system: "sign-in" }, {
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id,
      detail: { email, locked: slot.locked, clientAddress },
    });
    return { ok: false, reason: slot.locked ? "locked" : "invalid" };
  }

  await clearAttempts(accountKey);
  if (addressKey) await releaseAttempt(addressKey, ADDRESS_POLICY);
  // Demo users (published password) are refused on any database not created as a demo, with the same answer as
  // a wrong password.
  if (user!.demo && !demoAccess(user!, await demoMarker()).maySignIn) {
    await audit(
      { id: user!.id, authorityId: user!.authorityId },
      {
        action: "auth.sign_in_refused",
        entityType: "user",
        entityId: user!.id,
        detail: { email, reason: "demo_account", clientAddress },
      },
    );
    return { ok: false, reason: "invalid" };
  }
  await audit(
    { id: user!.id, authorityId: user!.authorityId },
    { action: "auth.sign_in", entityType: "user", entityId: user!.id, detail: { clientAddress } },
  );
  return { ok: true, user: user! };
}
