import "server-only";
import type { NextAuthOptions } from "next-auth";
import { authSecret, env, secureCookies } from "@/lib/env";
import { IDLE_TIMEOUT_MINUTES, withinSessionLifetime } from "@/lib/domain/sign-in-lockout";

export const SESSION_COOKIE = () => (secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token");

/**
 * next-auth keeps the session in a signed, encrypted JWT cookie that lasts IDLE_TIMEOUT_MINUTES and is renewed
 * on activity (GET /api/auth/session, called by the timeout warning on each page). Sign-in itself is our server
 * action (lib/server/users/authenticate.ts + app/sign-in/actions.ts), which works without JavaScript; it issues
 * the same cookie with next-auth's encoder. See docs/decisions/004-sessions-and-sign-in.md.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_MINUTES * 60, updateAge: 0 },
    jwt: { maxAge: IDLE_TIMEOUT_MINUTES * 60 },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: [],
    callbacks: {
      // Past its absolute lifetime a session names no user (so the timeout warning's renewal sends them to sign in).
      session: ({ session, token }) =>
        withinSessionLifetime(token.authAt, Date.now(), env().FAST_TRACK_SESSION_MAX_HOURS)
          ? { ...session, uid: token.sub, sv: token.sv, sid: token.sid }
          : { ...session, uid: undefined },
    },
  };
}

declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
    sid?: string;
    /** When the user signed in (Unix seconds, real time): the session's absolute lifetime runs from it. */
    authAt?: number;
  }
}
