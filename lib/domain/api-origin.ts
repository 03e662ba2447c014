// The rule for /api/v1 requests that carry a session cookie instead of a Bearer token
// (docs/decisions/024-headers-body-limits-and-api-origin.md). A cookie is sent by the browser whoever made the
// page that sends it; a token is not. So a request signed in by cookie must show that it comes from the service's
// own pages: a write needs an Origin header naming this service, and no request may come from another site.

export type CookieRequest = {
  method: string;
  /** The Origin header, if any. */
  origin: string | null;
  /** The Sec-Fetch-Site header, if any (browsers send it with every request). */
  secFetchSite: string | null;
  /** The origins this service answers on: its public URL (NEXTAUTH_URL) and the one the request was sent to. */
  ownOrigins: readonly string[];
};

const READS = new Set(["GET", "HEAD"]);

/** Whether a cookie-authenticated API request may proceed. */
export function cookieRequestAllowed(request: CookieRequest): boolean {
  if (request.secFetchSite !== null && request.secFetchSite !== "same-origin" && request.secFetchSite !== "none")
    return false;
  if (request.origin !== null) return request.ownOrigins.includes(request.origin);
  // No Origin header: browsers send one with every write, so a write without it is not from a page of ours.
  return READS.has(request.method.toUpperCase());
}

/** The origin a request was addressed to, from its Host header and the scheme it arrived by. */
export function addressedOrigin(host: string | null, https: boolean): string | null {
  if (!host || !/^[A-Za-z0-9.[\]:-]+$/.test(host)) return null;
  return `${https ? "https" : "http"}://${host.toLowerCase()}`;
}
