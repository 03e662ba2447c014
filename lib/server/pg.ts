import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { poolOptions } from "./pool-options";
import { poolSize, registerPool } from "./database-load";

// A plain pg pool beside Prisma, for what Prisma cannot do (COPY streams for bulk imports, set-based SQL over
// millions of register marks) and for the reads every page view sends, where Prisma's runtime costs more CPU than
// the read itself (the session's user, the header's count, the case page's and the queues' rows: ADR 079, 080).
// Writes and everything else go through Prisma (lib/server/db.ts).
const holder = globalThis as unknown as { fastTrackPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!holder.fastTrackPgPool) {
    holder.fastTrackPgPool = new pg.Pool({ ...poolOptions(databaseUrl()), max: poolSize() });
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
