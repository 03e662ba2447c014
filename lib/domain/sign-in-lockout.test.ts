import { describe, expect, it } from "vitest";
import { afterFailure, isLocked, LOCKOUT_MINUTES } from "./sign-in-lockout";

const now = new Date("2026-11-27T10:00:00Z");

describe("sign-in lockout", () => {
  it("locks on the fifth failure in a row, not the fourth", () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 1; i <= 4; i++) {
      state = afterFailure(state, now);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailure(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(state.lockedUntil?.toISOString()).toBe("2026-11-27T10:15:00.000Z");
  });
  it("unlocks after 15 minutes", () => {
    const locked = { failures: 5, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
    expect(isLocked(locked, new Date(now.getTime() + 14 * 60_000 + 59_000))).toBe(true);
    expect(isLocked(locked, new Date(now.getTime() + 15 * 60_000))).toBe(false);
  });
  it("starts counting again after a lock runs out", () => {
    const expired = { failures: 5, lockedUntil: now };
    expect(afterFailure(expired, now)).toEqual({ failures: 1, lockedUntil: null });
  });
});
