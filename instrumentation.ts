// Next.js instrumentation (issue 12, ADR 036): JSON logs for the whole server process, and the request id on
// every unexpected error. onRequestError runs, synchronously, before Next hands the error's digest to the browser;
// setting the digest to the request id makes the error page (app/error.tsx) show the same id the logs and the
// audit log carry, for the user to quote.
import type { Instrumentation } from "next";

type LogModule = typeof import("./lib/server/log");
const holder = globalThis as unknown as { fastTrackLog?: LogModule };

export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime switch, not configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  holder.fastTrackLog = await import("./lib/server/log");
  holder.fastTrackLog.installConsoleLogging();
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const requestId = header(request.headers, "x-request-id");
  const log = holder.fastTrackLog;
  if (typeof error === "object" && error !== null) {
    if (requestId) (error as { digest?: string }).digest = requestId;
    log?.loggedErrors.add(error);
  }
  log?.logger.error(
    {
      requestId,
      err: error,
      method: request.method,
      path: request.path,
      routePath: context.routePath,
      routeType: context.routeType,
    },
    "unexpected error while serving a request",
  );
};
