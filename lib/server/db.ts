import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";
import { poolOptions } from "./pool-options";
import { poolSize, registerPool } from "./database-load";
import { statementName } from "./pg";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { fastTrackPrisma?: PrismaClient };

function client(): PrismaClient {
  if (!holder.fastTrackPrisma) {
    // The adapter is given the pool, sized in one place, so that the door (proxy.ts) can see its queue; it ends
    // the pool on $disconnect.
    const pool = new pg.Pool({ ...poolOptions(databaseUrl()), max: poolSize() });
    registerPool("prisma", pool);
    // Prisma's statements with parameters are prepared by name too, once per connection (ADR 084, as pg.ts does).
    const adapter = new PrismaPg(pool, {
      disposeExternalPool: true,
      // Its type asks for a name always; the adapter passes it to pg as is, and pg sends an undefined name unnamed.
      statementNameGenerator: ((query: { sql: string; args: unknown[] }) =>
        query.args.length > 0 ? (statementName(query.sql) ?? undefined) : undefined) as (query: {
        sql: string;
        args: unknown[];
      }) => string,
    });
    holder.fastTrackPrisma = new PrismaClient({ adapter });
  }
  return holder.fastTrackPrisma;
}

/** The one Prisma client. Created on first use so that importing this module never needs a database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, prop) => {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/** A date-only value (`YYYY-MM-DD`) in the form Prisma expects for `@db.Date` columns. */
export function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}
