import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * COPY batches for one connection, sent one after another while the caller goes on reading the file, so that
 * parsing in Node and loading in PostgreSQL overlap. A connection runs one statement at a time: every COPY of an
 * import goes through its queue. `send` waits only when several batches are already waiting (back-pressure).
 */
export class CopyQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending: Promise<void>[] = [];
  private failure: unknown = null;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly maxWaiting = 3,
  ) {}

  async send(sql: string, data: Buffer | string): Promise<void> {
    if (this.failure) throw this.failure;
    this.tail = this.tail.then(async () => {
      if (this.failure) return;
      try {
        await pipeline(Readable.from([data]), this.client.query(copyFrom(sql)));
      } catch (error) {
        this.failure = error;
      }
    });
    this.pending.push(this.tail);
    while (this.pending.length > this.maxWaiting) await this.pending.shift();
    if (this.failure) throw this.failure;
  }

  /** Waits for every batch sent so far; throws the first batch's error, if any. */
  async drain(): Promise<void> {
    await this.tail;
    this.pending = [];
    if (this.failure) throw this.failure;
  }
}
