import { describe, expect, it } from "vitest";
import { addressedOrigin, cookieRequestAllowed } from "./api-origin";

const own = ["https://fasttrack.example.gov.uk", "http://127.0.0.1:3000"];

describe("cookie-authenticated API requests", () => {
  it("allow a write from the service's own page", () => {
    expect(
      cookieRequestAllowed({ method: "POST", origin: own[0]!, secFetchSite: "same-origin", ownOrigins: own }),
    ).toBe(true);
  });

  it("refuse a write from another site, a sibling subdomain, or without an Origin header", () => {
    expect(
      cookieRequestAllowed({ method: "POST", origin: "https://evil.example", secFetchSite: null, ownOrigins: own }),
    ).toBe(false);
    expect(
      cookieRequestAllowed({
        method: "POST",
        origin: "https://other.example.gov.uk",
        secFetchSite: "same-site",
        ownOrigins: own,
      }),
    ).toBe(false);
    expect(cookieRequestAllowed({ method: "POST", origin: null, secFetchSite: null, ownOrigins: own })).toBe(false);
    expect(cookieRequestAllowed({ method: "DELETE", origin: "null", secFetchSite: null, ownOrigins: own })).toBe(false);
  });

  it("allow a read typed into the address bar, and refuse one another site makes", () => {
    expect(cookieRequestAllowed({ method: "GET", origin: null, secFetchSite: "none", ownOrigins: own })).toBe(true);
    expect(cookieRequestAllowed({ method: "GET", origin: null, secFetchSite: null, ownOrigins: own })).toBe(true);
    expect(cookieRequestAllowed({ method: "GET", origin: null, secFetchSite: "cross-site", ownOrigins: own })).toBe(
      false,
    );
    expect(
      cookieRequestAllowed({ method: "GET", origin: "https://evil.example", secFetchSite: null, ownOrigins: own }),
    ).toBe(false);
  });

  it("work out the origin a request was sent to from its Host header", () => {
    expect(addressedOrigin("127.0.0.1:3000", false)).toBe("http://127.0.0.1:3000");
    expect(addressedOrigin("FastTrack.example.gov.uk", true)).toBe("https://fasttrack.example.gov.uk");
    expect(addressedOrigin("evil.example/path", false)).toBeNull();
    expect(addressedOrigin(null, false)).toBeNull();
  });
});
