import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { authSecret, secureCookies } from "@/lib/env";
import { db } from "./db";
import type { SecondFactorStep } from "./second-factor/second-factor-step";

// Between the password and the second factor the user holds only this short-lived cookie, never a session. It is
// encrypted with a key derived from a different secret than the session cookie's, so it can never be read as one.
const MAX_AGE_SECONDS = 10 * 60;
const cookieName = () => (secureCookies() ? "__Secure-ft.pending-sign-in" : "ft.pending-sign-in");
const secret = () => `${authSecret()}|pending-second-factor`;

export async function startPendingSignIn(
  user: { id: string; sessionVersion: number },
  step: Exclude<SecondFactorStep, "none">,
) {
  const token = await encode({
    token: { sub: user.id, sv: user.sessionVersion, step },
    secret: secret(),
    maxAge: MAX_AGE_SECONDS,
  });
  (await cookies()).set(cookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/sign-in",
    secure: secureCookies(),
    maxAge: MAX_AGE_SECONDS,
  });
}

/** The user part-way through signing in, and what they must do next; null if there is none (or it ran out). */
export async function readPendingSignIn() {
  const raw = (await cookies()).get(cookieName())?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: secret() }).catch(() => null);
  if (!token?.sub || (token.step !== "verify" && token.step !== "enrol")) return null;
  const user = await db.appUser.findUnique({ where: { id: token.sub } });
  if (!user || user.disabled || user.sessionVersion !== token.sv) return null;
  return { user, step: token.step as Exclude<SecondFactorStep, "none"> };
}

export async function clearPendingSignIn(): Promise<void> {
  (await cookies()).set(cookieName(), "", { path: "/sign-in", maxAge: 0, httpOnly: true, secure: secureCookies() });
}

// The recovery codes made at enrolment travel to the page that shows them in their own short-lived encrypted
// cookie (never in a URL, never stored in the clear), which that page's Continue button deletes.
const codesCookie = () => (secureCookies() ? "__Secure-ft.recovery-codes" : "ft.recovery-codes");
const codesSecret = () => `${authSecret()}|recovery-codes`;
const CODES_PATH = "/sign-in/recovery-codes";

export async function holdRecoveryCodes(userId: string, codes: string[]): Promise<void> {
  const token = await encode({ token: { sub: userId, codes }, secret: codesSecret(), maxAge: 5 * 60 });
  (await cookies()).set(codesCookie(), token, {
    httpOnly: true,
    sameSite: "strict",
    path: CODES_PATH,
    secure: secureCookies(),
    maxAge: 5 * 60,
  });
}

export async function readHeldRecoveryCodes(userId: string): Promise<string[] | null> {
  const raw = (await cookies()).get(codesCookie())?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: codesSecret() }).catch(() => null);
  return token?.sub === userId && Array.isArray(token.codes) ? (token.codes as string[]) : null;
}

export async function forgetRecoveryCodes(): Promise<void> {
  (await cookies()).set(codesCookie(), "", { path: CODES_PATH, maxAge: 0, httpOnly: true, secure: secureCookies() });
}
