import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { poolOptions } from "./pool-options";
import { poolSize, registerPool } from "./database-load";

// A plain pg pool beside Prisma, for what Prisma cannot do (COPY streams for bulk imports, set-based SQL over
// millions of register marks) and for the reads every page view sends, where Prisma's runtime costs more CPU than
// the read itself (the session's user, the header's count, the case page's and the queues' rows: ADR 079, 080).
// Writes and everything else go through Prisma (lib/server/db.ts).
const holder = globalThis as unknown as { fastTrackPgPool?: pg.Pool; fastTrackStatementNames?: Map<string, string> };

/** At most this many distinct statements are prepared by name; any statement after them is sent unnamed, as before. */
export const MAX_NAMED_STATEMENTS = 1_000;

/**
 * The name under which a statement with parameters is prepared on each connection (ADR 084): the same text always
 * gets the same name (a hash of it), so a connection parses and plans it once and then only binds and executes it.
 * Null once MAX_NAMED_STATEMENTS texts have names (SQL built at run time must not grow every connection's set of
 * prepared statements without bound).
 */
export function statementName(text: string): string | null {
  const names = (holder.fastTrackStatementNames ??= new Map());
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_NAMED_STATEMENTS) return null;
  const name = `ft_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/**
 * Makes a pool's connections prepare each statement with parameters by name (statementName), once per connection.
 * A statement without parameters (BEGIN, SET LOCAL, a script of several statements) goes as it did, unnamed, by the
 * simple protocol; so does a query given as an object (COPY streams, cursors, a name of its own).
 */
export function prepareStatementsByName(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    // The prototype's query is looked up at each call, so that a test counting statements (tests/count-queries.ts,
    // which wraps pg.Client.prototype.query) still sees every one.
    const query = (...args: unknown[]) =>
      (Object.getPrototypeOf(client) as { query: (...a: unknown[]) => unknown }).query.apply(client, args);
    client.query = ((...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text === "string" && Array.isArray(values) && values.length > 0) {
        const name = statementName(text);
        if (name) args[0] = { name, text };
      }
      return query(...args);
    }) as typeof client.query;
  });
}

export function pgPool(): pg.Pool {
  if (!holder.fastTrackPgPool) {
    holder.fastTrackPgPool = new pg.Pool({ ...poolOptions(databaseUrl()), max: poolSize() });
    prepareStatementsByName(holder.fastTrackPgPool);
    registerPool("store", holder.fastTrackPgPool);
  }
  return holder.fastTrackPgPool;
}

/** Runs `fn` in one transaction on one connection; rolls back if it throws. */
export async function withPgTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Closes the pool (command-line scripts, before they exit). */
export async function closePgPool(): Promise<void> {
  const pool = holder.fastTrackPgPool;
  holder.fastTrackPgPool = undefined;
  await pool?.end();
}
