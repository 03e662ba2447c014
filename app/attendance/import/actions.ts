"use server";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { fileError, importStateFrom, type ImportState } from "@/components/attendance/import-outcome";
import { registerContentType } from "@/lib/domain/register-csv";
import { requirePermission } from "@/lib/server/auth";
import { importRegister } from "@/lib/server/attendance/import-register-request";
import { ForbiddenError, PayloadTooLargeError, ValidationError } from "@/lib/server/errors";

/**
 * The upload form without JavaScript (with JavaScript the browser posts the file to the import API instead, to
 * show progress). Streams the file to the same importer as the API and returns the same state. Without JavaScript
 * a file may be at most 10 MB (REGISTER_FORM_LIMIT_BYTES: Next holds a server action's body in memory).
 */
export async function importRegisterAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  const actor = await requirePermission("attendance.import");
  const file = formData.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === ""))
    return fileError("Select a register file (CSV, or a Common Transfer File in XML) to upload");
  if (file.size === 0) return fileError("The selected file is empty");
  try {
    const body = Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>);
    const result = await importRegister(actor, registerContentType(file.name), body, file.name);
    return importStateFrom(result.status, result.body, file.name);
  } catch (error) {
    if (error instanceof ForbiddenError) return importStateFrom(403, { message: error.message }, file.name);
    if (error instanceof PayloadTooLargeError) return fileError(error.message);
    if (error instanceof ValidationError) {
      return {
        ok: false,
        fieldErrors: { file: Object.values(error.fieldErrors).flat() },
        formError: error.formError,
        rowErrors: [],
      };
    }
    throw error;
  }
}
