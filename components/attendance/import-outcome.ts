// What an attempt to import a register comes to, whichever way the file was sent: by the browser straight to
// POST /api/v1/attendance/imports (with JavaScript, showing upload progress) or through the page's server action
// (without JavaScript). Both are turned into the same state, so the page shows them the same way.

import { apiValidationErrors, importResponse } from "@/lib/schemas/api";

export type ImportRowError = { line: number | null; upn: string | null; date: string | null; message: string };

export type ImportSaved = { filename: string; marksCreated: number; marksUpdated: number; marksUnchanged: number };

export type ImportState =
  | null
  | { ok: true; data: ImportSaved }
  | { ok: false; fieldErrors: Record<string, string[]>; formError?: string; rowErrors: ImportRowError[] };

export const fileError = (message: string): ImportState => ({
  ok: false,
  fieldErrors: { file: [message] },
  rowErrors: [],
});

/** The state for an answer of the import API (or of importRegister, which gives the API its answer). */
export function importStateFrom(status: number, body: unknown, filename: string): ImportState {
  const saved = status === 201 ? importResponse.safeParse(body) : null;
  if (saved?.success) {
    const { marksCreated, marksUpdated, marksUnchanged } = saved.data;
    return { ok: true, data: { filename, marksCreated, marksUpdated, marksUnchanged } };
  }
  const refused = status === 422 ? apiValidationErrors.safeParse(body) : null;
  if (refused?.success) {
    const errors = refused.data.errors;
    const rowErrors = errors
      .filter((e) => e.field === undefined)
      .map((e) => ({ line: e.line ?? null, upn: e.upn ?? null, date: e.date ?? null, message: e.message }));
    const general = errors.filter((e) => e.field !== undefined).map((e) => e.message);
    // Beyond the listed errors the API adds one line "…and N more errors".
    const listed = rowErrors.filter((e) => e.line !== null).length;
    const more = rowErrors.reduce((n, e) => n + Number(/^…and (\d+) more errors?$/.exec(e.message)?.[1] ?? 0), 0);
    const total = listed + more;
    const formError =
      total > 0
        ? `Nothing was saved: ${filename || "the file"} has ${total === 1 ? "1 problem" : `${total.toLocaleString("en-GB")} problems`}${more > 0 ? ` (the first ${listed.toLocaleString("en-GB")} are listed)` : ""}. Correct ${total === 1 ? "it" : "them"} and upload the file again.`
        : undefined;
    return { ok: false, fieldErrors: general.length ? { file: general } : {}, formError, rowErrors };
  }
  const message = (body as { message?: unknown } | null)?.message;
  if (status === 403) return fileError(typeof message === "string" ? message : "You cannot import this register");
  if (status === 401) return fileError("Your session has ended. Sign in again, then upload the file.");
  if (status === 413) return fileError(typeof message === "string" ? message : "The file is too large to upload");
  return fileError("The register could not be imported because of a problem with the service. Try again later.");
}
