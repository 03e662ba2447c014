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
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "@prisma/*"], message: "No Prisma in app/: call a lib/server function" },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format); ESLint keeps to meaning.
  prettier,
);
