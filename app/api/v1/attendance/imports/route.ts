import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { apiRoute } from "@/lib/server/api";
import { importRegister } from "@/lib/server/attendance/import-register-request";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/attendance/imports with a register CSV (Content-Type: text/csv) or a DfE Common Transfer File
 * (application/xml). 201 with the counts; 422 with every error and nothing written; 403 outside scope.
 */
export const POST = apiRoute(async (actor, request) => {
  const filename = request.headers.get("x-filename") ?? "";
  const body = request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : Readable.from([]);
  return importRegister(actor, request.headers.get("content-type") ?? "", body, filename);
});
