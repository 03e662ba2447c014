// On Citus, a LANGUAGE sql function that reads a distributed table with its parameters cannot be planned ("could not
// create distributed plan … parameters in SQL functions … Consider using PL/pgSQL"): issue 12's retention functions
// failed that way on the cluster (ADR 075). PL/pgSQL functions are planned with their parameters as values. This
// reads the database's own functions (the migrations' last word on each) and fails on a LANGUAGE sql function with
// parameters whose body names a distributed table; the distributed tables are the migration runner's own placement plan.
import { describe, expect, it } from "vitest";
import { rawPool } from "@/tests/db";
import { planPlacement } from "./lib/citus";

/** The distributed tables a function body reads (FROM or JOIN the table, or a DML statement's target). */
export function tablesRead(body: string, distributed: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const m of body.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_][a-z0-9_]*)/gi)) {
    const table = m[1]!.toLowerCase();
    if (distributed.has(table)) found.add(table);
  }
  return [...found].sort();
}

describe("the database's functions on Citus", () => {
  it("finds the tables a body reads (the reader itself)", () => {
    const distributed = new Set(["retention_schedule", "legal_hold"]);
    expect(
      tablesRead(
        "SELECT coalesce((SELECT s.keep_months FROM retention_schedule s WHERE s.authority_id = p_authority), 72)",
        distributed,
      ),
    ).toEqual(["retention_schedule"]);
    expect(tablesRead("SELECT 1 FROM audit_log a JOIN legal_hold h ON true", distributed)).toEqual(["legal_hold"]);
    expect(tablesRead("SELECT make_date(y, 9, 1)", distributed)).toEqual([]);
  });

  it("has no LANGUAGE sql function with parameters that reads a distributed table", async () => {
    // The tables the migration runner distributes on Citus: its own plan, read from this database.
    const distributed = new Set((await planPlacement(rawPool)).distributed);
    expect(distributed.has("retention_schedule")).toBe(true);
    const { rows: functions } = await rawPool.query<{ name: string; language: string; body: string }>(
      `SELECT p.oid::regprocedure::text AS name, l.lanname AS language, p.prosrc AS body
       FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
       WHERE p.pronamespace = 'public'::regnamespace AND p.pronargs > 0
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    );
    expect(functions.some((f) => f.name.startsWith("retention_keep_months("))).toBe(true);
    const offending = functions
      .filter((f) => f.language === "sql")
      .map((f) => ({ name: f.name, reads: tablesRead(f.body, distributed) }))
      .filter((f) => f.reads.length > 0)
      .map((f) => `${f.name} reads ${f.reads.join(", ")}`);
    expect(offending).toEqual([]);
  });
});
