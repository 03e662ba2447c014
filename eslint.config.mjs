import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "public/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      ".data/**",
    ],
  },
  js.configs.recommended,
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // lib/env.ts is the only reader of the environment (scripts and tests set it up for children).
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts" },
      ],
    },
  },
  {
    files: [
      "lib/env.ts",
      "scripts/**",
      "tests/**",
      "e2e/**",
      "playwright.config.ts",
      "prisma.config.ts",
      "vitest.config.ts",
      "**/*.test.ts",
      "prisma/factories.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Imports flow one way: app → lib/server → lib/domain. The domain has no I/O and no framework.
    files: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/*", "@/lib/generated/*", "next/*", "next", "@prisma/*", "pg", "node:*", "react"],
              message: "lib/domain is pure: no I/O, Prisma or Next imports",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**", "lib/schemas/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/*", "@/lib/generated/*"],
              message: "Components and schemas must not import server code",
            },
          ],
        },
      ],
    },
  },
  {
    // Pages, actions and routes call lib/server functions: never the database, a pg client or the register store.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "@prisma/*"], message: "No Prisma in app/: call a lib/server function" },
            {
              group: [
                "pg",
                "pg-*",
                "@/lib/server/db",
                "@/lib/server/pg",
                "@/lib/server/queryable",
                "@/lib/server/register-store",
                "@/lib/server/register-store/*",
                "**/lib/server/db",
                "**/lib/server/pg",
                "**/lib/server/register-store/*",
              ],
              message: "No database in app/: call the lib/server function that does the work",
            },
            { group: ["@/lib/jobs/*", "**/lib/jobs/*"], message: "app/ does not run jobs: call a lib/server function" },
          ],
        },
      ],
    },
  },
  {
    // Jobs sit on top of lib/server, never beside it: what both need lives in lib/server or lib/domain.
    files: ["lib/server/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/jobs/*", "**/lib/jobs/*", "../../jobs/*", "../jobs/*"],
              message: "lib/server must not import lib/jobs: move what both need into lib/server or lib/domain",
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format); ESLint keeps to meaning.
  prettier,
);
