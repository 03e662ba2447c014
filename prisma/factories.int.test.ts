// Test authorities and the demo share one test database: the demo seed (seed-enforcement.int.test.ts) creates
// the demo authorities by their real LA codes, so a random test authority that took one of those codes first
// made that file's seeding fail (seen once in CI on 6 December 2026: 1 failed, its 5 tests skipped).
import { describe, expect, it } from "vitest";
import { DEMO_LA_CODES, drawTestLaCode, seededRng, TEST_URN_MAX } from "./factories";
import { DEMO_AUTHORITIES } from "./seed";

describe("test authorities and schools keep clear of the demo's codes", () => {
  it("are the demo authorities' codes that the factories keep clear of", () => {
    expect([...DEMO_LA_CODES].sort()).toEqual(DEMO_AUTHORITIES.map((a) => a.laCode).sort());
  });

  it("are never a demo authority's code, over every code the draw can give", () => {
    const rng = seededRng(20261206);
    const drawn = new Set<string>();
    for (let i = 0; i < 20_000; i++) drawn.add(drawTestLaCode(rng));
    for (const code of DEMO_LA_CODES) expect(drawn.has(code), code).toBe(false);
    // Every other three-digit code is reachable, so the draw really ranges over them.
    expect(drawn.size).toBe(900 - DEMO_LA_CODES.length);
    for (const code of drawn) expect(code).toMatch(/^[1-9][0-9]{2}$/);
  });

  it("test schools' URNs stay below every demo school's URN", () => {
    const demoUrns = DEMO_AUTHORITIES.flatMap((a) => a.schools.map((s) => s.urn));
    expect(Math.min(...demoUrns)).toBeGreaterThan(TEST_URN_MAX);
  });
});
