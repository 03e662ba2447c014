import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { proxyMark } from "@/lib/env";
import { clientAddressFrom } from "./client-address";

/** The headers proxy.ts sets on every request it passes on (it overwrites whatever the client sent). */
export const REQUEST_ID_HEADER = "x-request-id";
export const REQUEST_PATH_HEADER = "x-fast-track-path";
export const REQUEST_METHOD_HEADER = "x-fast-track-method";
/** Set by proxy.ts with a value only it knows: without it (the upload API, which the proxy skips so that its body
 * streams) the three headers above came from the client and are ignored. */
export const PROXY_MARK_HEADER = "x-fast-track-proxy";

/** What the audit log and the logs record about the request being served. */
export type RequestContext = {
  requestId: string | null;
  /** The client's address: the entry of X-Forwarded-For the nearest trusted proxy (or Next, from the socket)
   * wrote, as the sign-in throttle reads it (client-address.ts; ADR 020, ADR 030). */
  clientAddress: string | null;
  /** "GET /pupils/0c0e…" — the page or API route; a server action posts to its page's path. */
  route: string | null;
};

/** The context of a request served by a route proxy.ts skips (withOwnRequestContext). */
const ownContext = new AsyncLocalStorage<RequestContext>();

/**
 * For a route that proxy.ts does not run before (the register upload API, so that its body streams): gives the
 * request its own id and route, as the proxy gives every other request, so that its audit rows and logs carry them,
 * and answers with the id in X-Request-Id.
 */
export async function withOwnRequestContext(
  request: Request,
  route: string,
  handle: () => Promise<Response>,
): Promise<Response> {
  const requestId = randomUUID();
  const context: RequestContext = {
    requestId,
    clientAddress: clientAddressFrom(request.headers),
    route: `${request.method} ${route}`,
  };
  const response = await ownContext.run(context, handle);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

/** The request being served, or null outside one (the command line, the worker, tests). */
export async function currentRequest(): Promise<RequestContext | null> {
  const own = ownContext.getStore();
  if (own) return own;
  let h: Headers;
  try {
    h = await headers();
  } catch (error) {
    // Next's own control-flow errors (a static render bailing out to dynamic) carry a digest and must pass
    // through (next/navigation's unstable_rethrow cannot load outside Next: the command line and jobs use this).
    if (typeof (error as { digest?: unknown }).digest === "string") throw error;
    return null;
  }
  const fromProxy = h.get(PROXY_MARK_HEADER) === proxyMark();
  const path = fromProxy ? h.get(REQUEST_PATH_HEADER) : null;
  const method = h.get(REQUEST_METHOD_HEADER);
  return {
    requestId: fromProxy ? h.get(REQUEST_ID_HEADER) : null,
    clientAddress: clientAddressFrom(h),
    route: path ? `${method ?? "GET"} ${path}`.slice(0, 500) : null,
  };
}
