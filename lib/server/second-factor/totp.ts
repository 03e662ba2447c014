import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/** A new TOTP secret (160 bits, base32), as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: "Fast Track", label: email, secret });
}

/** The QR code as SVG markup, drawn on the server (no script, nothing fetched). */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/**
 * Checks a 6-digit code against the secret, allowing one 30-second step either side for clock drift, and only
 * for a time step after `afterStep` (a code is never accepted twice). Returns the step it matched, or null.
 */
export async function matchTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  if (!result.valid) return null;
  // The TOTP strategy reports the step it matched; the shared result type does not say so.
  return (result as { timeStep?: number }).timeStep ?? null;
}
