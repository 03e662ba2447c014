import "server-only";
import type { Readable } from "node:stream";
import { MAX_REGISTER_LINE_BYTES } from "@/lib/domain/request-limits";
import { uploadLimitBytes } from "@/lib/env";
import { apiValidationErrors, importResponse } from "@/lib/schemas/api";
import { authorize, type Actor } from "../actor";
import { ValidationError } from "../errors";
import { readSpooled, spoolUpload } from "./spool-upload";
import { importCtf } from "./import-ctf";
import { importRegisterCsv } from "./import-register";

type ImportAnswer = { status: number; body: unknown };

/**
 * One entry point for every surface that receives a register file (API, upload page): picks the importer by
 * content type, reads the whole file to disk (at most FAST_TRACK_MAX_UPLOAD_MB, else 413) before the importer
 * takes the authority's register lock, and shapes the answer as the API contract has it. A CSV line over
 * MAX_REGISTER_LINE_BYTES refuses the file naming the line.
 */
export async function importRegister(
  actor: Actor,
  contentType: string,
  body: Readable,
  filename: string,
): Promise<ImportAnswer> {
  // Before anything is read: a role that may not import gets 403, not a 413 or a remark on the file.
  authorize(actor, "attendance.import");
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
  const csv = importer === importRegisterCsv;
  return spoolUpload(
    body,
    { limitBytes: uploadLimitBytes(), ...(csv ? { maxLineBytes: MAX_REGISTER_LINE_BYTES } : {}) },
    async (spooled): Promise<ImportAnswer> => {
      if (spooled.longLine) {
        return {
          status: 422,
          body: apiValidationErrors.parse({
            errors: [
              {
                line: spooled.longLine.line,
                upn: null,
                date: null,
                message: `Line ${spooled.longLine.line} is longer than ${MAX_REGISTER_LINE_BYTES.toLocaleString("en-GB")} characters: a register line is upn,date,session,code. Nothing was saved.`,
              },
            ],
          }),
        };
      }
      return answer(await importer({ actor, input: readSpooled(spooled), filename }));
    },
  );
}

function answer(outcome: Awaited<ReturnType<typeof importRegisterCsv>>): ImportAnswer {
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
