// The child process of the "daily job killed mid-batch" fault test (lib/jobs/daily-job-killed.int.test.ts): the
// daily job over one authority with one case per transaction, so that a kill lands between and inside batches.
// Usage: node --import tsx --conditions=react-server tests/faults/run-daily-in-batches-of-one.ts <as-of> <authority id>
import { runDailyDecisions } from "../../lib/jobs/daily-decisions";
import { closePgPool } from "../../lib/server/pg";

const [asOf, authorityId] = process.argv.slice(2);
runDailyDecisions({ asOf: asOf!, authorityId, batchSize: 1 })
  .then((summary) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return closePgPool();
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
