// The import direction is a lint rule (eslint.config.mjs): these tests prove that the rule refuses what it must,
// by linting small sources as if they lived in each folder.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.resolve(import.meta.dirname, "..", file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import direction", () => {
  // The first lint loads the TypeScript parser and the config (seconds on a busy machine): done once, up front.
  beforeAll(() => restricted("lib/domain/warm-up.ts", "export const x = 1;"), 60_000);

  it("refuses the database, a pg client, the register store and jobs in app/", async () => {
    for (const source of [
      'import { db } from "@/lib/server/db";',
      'import pg from "pg";',
      'import { from } from "pg-copy-streams";',
      'import { pgPool } from "@/lib/server/pg";',
      'import { stageMarks } from "@/lib/server/register-store/stage";',
      'import { runDailyDecisions } from "@/lib/jobs/daily-decisions";',
      'import { PrismaClient } from "@/lib/generated/prisma/client";',
    ]) {
      expect(await restricted("app/example/page.tsx", `${source}\nexport const x = 1;`), source).toHaveLength(1);
    }
    expect(await restricted("app/example/page.tsx", 'import { getCase } from "@/lib/server/cases/get-case";')).toEqual(
      [],
    );
  });

  it("refuses lib/jobs in lib/server (tests aside), and allows it in lib/jobs", async () => {
    const source = 'import { runDailyDecisions } from "@/lib/jobs/daily-decisions";\nexport const x = 1;';
    expect(await restricted("lib/server/cases/example.ts", source)).toHaveLength(1);
    expect(await restricted("lib/server/cases/example.ts", 'import { x } from "../../jobs/worker";')).toHaveLength(1);
    expect(await restricted("lib/server/cases/example.int.test.ts", source)).toEqual([]);
    expect(await restricted("lib/jobs/example.ts", 'import { pgPool } from "@/lib/server/pg";')).toEqual([]);
  });

  it("keeps lib/domain pure", async () => {
    expect(await restricted("lib/domain/example.ts", 'import { db } from "@/lib/server/db";')).toHaveLength(1);
    expect(await restricted("lib/domain/example.ts", 'import fs from "node:fs";')).toHaveLength(1);
  });
});
