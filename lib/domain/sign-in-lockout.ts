// Account lockout: five wrong passwords in a row lock the address typed for 15 minutes.
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_TIMEOUT_MINUTES = 30;

export type ThrottleState = { failures: number; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();
}

/** The throttle after one more wrong password. A lock that has run out starts the count again. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const expired = state?.lockedUntil != null && state.lockedUntil.getTime() <= now.getTime();
  const failures = (expired || !state ? 0 : state.failures) + 1;
  if (failures >= MAX_FAILED_SIGN_INS) {
    return { failures, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  }
  return { failures, lockedUntil: null };
}
