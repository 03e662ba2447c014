import "server-only";
import { SECOND_FACTOR_POLICY } from "@/lib/domain/sign-in-lockout";
import { audit } from "../audit";
import { db } from "../db";
import { clearAttempts, reserveAttempt } from "../users/attempt-throttle";
import { isRecoveryCodeShape, matchingRecoveryHash } from "./recovery-codes";
import { openSecret } from "./secret-box";
import { matchTotp } from "./totp";

export type SecondFactorResult =
  | { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft: number }
  | { ok: false; reason: "invalid" | "locked" };

/**
 * The second step of signing in (and of confirming a sensitive action): a code from the user's authenticator app,
 * or one of their recovery codes, which is then used up. Throttled like the password (five wrong codes in a row
 * lock it for 15 minutes, reserved before checking). A TOTP code is accepted once only: its time step must be
 * later than the last one accepted, which one UPDATE records, so two requests with the same code cannot both pass.
 */
export async function verifySecondFactor(userId: string, code: string): Promise<SecondFactorResult> {
  const key = `second-factor:${userId}` as const;
  const slot = await reserveAttempt(key, SECOND_FACTOR_POLICY);
  if (!slot.allowed) return { ok: false, reason: "locked" };
  const user = await db.appUser.findUniqueOrThrow({ where: { id: userId } });
  const typed = code.trim();
  const hashes = user.recoveryCodeHashes as string[];
  let method: "totp" | "recovery_code" | null = null;
  if (user.totpSecret && /^\d{6}$/.test(typed.replace(/\s/g, ""))) {
    const step = await matchTotp(openSecret(user.totpSecret), typed.replace(/\s/g, ""), null);
    if (step !== null) {
      const accepted = await db.$executeRawUnsafe(
        "UPDATE app_user SET totp_last_step = $2 WHERE id = $1::uuid AND (totp_last_step IS NULL OR totp_last_step < $2)",
        userId,
        step,
      );
      if (accepted === 1) method = "totp";
    }
  } else if (user.totpSecret && isRecoveryCodeShape(typed)) {
    const hash = await matchingRecoveryHash(hashes, typed);
    if (hash) {
      const used = await db.$executeRawUnsafe(
        "UPDATE app_user SET recovery_code_hashes = recovery_code_hashes - $2::text WHERE id = $1::uuid AND recovery_code_hashes ? $2::text",
        userId,
        hash,
      );
      if (used === 1) method = "recovery_code";
    }
  }
  const who = { id: user.id, authorityId: user.authorityId };
  if (!method) {
    await audit(who, { action: "auth.second_factor_failed", entityType: "user", entityId: user.id });
    return { ok: false, reason: slot.locked ? "locked" : "invalid" };
  }
  await clearAttempts(key);
  const left = method === "recovery_code" ? hashes.length - 1 : hashes.length;
  await audit(who, { action: "auth.second_factor", entityType: "user", entityId: user.id, detail: { method } });
  return { ok: true, method, recoveryCodesLeft: left };
}
