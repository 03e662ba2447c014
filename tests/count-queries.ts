// Counts the statements a piece of server code sends to the database (through pg, which the Prisma adapter uses
// too), for tests that hold a page's round trips down (ADR 079). Run the code once before, so that the pools'
// connections are open and nothing of their set-up is counted.
import pg from "pg";

export async function queriesSentBy(fn: () => Promise<unknown>): Promise<string[]> {
  const original = pg.Client.prototype.query;
  const sent: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    sent.push((typeof config === "string" ? config : (config?.text ?? "")).replace(/\s+/g, " ").trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}
