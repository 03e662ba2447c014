import { describe, expect, it } from "vitest";
import { demoAccess, demoDataOnStart } from "./demo-data";

describe("demo data on npm start", () => {
  it("is seeded only into an empty embedded database, never a server's", () => {
    expect(demoDataOnStart({ kind: "embedded", empty: true, noDemo: false })).toBe("seed");
    expect(demoDataOnStart({ kind: "server", empty: true, noDemo: false })).toBe("server");
    expect(demoDataOnStart({ kind: "embedded", empty: true, noDemo: true })).toBe("no-demo");
    expect(demoDataOnStart({ kind: "embedded", empty: false, noDemo: false })).toBe("not-empty");
    expect(demoDataOnStart({ kind: "server", empty: false, noDemo: false })).toBe("not-empty");
  });
});

describe("demo accounts", () => {
  it("sign in only on a database created as a demo, and skip the second factor only on the embedded one", () => {
    const demo = { demo: true };
    expect(demoAccess(demo, null)).toEqual({ maySignIn: false, secondFactorExempt: false });
    expect(demoAccess(demo, { embedded: false })).toEqual({ maySignIn: true, secondFactorExempt: false });
    expect(demoAccess(demo, { embedded: true })).toEqual({ maySignIn: true, secondFactorExempt: true });
  });

  it("never change anything for real users", () => {
    for (const marker of [null, { embedded: false }, { embedded: true }]) {
      expect(demoAccess({ demo: false }, marker)).toEqual({ maySignIn: true, secondFactorExempt: false });
    }
  });
});
