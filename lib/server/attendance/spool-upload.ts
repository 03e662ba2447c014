import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { uploadRefusal } from "@/lib/domain/request-limits";
import { PayloadTooLargeError } from "../errors";

export type Spooled = { file: string; bytes: number; longLine: { line: number; bytes: number } | null };

/**
 * Reads a whole upload to a private temporary file before anything else happens, so that a slow client holds no
 * lock (the importers take the authority's register lock only once the file is here) and memory does not grow
 * with the file. Stops with PayloadTooLargeError (413) as soon as the body passes `limitBytes`. When
 * `maxLineBytes` is given, it also notes the first line longer than that (the caller refuses the file naming it),
 * counting as it goes so that a file without line breaks costs no memory.
 */
export async function spoolUpload<T>(
  body: Readable,
  options: { limitBytes: number; maxLineBytes?: number },
  withFile: (spooled: Spooled) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ft-upload-"));
  const file = path.join(dir, "body");
  let bytes = 0;
  let line = 1;
  let lineBytes = 0;
  let longLine: Spooled["longLine"] = null;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > options.limitBytes) return done(new PayloadTooLargeError(uploadRefusal(options.limitBytes)));
      if (options.maxLineBytes !== undefined && longLine === null) {
        let start = 0;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
          lineBytes += i - start;
          if (lineBytes > options.maxLineBytes) break;
          line++;
          lineBytes = 0;
          start = i + 1;
        }
        if (lineBytes <= options.maxLineBytes) lineBytes += chunk.length - start;
        if (lineBytes > options.maxLineBytes) longLine = { line, bytes: lineBytes };
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(file, { mode: 0o600 }));
    return await withFile({ file, bytes, longLine });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const readSpooled = (spooled: Spooled) => createReadStream(spooled.file);
