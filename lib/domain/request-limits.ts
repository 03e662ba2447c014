// How much a request may send (docs/decisions/024-headers-body-limits-and-api-origin.md). Sign-in and ordinary
// forms are small; registers arrive through the upload API, which has its own configurable limit and streams the
// body to disk before taking any lock.

const MIB = 1024 * 1024;

/** Sign-in and every ordinary form: far more than any of them sends. */
export const FORM_BODY_LIMIT_BYTES = 1 * MIB;

/** The register upload page without JavaScript posts the file through a server action; Next refuses an action
 * body over this (next.config.ts serverActions.bodySizeLimit). With JavaScript the page uses the upload API. */
export const REGISTER_FORM_PATH = "/attendance/import";
export const REGISTER_FORM_LIMIT_BYTES = 10 * MIB;

/** The upload API's limit when FAST_TRACK_MAX_UPLOAD_MB does not set one. */
export const DEFAULT_UPLOAD_LIMIT_MB = 200;

/** A register CSV line longer than this is an error naming the line (a real one is under 100 characters), so a
 * file without line breaks cannot make the reader hold it all. */
export const MAX_REGISTER_LINE_BYTES = 10_000;

/** The body limit of a POST to `pathname` that passes through the proxy (pages, their server actions, the API
 * other than uploads). */
export function formBodyLimitBytes(pathname: string): number {
  return pathname === REGISTER_FORM_PATH ? REGISTER_FORM_LIMIT_BYTES : FORM_BODY_LIMIT_BYTES;
}

export function formBodyRefusal(pathname: string): string {
  return pathname === REGISTER_FORM_PATH
    ? `The file is too large to send without JavaScript (at most ${megabytes(REGISTER_FORM_LIMIT_BYTES)}). Turn on JavaScript to upload larger registers, or use the API.`
    : `The form sent more than ${megabytes(FORM_BODY_LIMIT_BYTES)}, which no form here needs. Nothing was saved.`;
}

export function uploadRefusal(limitBytes: number): string {
  return `The file is larger than the ${megabytes(limitBytes)} this service accepts in one upload. Split the register into smaller files (for example one per term) and send each. Nothing was saved.`;
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MIB) * 10) / 10} MB`;
}
