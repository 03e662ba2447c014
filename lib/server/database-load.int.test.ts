// The pools sized in one place, and what happens when they are exhausted (ADR 054): a request is shed at the door
// with 503 and Retry-After while a pool's oldest waiting request has waited 2 s; an API request whose wait for a
// connection runs out gets the same 503, a form the busy message. Nothing here is timed: the waits' age is moved on
// by setting the clock (Date only; the pools' own timers run as they are), and the only real wait is one pool
// timeout.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { makeApiToken, makeAuthority, makeUser } from "@/prisma/factories";
import { testDb } from "@/tests/db";
import { proxy } from "@/proxy";
import { runAction } from "./action";
import { hashApiToken } from "./actor";
import { apiRoute } from "./api";
import {
  BUSY_MESSAGE,
  BUSY_RETRY_AFTER_SECONDS,
  busyPools,
  isPoolWaitTimeout,
  oldestWait,
  sampleEventLoopLag,
  SHED_AFTER_WAIT_MS,
  shedReason,
  poolSize,
  registeredPool,
  registerPool,
} from "./database-load";
import { db } from "./db";
import { pgPool } from "./pg";

let token: string;

beforeAll(async () => {
  const authority = await makeAuthority(testDb);
  const user = await makeUser(testDb, { authority, role: "manager" });
  token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, user, hashApiToken(token));
  // The app's two pools, made as the app makes them.
  await db.authority.count();
  await pgPool().query("SELECT 1");
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  registerPool("store", pgPool());
});

/** Moves the clock (Date only) on by `ms`, as if the requests waiting now had waited that long. */
function later(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
}

const page = (path: string) => new NextRequest(`http://127.0.0.1${path}`);

/** One second's event loop delays as node:perf_hooks records them (ns): a median of `medianMs`, and one long task
 * of `longestMs`; `count` samples. */
function delays(medianMs: number, longestMs = medianMs, count = 80) {
  return {
    count,
    percentile: (p: number) => (p >= 100 ? longestMs : medianMs) * 1e6,
    reset: vi.fn(),
  };
}
const apiCall = () =>
  new Request("http://127.0.0.1/api/v1/anything", { headers: { authorization: `Bearer ${token}` } });

/** A pool of `size` connections, registered as the store's, with every one taken and `waiting` more requests queued
 * for one; nothing times out. */
async function exhaustedPool(size: number, waiting: number) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: size, connectionTimeoutMillis: 0 });
  registerPool("store", pool);
  const held = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  // Each queued request gives its connection back as soon as it gets one, so that the queue drains.
  const queued = Array.from({ length: waiting }, () => pool.connect().then((client) => client.release()));
  return {
    pool,
    async drain() {
      for (const client of held) client.release();
      await Promise.all(queued);
      await pool.end();
    },
  };
}

describe("the database pools", () => {
  it("are both registered, each sized from the one setting", () => {
    expect(poolSize()).toBe(10);
    expect(registeredPool("store")).toBe(pgPool());
    expect(registeredPool("store")?.options.max).toBe(poolSize());
    expect(registeredPool("prisma")?.options.max).toBe(poolSize());
    expect(busyPools()).toEqual([]);
  });

  it("shed a page and an API call with 503 and Retry-After while a pool's oldest waiting request has waited 2 s, and serve them once it drains", async () => {
    const busy = await exhaustedPool(2, 4);
    try {
      expect(busy.pool.waitingCount).toBe(4);
      later(SHED_AFTER_WAIT_MS);
      expect(oldestWait("store")).toBeGreaterThanOrEqual(SHED_AFTER_WAIT_MS);
      expect(busyPools()).toEqual(["store"]);

      const shed = proxy(page("/cases"));
      expect(shed.status).toBe(503);
      expect(shed.headers.get("retry-after")).toBe(String(BUSY_RETRY_AFTER_SECONDS));
      expect(await shed.text()).toContain(BUSY_MESSAGE);
      expect(shed.headers.get("x-request-id")).toBeTruthy();
      // The health check is never shed: it has its own 2-second answer.
      expect(proxy(page("/api/health")).status).toBe(200);

      let handled = false;
      const route = apiRoute(async () => {
        handled = true;
        return { body: { ok: true } };
      });
      const api = await route(apiCall());
      expect(api.status).toBe(503);
      expect(api.headers.get("retry-after")).toBe(String(BUSY_RETRY_AFTER_SECONDS));
      expect(handled).toBe(false);
    } finally {
      await busy.drain();
    }
    // Drained (the queued requests got their connections and gave them back): requests pass again.
    expect(oldestWait("store")).toBe(0);
    expect(busyPools()).toEqual([]);
    expect(proxy(page("/cases")).status).toBe(200);
  });

  it("while the queue's oldest request has waited less than 2 s, however long the queue, requests join it", async () => {
    const busy = await exhaustedPool(2, 30);
    try {
      later(SHED_AFTER_WAIT_MS - 500);
      expect(busyPools()).toEqual([]);
      expect(proxy(page("/cases")).status).toBe(200);
    } finally {
      await busy.drain();
    }
  });

  it("where FAST_TRACK_SHED_LAG_MS sets a limit, shed while the event loop's median delay over the last second reaches it (the CPU is the limit, the pools' queues empty); unset, never on the lag", () => {
    // Nothing here is timed: each sample is taken from a histogram of the test's own, as the monitor's timer takes
    // the real one each second, and the door is asked at once, with no await between.
    const LIMIT = 500;
    expect(busyPools()).toEqual([]);
    const behind = delays(LIMIT);
    expect(sampleEventLoopLag(behind)).toBe(LIMIT);
    expect(behind.reset).toHaveBeenCalledTimes(1); // the next second is measured afresh
    expect(shedReason(Date.now(), LIMIT)).toEqual({ pools: [], eventLoopLagMs: LIMIT });
    // Unset (as in this test run, and by default), the lag sheds nothing: the door serves the page.
    expect(shedReason(Date.now(), null)).toBeNull();
    expect(proxy(page("/cases")).status).toBe(200);
    // A second in which the loop was blocked throughout has no sample: the last second's value stands.
    expect(sampleEventLoopLag(delays(0, 0, 0))).toBe(LIMIT);
    expect(shedReason(Date.now(), LIMIT)).not.toBeNull();

    // Just under the limit: served. One long task (a PDF, a garbage collection) in an otherwise quick second: served.
    sampleEventLoopLag(delays(LIMIT - 1));
    expect(shedReason(Date.now(), LIMIT)).toBeNull();
    sampleEventLoopLag(delays(4, 3_000));
    expect(shedReason(Date.now(), LIMIT)).toBeNull();
  });

  it("answer an API request whose wait for a connection ran out with 503 and Retry-After, never a 500", async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 200 });
    const held = await pool.connect();
    try {
      const route = apiRoute(async () => {
        const client = await pool.connect();
        client.release();
        return { body: { ok: true } };
      });
      const res = await route(apiCall());
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe(String(BUSY_RETRY_AFTER_SECONDS));
    } finally {
      held.release();
      await pool.end();
    }
  });

  it("recognise Prisma's error when its pool is exhausted, and a form shows the busy message", async () => {
    const prismaPool = registeredPool("prisma")!;
    const held = await Promise.all(Array.from({ length: poolSize() }, () => prismaPool.connect()));
    let error: unknown;
    try {
      // One query, which waits the pool's whole connection timeout (5 s) and fails.
      const state = await runAction(z.object({ reason: z.string() }), formData({ reason: "x" }), () =>
        db.authority.count().catch((e: unknown) => {
          error = e;
          throw e;
        }),
      );
      expect(state).toMatchObject({ ok: false, formError: BUSY_MESSAGE, values: { reason: "x" } });
      expect(isPoolWaitTimeout(error)).toBe(true);
    } finally {
      for (const client of held) client.release();
    }
    expect(await db.authority.count()).toBeGreaterThan(0);
  });

  it("do not take other errors for a pool timeout", () => {
    expect(isPoolWaitTimeout(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(false);
    expect(isPoolWaitTimeout("timeout exceeded when trying to connect")).toBe(false);
    expect(
      isPoolWaitTimeout(new Error("query failed", { cause: new Error("timeout exceeded when trying to connect") })),
    ).toBe(true);
  });
});

function formData(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
}

describe("a pool whose idle connection the server ends", () => {
  it("logs the error and goes on serving, instead of crashing the process", async () => {
    // Found by the one-day benchmark (ADR 077): pg's pool emits `error` when the server ends one of its idle
    // connections (a restart, a failover, an administrator), and an event emitter with no listener for `error`
    // throws it, which kills the web server or the worker.
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    registerPool("store", pool);
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    client.release(); // idle in the pool now
    const { logger } = await import("./log");
    const warned = vi.spyOn(logger, "warn");
    try {
      await testDb.$queryRawUnsafe(`SELECT pg_terminate_backend(${Number(rows[0]!.pid)})`);
      // The pool drops the ended connection when it emits the error (no listener of the test's own: without the
      // pool's, this emit is an uncaught exception and the run fails).
      await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 10_000, interval: 20 });
      expect(warned).toHaveBeenCalledWith(
        { pool: "store", code: "57P01", error: expect.stringContaining("terminating connection") },
        expect.stringContaining("idle database connection was ended"),
      );
      const again = await pool.query<{ one: number }>("SELECT 1 AS one");
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      warned.mockRestore();
      await pool.end();
    }
  });
});
