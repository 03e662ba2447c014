// `npm run jobs -- daily --as-of YYYY-MM-DD`: runs the daily job (lib/jobs/daily-decisions.ts) for a given date,
// for operators re-running a missed day and for tests. It decides every undecided window that ended on or before
// that date and prints the JSON summary {"asOf","evaluated","improved","referred","notReferred","skipped"} (exactly
// those keys: integrations parse it; "notReferred" came with issue 10's lawful referrals); referrals of unpaid
// penalty notices are reported on stderr.
// Uses DATABASE_URL when set, otherwise the local embedded database (like `npm run cli`).
// Exit codes: 0 done, 1 failed, 2 bad command or options.
import { parseArgs } from "node:util";
import { isIsoDate } from "../lib/domain/dates";
import { openDatabase } from "./lib/database";

const PROGRAM = "npm run jobs --";

export const HELP = `Usage: ${PROGRAM} <job> [options]

Jobs:
  daily    Decide every Fast Track window that ended on or before the date and has not been decided:
           target met → monitoring (the officer is told); not met → a prosecution referral per parent in law
           when the record gives grounds (unauthorised absence of a child of compulsory school age, at least
           the authority's referral minimum; managers are told), otherwise "not referred" with the reasons
           (the officer is asked what next). Also refers penalty notices unpaid after their last day to pay.
           Safe to run again or beside the worker: each window is decided once.

Options for daily:
  --as-of <YYYY-MM-DD>   The date to decide as of (default: today in Europe/London, or FAST_TRACK_CLOCK)
  --authority <la-code>  Only this authority's cases (default: every authority)
  --help                 Show this help

Prints a JSON summary:
  {"asOf","evaluated","improved","referred","notReferred","skipped"}
  evaluated: windows found due; notReferred: missed the target with no grounds to refer; skipped: due
  windows left undecided, because the register has no possible sessions for the window yet (the case
  waits at "decision due") or another run decided them first.
  Penalty notices referred for non-payment are reported on stderr ("Note: …"), not in the summary.

Example:
  ${PROGRAM} daily --as-of 2026-11-20`;

type Intent =
  | { kind: "help" }
  | { kind: "usage"; errors: string[] }
  | { kind: "daily"; asOf: string | undefined; laCode: string | undefined };

export function interpret(argv: string[]): Intent {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "as-of": { type: "string" },
        authority: { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    return { kind: "usage", errors: [(error as Error).message] };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: "help" };
  const errors: string[] = [];
  const [job, ...rest] = positionals;
  if (job !== "daily") errors.push(`Unknown job "${job}": the only job is "daily"`);
  if (rest.length > 0) errors.push(`Unexpected argument "${rest[0]}"`);
  const asOf = values["as-of"];
  if (asOf !== undefined && !isIsoDate(asOf)) {
    errors.push(`--as-of must be a real date written as YYYY-MM-DD, for example 2026-11-20; got "${asOf}"`);
  }
  const laCode = values.authority;
  if (laCode !== undefined && !/^\d{3}$/.test(laCode)) {
    errors.push(`--authority must be a 3-digit LA code, for example 841; got "${laCode}"`);
  }
  if (errors.length) return { kind: "usage", errors };
  return { kind: "daily", asOf, laCode };
}

async function main(argv: string[]): Promise<number> {
  const intent = interpret(argv);
  if (intent.kind === "help") {
    console.log(HELP);
    return 0;
  }
  if (intent.kind === "usage") {
    console.error(
      [...intent.errors.map((e) => `Error: ${e}`), "", `Run "${PROGRAM} --help" for the options.`].join("\n"),
    );
    return 2;
  }

  const database = await openDatabase({ reuseRunning: true });
  // lib/server modules read DATABASE_URL when first used, so it is set before any of them is imported.
  process.env.DATABASE_URL = database.url;
  const { today } = await import("../lib/env");
  const { pgPool, closePgPool } = await import("../lib/server/pg");
  try {
    let authorityId: string | undefined;
    if (intent.laCode) {
      const { rows } = await pgPool().query<{ id: string }>("SELECT id FROM authority WHERE la_code = $1", [
        intent.laCode,
      ]);
      if (!rows[0]) {
        console.error(`Error: --authority: no authority has the LA code ${intent.laCode}.`);
        return 1;
      }
      authorityId = rows[0].id;
    }
    const { runDailyDecisions } = await import("../lib/jobs/daily-decisions");
    const summary = await runDailyDecisions({
      asOf: intent.asOf ?? today(),
      authorityId,
      onError: (caseId, error) => console.error(`Warning: case ${caseId} was not decided: ${(error as Error).message}`),
    });
    const { asOf, evaluated, improved, referred, notReferred, skipped, penaltyNoticesReferred } = summary;
    console.log(JSON.stringify({ asOf, evaluated, improved, referred, notReferred, skipped }));
    if (penaltyNoticesReferred > 0) {
      console.error(
        `Note: ${penaltyNoticesReferred} penalty notice(s) unpaid after their last day to pay were referred for prosecution.`,
      );
    }
    return 0;
  } finally {
    await closePgPool();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
