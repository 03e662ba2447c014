import "server-only";
import type pg from "pg";

/**
 * Timeouts for every connection the app makes (issue 12, ADR 038), so that no request waits forever on a database
 * that is down, restarting or stuck: a connection attempt gives up after 5 seconds; a statement after 60 seconds
 * (long work such as a register import lifts it for its own transaction with SET LOCAL); a transaction left idle
 * by a client that went away is ended after 60 seconds, releasing its locks. A connection broken by a restart is
 * dropped from the pool when it fails, and the next request opens a new one: the app recovers by itself.
 */
export function poolOptions(connectionString: string): pg.PoolConfig {
  return {
    connectionString,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 60_000,
    idle_in_transaction_session_timeout: 60_000,
  };
}
