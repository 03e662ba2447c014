// The response headers every page and route carries (docs/decisions/024-headers-body-limits-and-api-origin.md).
// proxy.ts sets them per request, because the Content-Security-Policy carries a fresh nonce each time: Next reads
// it from the request's own Content-Security-Policy header and puts it on its scripts.

/** Paths whose responses are documents a browser renders as HTML. Files (PDF, CSV) and the JSON API get a
 * policy that allows nothing to load, so a browser opening one renders it without running anything. */
export function servesHtml(pathname: string): boolean {
  return !pathname.startsWith("/api/") && !/\.(pdf|csv|json)$/.test(pathname);
}

/**
 * The policy for one response. Scripts run only from this origin with the request's nonce (and what those load,
 * 'strict-dynamic'): no inline script without it, no eval outside development. Styles come from this origin;
 * only style attributes may be inline (a few pages set one), never a <style> element. Nothing may frame the
 * service, and forms post only to it.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { html: boolean; https: boolean; development: boolean },
): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error("A CSP nonce is at least 16 base64 characters");
  if (!options.html) {
    return ["default-src 'none'", "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"].join("; ");
  }
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** HSTS, only on a response served over HTTPS (a browser ignores it over HTTP, and a test server has none). One
 * year, subdomains included: the service is the council's own host name. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Whether every percent-escape in a path is well formed (a % followed by two hex digits, decoding to UTF-8). A
 * path that is not is answered 400 before any route sees it. */
export function wellFormedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
