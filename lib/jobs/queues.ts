// The background job queues (pg-boss, in its own schema). Installed by the migration role before the app starts
// (scripts/lib/job-queue.ts), because creating pg-boss's tables and a queue's partition is DDL the app's runtime
// role may not run (ADR 031); the worker then starts pg-boss without migrating.
export const PGBOSS_SCHEMA = "pgboss";
export const DAILY_QUEUE = "daily-decisions";

export const QUEUES = [
  { name: DAILY_QUEUE, options: { name: DAILY_QUEUE, policy: "singleton" as const, retryLimit: 3, retryDelay: 300 } },
];
