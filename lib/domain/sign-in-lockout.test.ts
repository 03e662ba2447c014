import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  isLocked,
  LOCKOUT_MINUTES,
  reserveAttempt,
  oneTimePasswordExpiry,
  passwordStillValid,
  SESSION_MAX_HOURS,
  withinSessionLifetime,
  type ThrottleState,
} from "./sign-in-lockout";

const now = new Date("2026-11-27T10:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

function attempts(n: number, policy = ACCOUNT_POLICY, at = now) {
  let state: ThrottleState | null = null;
  const allowed: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const next = reserveAttempt(state, at, policy);
    state = next.state;
    allowed.push(next.allowed);
  }
  return { state: state!, allowed };
}

describe("sign-in lockout", () => {
  it("lets five attempts check the password, the fifth setting the lock, and refuses the rest", () => {
    const { state, allowed } = attempts(50);
    expect(allowed.filter(Boolean)).toHaveLength(5);
    expect(allowed.slice(0, 5).every(Boolean)).toBe(true);
    expect(isLocked(state, now)).toBe(true);
    expect(state.lockedUntil?.toISOString()).toBe("2026-11-27T10:15:00.000Z");
    expect(isLocked(attempts(4).state, now)).toBe(false);
  });

  it("stays locked for 15 minutes, then starts counting again", () => {
    const { state } = attempts(5);
    expect(reserveAttempt(state, later(14 * 60_000 + 59_000), ACCOUNT_POLICY).allowed).toBe(false);
    const after = reserveAttempt(state, later(LOCKOUT_MINUTES * 60_000), ACCOUNT_POLICY);
    expect(after).toEqual({
      allowed: true,
      state: { attempts: 1, windowStartedAt: later(LOCKOUT_MINUTES * 60_000), lockedUntil: null },
    });
  });

  it("keeps a lock's end when attempts go on during it (they cannot extend or shorten it)", () => {
    const { state } = attempts(5);
    const during = reserveAttempt(state, later(60_000), ACCOUNT_POLICY).state;
    expect(during.lockedUntil).toEqual(state.lockedUntil);
    expect(during.attempts).toBe(6);
  });

  it("counts a client address's failures in a 15-minute window", () => {
    const { state, allowed } = attempts(ADDRESS_POLICY.maxAttempts + 1, ADDRESS_POLICY);
    expect(allowed.at(-1)).toBe(false);
    expect(isLocked(state, now)).toBe(true);
    const unlocked = attempts(ADDRESS_POLICY.maxAttempts - 1, ADDRESS_POLICY).state;
    expect(reserveAttempt(unlocked, later(15 * 60_000), ADDRESS_POLICY).state.attempts).toBe(1);
    expect(reserveAttempt(unlocked, later(14 * 60_000), ADDRESS_POLICY).state.attempts).toBe(
      ADDRESS_POLICY.maxAttempts,
    );
  });
});

describe("session lifetime", () => {
  it("ends a session 10 hours after sign-in however active it is, and refuses one without a sign-in time", () => {
    const signedIn = now.getTime() / 1000;
    expect(withinSessionLifetime(signedIn, later(9 * 3600_000 + 59 * 60_000).getTime(), SESSION_MAX_HOURS)).toBe(true);
    expect(withinSessionLifetime(signedIn, later(10 * 3600_000).getTime(), SESSION_MAX_HOURS)).toBe(false);
    expect(withinSessionLifetime(undefined, now.getTime(), SESSION_MAX_HOURS)).toBe(false);
  });
});

describe("one-time passwords", () => {
  it("work for 72 hours; a user's own password has no expiry", () => {
    const expires = oneTimePasswordExpiry(now);
    expect(expires.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    const user = { mustChangePassword: true, oneTimePasswordExpiresAt: expires };
    expect(passwordStillValid(user, later(71 * 3600_000))).toBe(true);
    expect(passwordStillValid(user, expires)).toBe(false);
    expect(passwordStillValid({ mustChangePassword: true, oneTimePasswordExpiresAt: null }, now)).toBe(false);
    expect(passwordStillValid({ mustChangePassword: false, oneTimePasswordExpiresAt: null }, now)).toBe(true);
  });
});
