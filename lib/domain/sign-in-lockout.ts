// Throttling of password and second-factor guesses. Every attempt first reserves a slot (one atomic statement in
// lib/server/users/attempt-throttle.ts, which this file models); only an attempt that got a slot may check the
// password or code. So however many attempts arrive at once, at most `maxAttempts` secrets are checked before
// the lock.
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_TIMEOUT_MINUTES = 30;
/** However active, a session ends this long after its sign-in (FAST_TRACK_SESSION_MAX_HOURS overrides it). */
export const SESSION_MAX_HOURS = 10;

/** Whether a session whose sign-in was at `authAtSeconds` (Unix seconds) may still be used at `nowMs`. A session
 * without the time is not. */
export function withinSessionLifetime(authAtSeconds: number | undefined, nowMs: number, maxHours: number): boolean {
  return typeof authAtSeconds === "number" && nowMs < (authAtSeconds + maxHours * 3600) * 1000;
}

export type ThrottlePolicy = {
  /** Attempts that may be checked before the key locks; the attempt that reaches it sets the lock. */
  maxAttempts: number;
  lockMinutes: number;
  /** Counts start again after this long without a lock (null: only a success or an ended lock resets). */
  windowMinutes: number | null;
};

/** Five wrong passwords in a row lock the address typed, known or not, for 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  maxAttempts: MAX_FAILED_SIGN_INS,
  lockMinutes: LOCKOUT_MINUTES,
  windowMinutes: null,
};
/** Five wrong authenticator or recovery codes in a row lock the second step for 15 minutes. */
export const SECOND_FACTOR_POLICY: ThrottlePolicy = ACCOUNT_POLICY;
/** One client address (password spraying across many accounts): 100 failures in 15 minutes lock it for 15. */
export const ADDRESS_POLICY: ThrottlePolicy = { maxAttempts: 100, lockMinutes: 15, windowMinutes: 15 };

export type ThrottleState = { attempts: number; windowStartedAt: Date; lockedUntil: Date | null };

const minutes = (n: number) => n * 60_000;

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * One more attempt on a key: its new state, and whether it may check the secret. A lock that has run out, or a
 * window that has passed without a lock, starts the count again.
 */
export function reserveAttempt(
  state: ThrottleState | null,
  now: Date,
  policy: ThrottlePolicy,
): { state: ThrottleState; allowed: boolean } {
  const lockEnded = state?.lockedUntil != null && state.lockedUntil.getTime() <= now.getTime();
  const windowPassed =
    state != null &&
    state.lockedUntil == null &&
    policy.windowMinutes != null &&
    state.windowStartedAt.getTime() + minutes(policy.windowMinutes) <= now.getTime();
  const fresh = state == null || lockEnded || windowPassed;
  const attempts = fresh ? 1 : state.attempts + 1;
  const lockedUntil =
    !fresh && isLocked(state, now)
      ? state.lockedUntil
      : attempts >= policy.maxAttempts
        ? new Date(now.getTime() + minutes(policy.lockMinutes))
        : null;
  return {
    state: { attempts, windowStartedAt: fresh ? now : state.windowStartedAt, lockedUntil },
    allowed: attempts <= policy.maxAttempts,
  };
}

/** A one-time password (new user, administrator's reset) works for 72 hours. */
export const ONE_TIME_PASSWORD_HOURS = 72;

export function oneTimePasswordExpiry(madeAt: Date): Date {
  return new Date(madeAt.getTime() + ONE_TIME_PASSWORD_HOURS * 3600_000);
}

/** Whether a user may sign in with their password as it stands: a one-time password only until it expires. */
export function passwordStillValid(
  user: { mustChangePassword: boolean; oneTimePasswordExpiresAt: Date | null },
  now: Date,
) {
  return !user.mustChangePassword || (user.oneTimePasswordExpiresAt !== null && user.oneTimePasswordExpiresAt > now);
}
