import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, servesHtml, wellFormedPath } from "./security-headers";

const nonce = "AAAAAAAAAAAAAAAAAAAAAAAA";
const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.split(" ")[0] === name);

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the request's nonce, never inline or by eval in production", () => {
    const policy = contentSecurityPolicy(nonce, { html: true, https: false, development: false });
    expect(directive(policy, "script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "style-src")).toBe("style-src 'self'");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "upgrade-insecure-requests")).toBeUndefined();
  });

  it("allows eval only under next dev, and upgrades requests over HTTPS", () => {
    expect(contentSecurityPolicy(nonce, { html: true, https: false, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy(nonce, { html: true, https: true, development: false })).toContain(
      "upgrade-insecure-requests",
    );
  });

  it("lets files and the JSON API load nothing", () => {
    const policy = contentSecurityPolicy(nonce, { html: false, https: false, development: false });
    expect(directive(policy, "default-src")).toBe("default-src 'none'");
    expect(policy).not.toContain("script-src");
    expect(servesHtml("/cases/export.csv")).toBe(false);
    expect(servesHtml("/referrals/1/prosecution-file.pdf")).toBe(false);
    expect(servesHtml("/api/v1/pupils/A")).toBe(false);
    expect(servesHtml("/cases")).toBe(true);
  });

  it("refuses a nonce too short or with characters that could end the directive", () => {
    expect(() => contentSecurityPolicy("short", { html: true, https: false, development: false })).toThrow();
    expect(() =>
      contentSecurityPolicy("AAAAAAAAAAAAAAAA'; script-src *", { html: true, https: false, development: false }),
    ).toThrow();
  });
});

describe("paths", () => {
  it("with a malformed percent-escape are told apart from well-formed ones", () => {
    expect(wellFormedPath("/pupils/%zz")).toBe(false);
    expect(wellFormedPath("/cases/%E0%A4%A")).toBe(false);
    expect(wellFormedPath("/a/%C3%28")).toBe(false);
    expect(wellFormedPath("/a/%")).toBe(false);
    expect(wellFormedPath("/pupils/caf%C3%A9")).toBe(true);
    expect(wellFormedPath("/cases/0c0e4b1a-0000-4000-8000-000000000000")).toBe(true);
  });
});
