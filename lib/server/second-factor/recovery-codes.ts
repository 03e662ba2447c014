import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "../passwords";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten one-time recovery codes (4 groups of 4 unambiguous characters, about 79 bits each), with their hashes. */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(randomBytes(16), (b) => ALPHABET[b % ALPHABET.length]);
    return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
  });
  return { codes, hashes: await Promise.all(codes.map((c) => hashPassword(c))) };
}

/** Looks like a recovery code (rather than a 6-digit authenticator code). */
export function isRecoveryCodeShape(code: string): boolean {
  return /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code.trim());
}

/** The stored hash a typed recovery code matches, if any (argon2id, so each comparison is slow on purpose). */
export async function matchingRecoveryHash(hashes: string[], typed: string): Promise<string | null> {
  const compact = typed.trim().toLowerCase().replace(/-/g, "");
  const code = [0, 4, 8, 12].map((i) => compact.slice(i, i + 4)).join("-");
  for (const hash of hashes) if (await verifyPassword(hash, code)) return hash;
  return null;
}
