// Runs before every page, server action and API route (not static files, and not the register upload API, whose
// body must stream to its handler: Next copies into memory, and cuts at its limit, any body a proxy sees). It
// labels the request and sets the response's security headers; it is no authorisation boundary (that lives in
// lib/server). Each request gets a fresh id, which the logs, the audit log and the error page quote, and the route
// it asked for, which the audit log records as the purpose of a read. Whatever the client sent in these headers
// is replaced. The id goes back to the client as X-Request-Id.
import { NextResponse, type NextRequest } from "next/server";
import { formBodyLimitBytes, formBodyRefusal } from "@/lib/domain/request-limits";
import {
  contentSecurityPolicy,
  servesHtml,
  STRICT_TRANSPORT_SECURITY,
  wellFormedPath,
} from "@/lib/domain/security-headers";
import { developmentMode, proxyMark, secureCookies } from "@/lib/env";
import { busyResponse, countShed, shedReason } from "./lib/server/database-load";
import { logger } from "./lib/server/log";

const REQUEST_ID = "x-request-id";

export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const pathname = request.nextUrl.pathname;
  const https = request.nextUrl.protocol === "https:" || secureCookies();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { html: servesHtml(pathname), https, development: developmentMode() });

  const refusal = refuse(request, pathname);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID, requestId);
  headers.set("x-fast-track-path", pathname.slice(0, 400));
  headers.set("x-fast-track-method", request.method);
  headers.set("x-fast-track-proxy", proxyMark());
  // Next reads the nonce for its own scripts from the request's policy header.
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  // One line per request, so that every request's id is in the logs even when nothing else is said about it.
  logger.info({ requestId, method: request.method, path: pathname }, "request");
  const response = refusal ?? NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID, requestId);
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/** Requests answered here, before any route: a malformed percent-escape in the path (400, never a 500 from a
 * route decoding it), a form or sign-in whose declared body is over its limit (413), and any request but the
 * health check while a database pool's queue is slow or the event loop lags (503 with Retry-After: shed at the door,
 * ADR 054). */
function refuse(request: NextRequest, pathname: string): NextResponse | null {
  if (pathname !== "/api/health") {
    const busy = shedReason();
    if (busy) {
      const shed = countShed();
      if (shed !== null)
        logger.warn(
          { ...busy, shed },
          busy.pools.length > 0
            ? "requests shed: the database pools' queue is slow"
            : "requests shed: the event loop lags (the CPU is the limit)",
        );
      const busyAnswer = busyResponse();
      return new NextResponse(busyAnswer.body, { status: busyAnswer.status, headers: busyAnswer.headers });
    }
  }
  if (!wellFormedPath(pathname)) {
    return new NextResponse("Bad request: the address has a malformed percent-escape (such as %zz).", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (request.method !== "GET" && request.method !== "HEAD" && length > formBodyLimitBytes(pathname)) {
    return new NextResponse(formBodyRefusal(pathname), {
      status: 413,
      headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
    });
  }
  return null;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|assets/|favicon.ico|api/v1/attendance/imports).*)"],
};
