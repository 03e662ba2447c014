import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { uploadRefusal } from "@/lib/domain/request-limits";
import { uploadLimitBytes } from "@/lib/env";
import { authorize } from "@/lib/server/actor";
import { apiRoute } from "@/lib/server/api";
import { PayloadTooLargeError } from "@/lib/server/errors";
import { importRegister } from "@/lib/server/attendance/import-register-request";
import { withOwnRequestContext } from "@/lib/server/request-context";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/attendance/imports with a register CSV (Content-Type: text/csv) or a DfE Common Transfer File
 * (application/xml). 201 with the counts; 422 with every error and nothing written; 403 outside scope; 413 over
 * FAST_TRACK_MAX_UPLOAD_MB (refused by its Content-Length before reading, or as soon as the body passes it).
 * proxy.ts does not run here, so the body streams to disk rather than into memory; the request gets its id and route
 * (for its audit rows, its logs and the X-Request-Id answer) from withOwnRequestContext instead.
 */
const importRoute = apiRoute(async (actor, request) => {
  authorize(actor, "attendance.import");
  if (Number(request.headers.get("content-length") ?? "0") > uploadLimitBytes())
    throw new PayloadTooLargeError(uploadRefusal(uploadLimitBytes()));
  const filename = request.headers.get("x-filename") ?? "";
  const body = request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : Readable.from([]);
  return importRegister(actor, request.headers.get("content-type") ?? "", body, filename);
});

export const POST = (request: Request) =>
  withOwnRequestContext(request, "/api/v1/attendance/imports", () => importRoute(request));
