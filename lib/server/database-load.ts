// The database pools' sizes, in one place, and what the service does when they are exhausted (ADR 054). Each
// process (the web server, the worker, a script) has two pools: Prisma's (lib/server/db.ts) and the register
// store's `pg` pool (lib/server/pg.ts), each of FAST_TRACK_DB_POOL_SIZE connections. A request that finds its pool
// busy waits in the pool's queue (at most the connection timeout, pool-options.ts). When a pool's queue is already
// long, proxy.ts sheds the new request at the door with a 503 and Retry-After, before it renders anything or takes a
// place in the queue, rather than letting it wait until the pool gives up and the page fails with a 500. A request
// already admitted whose wait still runs out gets a 503 too where the service can answer with a status (the API,
// apiRoute), and the busy message where it cannot (a form). No `server-only` and no `pg` at run time here: the proxy
// imports this module, and it reads the pools through globalThis, as the app registers them.
import type pg from "pg";
import { databasePoolSize } from "@/lib/env";

/** Seconds a shed request is told to wait before it tries again (the Retry-After header). */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** A pool whose queue holds this many times its size is too busy for another request. */
const SHED_QUEUE_PER_CONNECTION = 2;

export const BUSY_MESSAGE = "The service is busy. Try again in a few seconds.";

type PoolName = "prisma" | "store";

const holder = globalThis as unknown as { fastTrackPools?: Map<PoolName, pg.Pool> };

/** The number of connections each of the process's pools may open (FAST_TRACK_DB_POOL_SIZE, default 10). */
export function poolSize(): number {
  return databasePoolSize();
}

/** Records a pool so that the door (proxy.ts) can see how busy it is. A pool made again replaces the old one. */
export function registerPool(name: PoolName, pool: pg.Pool): void {
  holder.fastTrackPools ??= new Map();
  holder.fastTrackPools.set(name, pool);
}

/** The pool registered under `name` (for tests and diagnostics). */
export function registeredPool(name: PoolName): pg.Pool | undefined {
  return holder.fastTrackPools?.get(name);
}

/** The pools whose queue of waiting requests has reached the shedding point: empty when the service has room. */
export function busyPools(): PoolName[] {
  const busy: PoolName[] = [];
  for (const [name, pool] of holder.fastTrackPools ?? []) {
    const size = pool.options.max ?? poolSize();
    if (pool.waitingCount >= SHED_QUEUE_PER_CONNECTION * size) busy.push(name);
  }
  return busy;
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
