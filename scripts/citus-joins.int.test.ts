// On Citus, a join of two distributed tables is routed to one authority's shard group only when it is on the
// distribution column: `JOIN attendance_case c ON c.id = f.case_id` is not known to be co-located, and runs as a
// repartition join across every shard (ADR 074: the demo dashboard took 30 s on the cluster against 0.85 s on
// PostgreSQL). The composite foreign keys (ADR 070) make `c.authority_id = f.authority_id AND c.id = f.case_id`
// the same rows, so every join of a distributed table in the app's SQL names authority_id. This reads the app's
// SQL, and the tests' own (whose joins cost the cluster as much), and fails on a join that does not; the
// distributed tables are the migration runner's own placement plan (planPlacement in scripts/lib/citus.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rawPool } from "@/tests/db";
import { hasCitus, planPlacement, STORE_TABLES } from "./lib/citus";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDERS = ["app", "lib", "prisma"];

/** The TypeScript files under dir: the app's (tests: false) or the tests' (tests: true: *.test.ts, and tests/ and
 * e2e/ whole). */
function sourceFiles(dir: string, tests = false): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory())
      return ["generated", "migrations", "node_modules"].includes(e.name) ? [] : sourceFiles(full, tests);
    const test = /\.test\.tsx?$/.test(e.name) || /^(tests|e2e)\//.test(path.relative(ROOT, full));
    return /\.tsx?$/.test(e.name) && test === tests ? [full] : [];
  });
}

/** Each join of a distributed table in the files that does not name authority_id, and how many joins were read. */
async function joinsWithoutAuthority(files: string[]): Promise<{ offending: string[]; seen: number }> {
  const distributed = new Set((await planPlacement(rawPool)).distributed);
  const offending: string[] = [];
  let seen = 0;
  for (const file of files) {
    for (const join of joinsIn(fs.readFileSync(file, "utf8"))) {
      if (!distributed.has(join.table)) continue;
      seen++;
      if (!/authority_id/.test(join.condition))
        offending.push(`${path.relative(ROOT, file)}:${join.line}: JOIN ${join.table} ON ${join.condition}`);
    }
  }
  return { offending, seen };
}

/** Each `JOIN table alias ON condition` in a file's text, the condition up to the next clause. */
function joinsIn(text: string): { table: string; condition: string; line: number }[] {
  const joins = [];
  const pattern =
    /\bJOIN\s+([a-z_]+)\s+(?:AS\s+)?(?!ON\b)[a-z_]+\s+ON\s+([\s\S]*?)(?=\b(?:LEFT|RIGHT|INNER|FULL|CROSS)?\s*JOIN\b|\bWHERE\b|\bGROUP\s+BY\b|\bORDER\s+BY\b|\bUNION\b|\bLIMIT\b|`|\)\s*(?:,|SELECT|$))/gi;
  for (const m of text.matchAll(pattern))
    joins.push({
      table: m[1]!,
      condition: m[2]!.replace(/\s+/g, " ").trim(),
      line: text.slice(0, m.index).split("\n").length,
    });
  return joins;
}

describe("the app's SQL on Citus", () => {
  it("distributes every store table by authority, co-located with the casework, on a cluster", async () => {
    if (!(await hasCitus(rawPool))) {
      // PostgreSQL: the store keeps ADR 050's two levels (by authority, then by year), as its migrations made it.
      const { rows } = await rawPool.query<{ strategy: string }>(
        "SELECT partstrat::text AS strategy FROM pg_partitioned_table WHERE partrelid = 'attendance_mark'::regclass",
      );
      expect(rows).toEqual([{ strategy: "l" }]);
      return;
    }
    const { rows } = await rawPool.query<{ table: string; method: string; group: number }>(
      `SELECT logicalrelid::regclass::text AS table, partmethod::text AS method, colocationid AS group
       FROM pg_dist_partition WHERE logicalrelid::regclass::text = ANY ($1::text[] || '{attendance_case}')`,
      [[...STORE_TABLES]],
    );
    const byTable = new Map(rows.map((r) => [r.table, r]));
    const caseGroup = byTable.get("attendance_case")?.group;
    expect(caseGroup).toBeDefined();
    expect(STORE_TABLES.filter((t) => byTable.get(t)?.method !== "h" || byTable.get(t)?.group !== caseGroup)).toEqual(
      [],
    );
    // One level of partitions on the cluster: by academic year, shared by every authority.
    const { rows: form } = await rawPool.query<{ strategy: string }>(
      "SELECT partstrat::text AS strategy FROM pg_partitioned_table WHERE partrelid = 'attendance_mark'::regclass",
    );
    expect(form).toEqual([{ strategy: "r" }]);
  });

  it("finds a join on the id alone, and one that names authority_id (the reader itself)", () => {
    const bad = joinsIn("SELECT 1 FROM case_flag f JOIN attendance_case c ON c.id = f.case_id WHERE f.x = 1");
    expect(bad).toEqual([{ table: "attendance_case", condition: "c.id = f.case_id", line: 1 }]);
    const good = joinsIn(
      "FROM court_sentence s\n JOIN court_outcome o ON o.authority_id = s.authority_id AND o.id = s.outcome_id\n WHERE",
    );
    expect(good).toEqual([
      { table: "court_outcome", condition: "o.authority_id = s.authority_id AND o.id = s.outcome_id", line: 2 },
    ]);
  });

  it("joins every distributed table on authority_id as well as its id", async () => {
    // The tables the migration runner distributes on Citus: its own plan, read from this database.
    const distributed = new Set((await planPlacement(rawPool)).distributed);
    expect(distributed.has("attendance_case")).toBe(true);
    expect(distributed.has("court_outcome")).toBe(true);
    // The register store is distributed with the casework (ADR 076): a store table left on the coordinator fails.
    expect(STORE_TABLES.filter((t) => !distributed.has(t))).toEqual([]);
    const { offending, seen } = await joinsWithoutAuthority(FOLDERS.flatMap((f) => sourceFiles(path.join(ROOT, f))));
    expect(seen).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });

  it("joins them the same way in the tests' own reads", async () => {
    // A test's repartition join costs the cluster as much as the app's: each of the CTF import test's reads of
    // parents joined on the id alone took 25-28 s on the 2-core test cluster, and took two tests past vitest's 30 s
    // (ADR 073's addendum). This file and the functions test hold offending samples on purpose.
    const samples = ["scripts/citus-joins.int.test.ts", "scripts/citus-functions.int.test.ts"];
    const files = [...FOLDERS, "scripts", "tests", "e2e"]
      .flatMap((f) => sourceFiles(path.join(ROOT, f), true))
      .filter((f) => !samples.includes(path.relative(ROOT, f)));
    const { offending, seen } = await joinsWithoutAuthority(files);
    expect(seen).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });
});
