// Personal API tokens (docs/decisions/022-personal-api-tokens.md): each user creates their own, for a limited
// time, optionally read-only. The database holds the same limits (CHECK on api_token) and revokes a user's tokens
// when their password changes or they are disabled (trigger).

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_NAME_MAX = 100;

const DAY_MS = 86_400_000;

/** When a token made at `createdAt` to last `days` days stops working. */
export function tokenExpiry(createdAt: Date, days: number = TOKEN_DEFAULT_DAYS): Date {
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) {
    throw new RangeError(`A token lasts 1 to ${TOKEN_MAX_DAYS} days, not ${days}`);
  }
  return new Date(createdAt.getTime() + days * DAY_MS);
}

export type TokenState = { revokedAt: Date | null; expiresAt: Date };

/** A token works until it is revoked or expires. */
export function tokenIsLive(token: TokenState, now: Date): boolean {
  return token.revokedAt === null && token.expiresAt.getTime() > now.getTime();
}

/** A read-only token may only read (GET and HEAD); any other request is refused. */
export function tokenAllowsMethod(token: { readOnly: boolean }, method: string): boolean {
  return !token.readOnly || method === "GET" || method === "HEAD";
}
