// The background worker (lib/jobs/worker.ts): the daily job on its pg-boss schedule, plus a catch-up run at
// start-up. `npm start` runs it beside the web server with the same DATABASE_URL; it can also run on its own
// (`tsx --conditions=react-server scripts/worker.ts`), using DATABASE_URL or the local embedded database.
// Stops cleanly on SIGTERM / Ctrl-C.
import { logger } from "../lib/server/log";
import { openDatabase } from "./lib/database";

// JSON lines, like the web server's (ADR 036).
const workerLog = logger.child({ process: "worker" });
const say = (line: string) => workerLog.info(line);

async function main() {
  const database = await openDatabase({ reuseRunning: true });
  // lib/server modules read DATABASE_URL when first used, so it is set before any of them is imported.
  process.env.DATABASE_URL = database.url;
  const { startWorker } = await import("../lib/jobs/worker");
  const { closePgPool } = await import("../lib/server/pg");
  const worker = await startWorker({ databaseUrl: database.url, log: say });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop().catch((error: unknown) => say(`stop: ${(error as Error).message}`));
    await closePgPool();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  workerLog.fatal({ err: error }, "the worker stopped");
  process.exit(1);
});
