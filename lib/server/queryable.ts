import "server-only";
import type { Db, Tx } from "./db";

/**
 * The one shape every single-write-path function takes (the audit log here; timeline events and referrals in
 * issue 14): `query(sql, params)`. A `pg` client, pool or pool client satisfies it as it is; a Prisma client or
 * interactive transaction is adapted by `queryable()`. So the same writer runs inside whichever transaction the
 * caller holds, whether Prisma's or a raw connection's.
 */
export type Queryable = {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
};

/** A Queryable, or a Prisma client or transaction that can be made into one. */
export type DbClient = Queryable | Tx | Db;

export function queryable(client: DbClient): Queryable {
  // A property read, not `in`: the shared Prisma client (db.ts) is a Proxy that creates the client on first use.
  if (typeof (client as Partial<Tx>).$queryRawUnsafe === "function") {
    const prisma = client as Tx;
    return {
      query: async (sql, params = []) => ({ rows: await prisma.$queryRawUnsafe<unknown[]>(sql, ...params) }),
    };
  }
  return client as Queryable;
}
