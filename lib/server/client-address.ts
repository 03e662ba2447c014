import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The client's address as the sign-in throttle counts it, from X-Forwarded-For. `next start` adds the socket's
 * address only when the request has no such header, and each trusted reverse proxy (FAST_TRACK_TRUSTED_PROXIES)
 * appends the address it saw; so the entry the nearest trusted proxy (or Next itself) wrote is the last but
 * (proxies − 1). Without a reverse proxy a client can choose the header itself: the per-address limit then only
 * slows a careless attacker, and the per-account limit still holds (docs/decisions/020-sign-in-throttling.md).
 */
export function clientAddressFrom(headers: Headers): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const hops = Math.max(env().FAST_TRACK_TRUSTED_PROXIES, 1);
  return clientAddress(entries[entries.length - hops] ?? null);
}

/** An X-Forwarded-For entry as an address the database's inet type accepts, or null when it is not one. */
export function clientAddress(entry: string | null): string | null {
  const address = entry?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return address && isIP(address) ? address : null;
}
