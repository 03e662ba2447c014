import "server-only";
import { now } from "@/lib/env";
import type { ThrottlePolicy } from "@/lib/domain/sign-in-lockout";
import { db } from "../db";

export type ThrottleKey = `account:${string}` | `address:${string}` | `second-factor:${string}`;
export type Reservation = { allowed: boolean; attempts: number; locked: boolean };

/**
 * Reserves one attempt on `key` in a single statement (the SQL form of reserveAttempt in
 * lib/domain/sign-in-lockout.ts): concurrent attempts queue on the row, each sees the count the one before it
 * left, and only those that get a slot within `maxAttempts` may check the secret.
 */
export async function reserveAttempt(key: ThrottleKey, policy: ThrottlePolicy, at = now()): Promise<Reservation> {
  const fresh = `(t.locked_until IS NOT NULL AND t.locked_until <= $2::timestamptz)
    OR (t.locked_until IS NULL AND $5::int IS NOT NULL AND t.window_started_at + $5::int * interval '1 minute' <= $2::timestamptz)`;
  const next = `CASE WHEN ${fresh} THEN 1 ELSE t.attempts + 1 END`;
  const rows = await db.$queryRawUnsafe<{ attempts: number; locked_until: Date | null }[]>(
    `INSERT INTO sign_in_throttle AS t (key, attempts, window_started_at, locked_until, updated_at)
     VALUES ($1::text, 1, $2::timestamptz, CASE WHEN 1 >= $3::int THEN $2::timestamptz + $4::int * interval '1 minute' END, $2::timestamptz)
     ON CONFLICT (key) DO UPDATE SET
       attempts = ${next},
       window_started_at = CASE WHEN ${fresh} THEN $2::timestamptz ELSE t.window_started_at END,
       locked_until = CASE
         WHEN NOT (${fresh}) AND t.locked_until > $2::timestamptz THEN t.locked_until
         WHEN ${next} >= $3::int THEN $2::timestamptz + $4::int * interval '1 minute'
       END,
       updated_at = $2::timestamptz
     RETURNING attempts, locked_until`,
    key,
    at,
    policy.maxAttempts,
    policy.lockMinutes,
    policy.windowMinutes,
  );
  const row = rows[0]!;
  return {
    allowed: row.attempts <= policy.maxAttempts,
    attempts: row.attempts,
    locked: row.locked_until !== null && row.locked_until.getTime() > at.getTime(),
  };
}

/** After a success on an account or second-factor key: the count starts again. */
export async function clearAttempts(key: ThrottleKey): Promise<void> {
  await db.$executeRawUnsafe("DELETE FROM sign_in_throttle WHERE key = $1", key);
}

/** After a success on a client address: its reserved slot is given back, so only failures count against it. */
export async function releaseAttempt(key: ThrottleKey, policy: ThrottlePolicy): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE sign_in_throttle SET attempts = greatest(attempts - 1, 0),
       locked_until = CASE WHEN attempts - 1 >= $2::int THEN locked_until END
     WHERE key = $1`,
    key,
    policy.maxAttempts,
  );
}
