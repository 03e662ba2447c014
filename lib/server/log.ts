// Structured logs (issue 12, ADR 036): one JSON object per line on stdout, from pino, for the web server, the
// worker and the command line's background work. Lines written while serving a request carry its id (the one
// proxy.ts gives it, which the error page quotes and the audit log records), so one id finds everything about a
// request. Next's own console output goes through the same logger (installConsoleLogging, from
// instrumentation.ts), so no plain-text line is mixed in.
import { format } from "node:util";
import pino from "pino";
import { currentRequest } from "./request-context";

export const logger = pino({
  base: { service: "fast-track" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export type Log = pino.Logger;

/** The logger for the request being served (its id and route on every line), or the base logger outside one. */
export async function requestLog(): Promise<Log> {
  const request = await currentRequest();
  return request?.requestId ? logger.child({ requestId: request.requestId, route: request.route }) : logger;
}

/** Errors already logged with their request (instrumentation's onRequestError); Next's own print of them is dropped. */
export const loggedErrors = new WeakSet<object>();

const LEVELS = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" } as const;

/** Routes console.* through the logger, so that Next's own messages are JSON lines too. Once per process. */
export function installConsoleLogging(): void {
  const marker = Symbol.for("fast-track.console-logging");
  const holder = console as unknown as Record<symbol, boolean>;
  if (holder[marker]) return;
  holder[marker] = true;
  for (const [method, level] of Object.entries(LEVELS) as [
    keyof typeof LEVELS,
    (typeof LEVELS)[keyof typeof LEVELS],
  ][]) {
    console[method] = (...args: unknown[]) => {
      if (args.some((a) => typeof a === "object" && a !== null && loggedErrors.has(a))) return;
      const error = args.find((a): a is Error => a instanceof Error);
      const msg = format(...args.filter((a) => a !== error)).trim();
      if (error) logger[level]({ err: error }, msg || error.message);
      else logger[level](msg);
    };
  }
}
