// Prisma CLI configuration. The CLI is only used offline for `prisma generate`; migrations are SQL files
// applied by scripts/lib/migrator.ts (see docs/decisions/003-sql-migrations.md).
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
