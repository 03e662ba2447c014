import { describe, expect, it } from "vitest";
import { tokenAllowsMethod, tokenExpiry, tokenIsLive, TOKEN_MAX_DAYS } from "./api-tokens";

const created = new Date("2026-11-20T12:00:00Z");

describe("API tokens", () => {
  it("last 90 days by default and at most 365", () => {
    expect(tokenExpiry(created).toISOString()).toBe("2027-02-18T12:00:00.000Z");
    expect(tokenExpiry(created, TOKEN_MAX_DAYS).toISOString()).toBe("2027-11-20T12:00:00.000Z");
    for (const days of [0, -1, 366, 1.5]) expect(() => tokenExpiry(created, days)).toThrow(RangeError);
  });

  it("work until revoked or expired", () => {
    const expiresAt = tokenExpiry(created, 1);
    expect(tokenIsLive({ revokedAt: null, expiresAt }, created)).toBe(true);
    expect(tokenIsLive({ revokedAt: null, expiresAt }, expiresAt)).toBe(false);
    expect(tokenIsLive({ revokedAt: created, expiresAt }, created)).toBe(false);
  });

  it("read-only tokens may only read", () => {
    expect(tokenAllowsMethod({ readOnly: true }, "GET")).toBe(true);
    expect(tokenAllowsMethod({ readOnly: true }, "HEAD")).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(tokenAllowsMethod({ readOnly: true }, method)).toBe(false);
      expect(tokenAllowsMethod({ readOnly: false }, method)).toBe(true);
    }
  });
});
