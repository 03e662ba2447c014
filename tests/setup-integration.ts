import { inject } from "vitest";

// Every integration test file talks to the throwaway database made by tests/global-setup.ts.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.OWNER_DATABASE_URL = inject("ownerDatabaseUrl");
process.env.FAST_TRACK_MFA_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
// The service's "now" is fixed for integration tests (a Friday in the autumn term of 2026/27), so tests that
// depend on the academic year, term calendars or windows give the same answer whatever day they run.
process.env.FAST_TRACK_CLOCK ??= "2026-11-20";
