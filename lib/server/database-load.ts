// The database pools' sizes, in one place, and what the service does when they are exhausted or the process's
// CPU is (ADR 054 and its addendum). Each
// process (the web server, the worker, a script) has two pools: Prisma's (lib/server/db.ts) and the register
// store's `pg` pool (lib/server/pg.ts), each of FAST_TRACK_DB_POOL_SIZE connections. A request that finds its pool
// busy waits in the pool's queue (at most the connection timeout, pool-options.ts). When a pool's queue is already
// slow (its oldest waiting request has waited 2 s), proxy.ts sheds each new request at the door with a 503 and
// Retry-After, before it renders anything or joins the queue, rather than letting it wait until the pool gives up and
// the page fails with a 500. A request
// already admitted whose wait still runs out gets a 503 too where the service can answer with a status (the API,
// apiRoute), and the busy message where it cannot (a form). The second signal, where FAST_TRACK_SHED_LAG_MS sets it,
// is the event loop's lag: when the process's CPU is the limit (every request's JavaScript waits its turn), the
// pools' queues stay short while every page waits; the door then sheds too. It is off unless set: on a machine
// shared with other work the loop lags because others take the CPU, which no shedding of ours relieves. No `server-only` and no `pg` at run time here: the proxy imports this module,
// and it reads the pools through globalThis, as the app registers them.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type pg from "pg";
import { databasePoolSize, shedLagMs } from "@/lib/env";
import { logger } from "./log";

/** Seconds a shed request is told to wait before it tries again (the Retry-After header). */
export const BUSY_RETRY_AFTER_SECONDS = 5;
/** A request is shed while the oldest request waiting for a connection in any pool has waited this long: two fifths
 * of the connection timeout (5 s, pool-options.ts), so that a request admitted still gets its connection in time. */
export const SHED_AFTER_WAIT_MS = 2_000;

export const BUSY_MESSAGE = "The service is busy. Try again in a few seconds.";

/** How often the event loop's delay is sampled (and its histogram started afresh). */
const LAG_WINDOW_MS = 1_000;

type PoolName = "prisma" | "store";
/** What the door reads of node:perf_hooks' event loop delay histogram (values in nanoseconds). */
type DelayHistogram = { count: number; percentile(p: number): number; reset(): void };
type Watched = { pool: pg.Pool; waitingSince: Map<number, number> };

const holder = globalThis as unknown as {
  fastTrackPools?: Map<PoolName, Watched>;
  fastTrackPoolWaits?: number;
  fastTrackShed?: { count: number; loggedAt: number };
  fastTrackLag?: { ms: number; started: boolean };
};

/** The number of connections each of the process's pools may open (FAST_TRACK_DB_POOL_SIZE, default 10). */
export function poolSize(): number {
  return databasePoolSize();
}

/**
 * Records a pool so that the door (proxy.ts) can see how long its queue's oldest request has waited: every request
 * for a connection (`pool.connect`, which `pool.query` and Prisma's adapter use too) is timed from when it asks
 * until it gets one or gives up. A pool made again replaces the old one.
 *
 * It also listens for the pool's `error` event: pg emits it when the server ends a connection that sits idle in the
 * pool (a restart, a failover, an administrator's pg_terminate_backend), and an emitter with no `error` listener
 * throws, which would kill the web server or the worker. The pool has already dropped that connection; the next
 * request opens a new one. So the error is logged and nothing else is done.
 */
export function registerPool(name: PoolName, pool: pg.Pool): void {
  pool.on("error", (err: Error & { code?: string }) =>
    // The error's own fields only: pg's error carries its whole client, which is not for a log line.
    logger.warn(
      { pool: name, code: err.code, error: err.message },
      "An idle database connection was ended by the server",
    ),
  );
  const waitingSince = new Map<number, number>();
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => unknown;
  pool.connect = ((callback?: (...args: unknown[]) => void) => {
    holder.fastTrackPoolWaits = (holder.fastTrackPoolWaits ?? 0) + 1;
    const id = holder.fastTrackPoolWaits;
    waitingSince.set(id, Date.now());
    if (callback)
      return connect((...args: unknown[]) => {
        waitingSince.delete(id);
        callback(...args);
      });
    return (connect() as Promise<pg.PoolClient>).finally(() => waitingSince.delete(id));
  }) as pg.Pool["connect"];
  holder.fastTrackPools ??= new Map();
  holder.fastTrackPools.set(name, { pool, waitingSince });
}

/** The pool registered under `name` (for tests and diagnostics). */
export function registeredPool(name: PoolName): pg.Pool | undefined {
  return holder.fastTrackPools?.get(name)?.pool;
}

/** How long the oldest request still waiting for one of the pool's connections has waited, in ms (0: none waits). */
export function oldestWait(name: PoolName, now = Date.now()): number {
  const watched = holder.fastTrackPools?.get(name);
  // A Map iterates in insertion order, so its first entry is the request that has waited longest.
  const first = watched?.waitingSince.values().next();
  return first && !first.done ? now - first.value : 0;
}

/** The pools whose oldest waiting request has waited SHED_AFTER_WAIT_MS or more: empty when the service has room. */
export function busyPools(now = Date.now()): PoolName[] {
  return [...(holder.fastTrackPools?.keys() ?? [])].filter((name) => oldestWait(name, now) >= SHED_AFTER_WAIT_MS);
}

/**
 * The event loop's median delay over the last second, in ms (0 until a second has been sampled). The first call
 * starts the monitor (node:perf_hooks' monitorEventLoopDelay, sampled each second by an unref'd timer): in the
 * web server the door's first request does, so scripts and the worker never run it.
 */
export function eventLoopLag(): number {
  const lag = (holder.fastTrackLag ??= { ms: 0, started: false });
  if (!lag.started) {
    lag.started = true;
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    setInterval(() => sampleEventLoopLag(histogram), LAG_WINDOW_MS).unref();
  }
  return lag.ms;
}

/** Takes one window's sample from the histogram, as the median delay in ms, and starts the next window: the
 * monitor's timer calls it each second (and a test, with a histogram of its own, to move the measured value). The
 * median, not the mean or the maximum, so that one long task (a PDF, a garbage collection) does not shed a
 * second's requests; a window with no sample (the loop blocked throughout) keeps the last value. */
export function sampleEventLoopLag(histogram: DelayHistogram): number {
  const lag = (holder.fastTrackLag ??= { ms: 0, started: false });
  if (histogram.count > 0) lag.ms = histogram.percentile(50) / 1e6;
  histogram.reset();
  return lag.ms;
}

/**
 * Why the door sheds now, or null while the service has room: a pool's queue has waited too long (busyPools), or,
 * where a limit is set (FAST_TRACK_SHED_LAG_MS, e.g. 500: a page's own work is tens of ms, so a median turn of the
 * loop that long means a request admitted now waits seconds behind the others), the event loop lags that much.
 */
export function shedReason(
  now = Date.now(),
  lagLimitMs: number | null = shedLagMs(),
): { pools: PoolName[]; eventLoopLagMs: number | null } | null {
  const pools = busyPools(now);
  const eventLoopLagMs = lagLimitMs === null ? null : Math.round(eventLoopLag());
  const lagging = lagLimitMs !== null && eventLoopLagMs !== null && eventLoopLagMs >= lagLimitMs;
  return pools.length > 0 || lagging ? { pools, eventLoopLagMs } : null;
}

/** Counts a request shed; returns how many were shed since the last time it returned a count, once a second at
 * most (null otherwise), so that an overload is logged without a line per request. */
export function countShed(now = Date.now()): number | null {
  const state = (holder.fastTrackShed ??= { count: 0, loggedAt: 0 });
  state.count++;
  if (now - state.loggedAt < 1_000) return null;
  const count = state.count;
  state.count = 0;
  state.loggedAt = now;
  return count;
}

/** The answer to a request shed, or whose wait for a connection ran out: 503 with Retry-After. */
export function busyResponse(): Response {
  return new Response(`${BUSY_MESSAGE}\n`, {
    status: 503,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(BUSY_RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

/** pg-pool's error when a request waited its whole connection timeout for a connection (the pool was exhausted, or
 * the database did not answer), as `pg` throws it and as Prisma's adapter passes it on. */
export function isPoolWaitTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message.includes("timeout exceeded when trying to connect")) return true;
  }
  return false;
}
