import "server-only";
import { SECOND_FACTOR_POLICY } from "@/lib/domain/sign-in-lockout";
import { now } from "@/lib/env";
import { audit } from "../audit";
import { db } from "../db";
import { clearAttempts, reserveAttempt } from "../users/attempt-throttle";
import { newRecoveryCodes } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { matchTotp, newTotpSecret, qrCodeSvg, totpUri } from "./totp";

/** The secret being enrolled (made once and kept, encrypted, until enrolment completes), as a QR code and text. */
export async function beginEnrolment(userId: string) {
  const user = await db.appUser.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnrolledAt) throw new Error("This user has already set up their authenticator");
  let secret: string;
  if (user.totpPendingSecret) secret = openSecret(user.totpPendingSecret);
  else {
    secret = newTotpSecret();
    await db.appUser.update({ where: { id: userId }, data: { totpPendingSecret: sealSecret(secret) } });
  }
  const uri = totpUri(user.email, secret);
  return { secret, qrSvg: await qrCodeSvg(uri) };
}

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "invalid" | "locked" };

/** Completes enrolment with a code from the new authenticator: the secret becomes the user's, and they get ten
 * recovery codes, shown once (only their hashes are kept). Wrong codes are throttled like sign-in. */
export async function completeEnrolment(userId: string, code: string): Promise<EnrolmentResult> {
  const key = `second-factor:${userId}` as const;
  const slot = await reserveAttempt(key, SECOND_FACTOR_POLICY);
  if (!slot.allowed) return { ok: false, reason: "locked" };
  const user = await db.appUser.findUniqueOrThrow({ where: { id: userId } });
  const step =
    user.totpPendingSecret && !user.totpEnrolledAt
      ? await matchTotp(openSecret(user.totpPendingSecret), code.replace(/\s/g, ""), null)
      : null;
  if (step === null) {
    await audit(
      { id: user.id, authorityId: user.authorityId },
      { action: "auth.second_factor_failed", entityType: "user", entityId: user.id, detail: { enrolment: true } },
    );
    return { ok: false, reason: slot.locked ? "locked" : "invalid" };
  }
  const { codes, hashes } = await newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const { count } = await tx.appUser.updateMany({
      where: { id: userId, totpEnrolledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnrolledAt: now(),
        totpLastStep: BigInt(step),
        recoveryCodeHashes: hashes,
      },
    });
    if (count !== 1) throw new Error("Enrolment changed while it was being completed");
    await audit(
      { id: user.id, authorityId: user.authorityId },
      { action: "auth.second_factor_enrolled", entityType: "user", entityId: user.id },
      tx,
    );
  });
  await clearAttempts(key);
  return { ok: true, recoveryCodes: codes };
}
