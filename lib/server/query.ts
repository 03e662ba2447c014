import "server-only";
import type { Tx } from "./db";

/**
 * The one small interface every shared writer takes (timeline events, referrals and their notifications, the
 * register store, the audit log): `query(sql, params)` answering `{ rows }`. A `pg` client or pool satisfies it
 * as it is; a Prisma transaction satisfies it through `prismaQuery(tx)`. So one function writes each kind of
 * row, whichever client runs the transaction.
 *
 * The two clients turn results into JavaScript differently (pg gives bigint and numeric as strings, Prisma as
 * BigInt and Decimal; dates differ too): a writer that reads what it wrote casts in SQL (`id::text`,
 * `count(*)::int`) so that both give the same values. Statements without RETURNING answer no rows.
 */
export interface Queryable {
  query<R extends QueryRow = QueryRow>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by each caller, as pg's own are
export type QueryRow = Record<string, any>;

/** A Prisma transaction (or the client itself) as a Queryable, for writers shared with the pg code paths. */
export function prismaQuery(tx: Pick<Tx, "$queryRawUnsafe">): Queryable {
  return {
    query: async <R extends QueryRow>(sql: string, params: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<R[]>(sql, ...params),
    }),
  };
}
