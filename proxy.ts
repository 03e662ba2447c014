// Runs before every page, server action and API route (not static files). It only labels the request; it is no
// security boundary (authorisation lives in lib/server). Each request gets a fresh id, which the logs, the audit
// log and the error page quote, and the route it asked for, which the audit log records as the purpose of a read.
// Whatever the client sent in these headers is replaced. The id goes back to the client as X-Request-Id.
import { NextResponse, type NextRequest } from "next/server";
import { logger } from "./lib/server/log";

const REQUEST_ID = "x-request-id";

export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID, requestId);
  headers.set("x-fast-track-path", request.nextUrl.pathname.slice(0, 400));
  headers.set("x-fast-track-method", request.method);
  // One line per request, so that every request's id is in the logs even when nothing else is said about it.
  logger.info({ requestId, method: request.method, path: request.nextUrl.pathname }, "request");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID, requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|assets/|favicon.ico).*)"],
};
