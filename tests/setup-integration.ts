import { inject } from "vitest";

// Every integration test file talks to the throwaway database made by tests/global-setup.ts.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
