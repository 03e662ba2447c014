import "server-only";
import { NextResponse } from "next/server";
import { requireApiActor, type Actor } from "./auth";
import { busyPools, busyResponse, isPoolWaitTimeout } from "./database-load";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthenticatedError,
  ValidationError,
} from "./errors";

type Handler = (actor: Actor, request: Request) => Promise<{ status?: number; body: unknown } | Response>;

/**
 * Wraps every /api/v1 route: authenticates (Bearer token or session), runs the lib/server call, and maps
 * domain errors to status codes: 401 unauthenticated, 403 role not allowed, 404 not found or out of scope,
 * 413 body over its limit, 422 invalid input with every error listed, 503 with Retry-After when the database pools
 * are too busy (a wait for a connection that ran out; or, on the upload route, which the proxy does not see, a pool
 * queue already full: ADR 054). A handler may answer with its own Response (a file download).
 */
export function apiRoute(handler: Handler) {
  return async (request: Request): Promise<Response> => {
    if (busyPools().length > 0) return busyResponse();
    try {
      const actor = await requireApiActor(request);
      const result = await handler(actor, request);
      if (result instanceof Response) return result;
      const { status = 200, body } = result;
      return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        return NextResponse.json(
          { error: "unauthenticated", message: error.message },
          { status: 401, headers: { "WWW-Authenticate": "Bearer" } },
        );
      }
      if (error instanceof ForbiddenError)
        return NextResponse.json({ error: "forbidden", message: error.message }, { status: 403 });
      if (error instanceof PayloadTooLargeError)
        return NextResponse.json(
          { error: "payload_too_large", message: error.message },
          { status: 413, headers: { Connection: "close" } },
        );
      if (error instanceof NotFoundError)
        return NextResponse.json({ error: "not_found", message: error.message }, { status: 404 });
      if (error instanceof ValidationError) {
        const errors = [
          ...(error.formError ? [{ message: error.formError }] : []),
          ...Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
            messages.map((message) => ({ field, message })),
          ),
        ];
        return NextResponse.json({ errors }, { status: error instanceof ConflictError ? 409 : 422 });
      }
      if (isPoolWaitTimeout(error)) return busyResponse();
      throw error;
    }
  };
}

/** A PDF answer from an API route: never cached; `disposition` is the whole Content-Disposition value. */
export function pdfResponse(bytes: Uint8Array, disposition: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": disposition, "Cache-Control": "no-store" },
  });
}
