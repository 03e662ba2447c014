// Stands in for the `server-only` package under Vitest and the command line (see vitest.config.ts).
export {};
