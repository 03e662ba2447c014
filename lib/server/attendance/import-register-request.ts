import "server-only";
import type { Readable } from "node:stream";
import { apiValidationErrors, importResponse } from "@/lib/schemas/api";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { importCtf } from "./import-ctf";
import { importRegisterCsv } from "./import-register";

/**
 * One entry point for every surface that receives a register file (API, upload page): picks the importer by
 * content type and shapes the answer as the API contract has it.
 */
export async function importRegister(actor: Actor, contentType: string, body: Readable, filename: string) {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const importer =
    type === "text/csv" ? importRegisterCsv : type === "application/xml" || type === "text/xml" ? importCtf : null;
  if (!importer) {
    body.resume();
    throw new ValidationError({
      contentType: [
        `Send a register as text/csv, or a DfE Common Transfer File as application/xml; this request was ${type || "without a Content-Type"}`,
      ],
    });
  }
  const outcome = await importer({ actor, input: body, filename });
  if (!outcome.ok) {
    const more = outcome.totalErrors - outcome.errors.length;
    return {
      status: 422,
      body: apiValidationErrors.parse({
        errors: [
          ...outcome.errors.map((e) => ({
            line: e.line ?? null,
            upn: e.upn ?? null,
            date: e.date ?? null,
            message: e.message,
          })),
          ...(more > 0 ? [{ line: null, upn: null, date: null, message: `…and ${more} more errors` }] : []),
        ],
      }),
    };
  }
  return { status: 201, body: importResponse.parse({ importId: outcome.importId, ...outcome.counts }) };
}
