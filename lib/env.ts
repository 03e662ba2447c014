// The only reader of process.env. Validated with zod; scripts/start.ts calls loadEnv() before anything
// starts, so a bad environment fails at start with a message naming the variable.
import { createHash } from "node:crypto";
import { londonDate } from "./domain/dates";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** The migration role (owner of the schema), when DATABASE_URL is the app's runtime role (ADR 031). */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Encrypts the TOTP secrets at rest: 32 random bytes, base64 or base64url. Generated into .env when unset. */
  FAST_TRACK_MFA_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, "base64").length === 32,
      "must be 32 random bytes in base64 (openssl rand -base64 32)",
    )
    .optional(),
  /** Address `next start` listens on: 127.0.0.1 (this machine only) by default; 0.0.0.0 in a container. */
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Port of the embedded PostgreSQL that npm start runs when DATABASE_URL is unset: chosen on first start (54329
   * when free) and saved in .env (scripts/lib/embedded-port.ts). */
  FAST_TRACK_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  FAST_TRACK_PG_PASSWORD: z.string().min(16).optional(),
  /** Password of the embedded database's app role, fasttrack_app (generated into .env on first run). */
  FAST_TRACK_PG_APP_PASSWORD: z.string().min(16).optional(),
  /** `1` starts with an empty database (same as `npm start -- --no-demo`). */
  FAST_TRACK_NO_DEMO: z.enum(["0", "1"]).default("0"),
  /** When the daily job runs (5-field cron, Europe/London time): by default every day at 06:00. */
  FAST_TRACK_DAILY_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'must be a 5-field cron expression such as "0 6 * * *"')
    .default("0 6 * * *"),
  /** However active, a session ends this many hours after sign-in (default 10). */
  FAST_TRACK_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(10),
  /** Reverse proxies in front of the app that append the client's address to X-Forwarded-For (0: none). The
   * address sign-in throttling counts is the entry the nearest of them added. */
  FAST_TRACK_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Connections in each of a process's two database pools, Prisma's and the register store's (ADR 054). */
  FAST_TRACK_DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  FAST_TRACK_SHED_LAG_MS: z.coerce.number().int().min(100).max(60_000).optional(),
  /** Web server processes sharing the port (ADR 059): 1 by default; about one per core where the app has the
   * machine's cores to itself. Each has its own two database pools. */
  FAST_TRACK_WEB_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  /** The largest register the upload API accepts, in megabytes (default 200); a larger one gets 413. */
  FAST_TRACK_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Fixes "now" for tests and demos (ISO date or date-time). Never settable by users. */
  FAST_TRACK_CLOCK: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, "must be YYYY-MM-DD or an ISO date-time in UTC")
    .optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (npm start writes one to .env on first run)");
  return secret;
}

/** What proxy.ts puts in X-Fast-Track-Proxy so that the app can tell the headers it set (request id, path) from
 * ones a client sent on a route the proxy does not run on (the upload API). Derived from NEXTAUTH_SECRET. */
export function proxyMark(): string {
  proxyMarkCache ??= createHash("sha256").update(`${authSecret()}|proxy-mark`).digest("base64url");
  return proxyMarkCache;
}
let proxyMarkCache: string | undefined;

/** The key that encrypts TOTP secrets at rest (32 bytes). */
export function secondFactorKey(): Buffer {
  const key = env().FAST_TRACK_MFA_KEY;
  if (!key) throw new Error("FAST_TRACK_MFA_KEY is not set (npm start writes one to .env on first run)");
  return Buffer.from(key, "base64");
}

/** Cookies are Secure only when the service is served over https. */
export function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** The service's public origin (scheme, host and port of NEXTAUTH_URL), or null when it is not set. */
export function publicOrigin(): string | null {
  const url = env().NEXTAUTH_URL;
  return url ? new URL(url).origin : null;
}

/** Whether the app runs under `next dev` (its scripts need eval; the policy allows it only there). */
export function developmentMode(): boolean {
  return env().NODE_ENV === "development";
}

/** The upload API's body limit in bytes (FAST_TRACK_MAX_UPLOAD_MB). */
export function uploadLimitBytes(): number {
  return env().FAST_TRACK_MAX_UPLOAD_MB * 1024 * 1024;
}

/** Connections in each of a process's database pools (FAST_TRACK_DB_POOL_SIZE; lib/server/database-load.ts). */
export function databasePoolSize(): number {
  return env().FAST_TRACK_DB_POOL_SIZE;
}

/** The event loop's median delay (ms, over a second) at which the door sheds requests (FAST_TRACK_SHED_LAG_MS;
 * lib/server/database-load.ts), or null: unset, the door sheds on the pools' queues alone. */
export function shedLagMs(): number | null {
  return env().FAST_TRACK_SHED_LAG_MS ?? null;
}

/** The service's "now": real time, unless FAST_TRACK_CLOCK fixes it for a test or demo. */
export function now(): Date {
  const fixed = env().FAST_TRACK_CLOCK;
  if (!fixed) return new Date();
  return new Date(fixed.length === 10 ? `${fixed}T12:00:00Z` : fixed);
}

/** Today's date in England (Europe/London), as YYYY-MM-DD. */
export function today(): string {
  return londonDate(now());
}
