import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secondFactorKey } from "@/lib/env";

// TOTP secrets at rest: AES-256-GCM with FAST_TRACK_MFA_KEY, as "v1.<iv>.<tag>.<ciphertext>" (base64url). The
// key lives in the environment, never in the database, so a copy of the database alone cannot make codes.

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secondFactorKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Not a sealed TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", secondFactorKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
