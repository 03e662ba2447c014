// Installs (or upgrades) pg-boss's schema and creates the app's queues, as the migration role, then lets the
// runtime role use them: rows only, no DDL (ADR 031). Idempotent; safe from several processes at once (pg-boss
// serialises its own install, and creating an existing queue does nothing).
import pg from "pg";
import PgBoss from "pg-boss";
import { PGBOSS_SCHEMA, QUEUES } from "../../lib/jobs/queues";
import { RUNTIME_GROUP } from "./roles";

export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: PGBOSS_SCHEMA,
    max: 2,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  try {
    for (const queue of QUEUES) await boss.createQueue(queue.name, queue.options);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`GRANT USAGE ON SCHEMA ${PGBOSS_SCHEMA} TO ${RUNTIME_GROUP};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${PGBOSS_SCHEMA} TO ${RUNTIME_GROUP};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${PGBOSS_SCHEMA} TO ${RUNTIME_GROUP};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${PGBOSS_SCHEMA} TO ${RUNTIME_GROUP};`);
  } finally {
    await client.end();
  }
}
