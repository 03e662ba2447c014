// The background worker: pg-boss on the app database (in its own schema, `pgboss`) with one cron schedule, the
// daily job, at FAST_TRACK_DAILY_CRON in Europe/London (default 06:00). pg-boss keeps schedules in PostgreSQL, so
// several workers share one schedule and each cron tick makes one job. If the machine was off at the scheduled
// time nothing fires for the missed tick, so the worker also runs the job once at start-up: the job itself
// decides every window overdue on the service's today() (FAST_TRACK_CLOCK in tests and demos).
//
// Several workers may start at once (two containers, a restart overlapping): start-up is serialised by a
// PostgreSQL advisory lock, and the job itself is exactly-once whatever runs it (lib/jobs/daily-decisions.ts).
import "server-only";
import PgBoss from "pg-boss";
import pg from "pg";
import { env, today } from "@/lib/env";
import { runDailyDecisions, type DailySummary } from "./daily-decisions";
import { applyRetention } from "@/lib/server/retention/run-retention";
import { verifyAuditLogDaily } from "./verify-audit-log";

import { DAILY_QUEUE, PGBOSS_SCHEMA, QUEUES } from "./queues";

export { DAILY_QUEUE, PGBOSS_SCHEMA };

export type Worker = {
  /** The start-up catch-up run's summary. */
  catchUp: DailySummary;
  /** Queues a run of the daily job now (what the schedule does at its cron time); returns the pg-boss job id. */
  runNow: () => Promise<string | null>;
  stop: () => Promise<void>;
};

export async function startWorker(options: {
  databaseUrl: string;
  log?: (line: string) => void;
  cron?: string;
  /** Only this authority's cases (tests share one database); every authority by default. */
  authorityId?: string;
}): Promise<Worker> {
  const log = options.log ?? (() => {});
  const cron = options.cron ?? env().FAST_TRACK_DAILY_CRON;
  const onError = (caseId: string, error: unknown) =>
    log(`daily job: case ${caseId} not decided: ${(error as Error).message}`);
  // pg-boss's schema and queues were installed by the migration role (scripts/lib/job-queue.ts): the app's runtime
  // role may not run DDL, so pg-boss only checks its schema version here.
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: PGBOSS_SCHEMA, max: 3, migrate: false });
  boss.on("error", (error) => log(`pg-boss error: ${error.message}`));

  // Checking pg-boss's schema, the queue and (re)writing the schedule, one process at a time.
  const lock = new pg.Client({ connectionString: options.databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('fast-track'), hashtext('worker-start'))");
    await boss.start();
    for (const queue of QUEUES) await boss.createQueue(queue.name, queue.options); // already there: changes nothing
    await boss.schedule(DAILY_QUEUE, cron, {}, { tz: "Europe/London" });
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('fast-track'), hashtext('worker-start'))").catch(() => {});
    await lock.end();
  }

  await boss.work(DAILY_QUEUE, async (jobs) => {
    // v10 hands the handler an array of jobs; each is a run of the same job for the service's today.
    for (const _job of jobs) {
      const summary = await runDailyDecisions({ asOf: today(), authorityId: options.authorityId, onError });
      log(`daily job: ${JSON.stringify(summary)}`);
      await checkAuditLog(options.authorityId, log);
      await eraseUnderRetention(options.authorityId, log);
    }
  });
  log(`scheduled "${DAILY_QUEUE}" at "${cron}" (Europe/London)`);

  const catchUp = await runDailyDecisions({ asOf: today(), authorityId: options.authorityId, onError });
  log(`start-up catch-up: ${JSON.stringify(catchUp)}`);
  await checkAuditLog(options.authorityId, log);
  await eraseUnderRetention(options.authorityId, log);

  return {
    catchUp,
    runNow: () => boss.send(DAILY_QUEUE, {}),
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}

/** The daily check of the audit log's chains (ADR 032); a failure to check is logged, not thrown. */
async function checkAuditLog(authorityId: string | undefined, log: (line: string) => void): Promise<void> {
  try {
    const result = await verifyAuditLogDaily({ authorityId });
    log(`audit log check: ${JSON.stringify(result)}`);
  } catch (error) {
    log(`audit log check failed: ${(error as Error).message}`);
  }
}

/** Erases what is past its retention period and not held (ADR 039), after the day's decisions and the audit check
 * (which then covers the rows erasure leaves); a failure is logged, not thrown, and the next run takes the rest. */
async function eraseUnderRetention(authorityId: string | undefined, log: (line: string) => void): Promise<void> {
  try {
    const result = await applyRetention({ today: today(), authorityId });
    log(`retention: ${JSON.stringify(result)}`);
  } catch (error) {
    log(`retention failed: ${(error as Error).message}`);
  }
}
