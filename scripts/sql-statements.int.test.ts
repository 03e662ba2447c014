// The migration runner sends one statement at a time (Citus refuses a DDL text with several, ADR 071); every
// migration is applied through this splitter on both engines, so the whole suite depends on it. These cases are
// the ones that can hide a semicolon.
import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "./lib/sql-statements";
import { listMigrations } from "./lib/migrator";

describe("splitSqlStatements", () => {
  it("splits at semicolons outside comments, strings, identifiers and dollar-quoted bodies", () => {
    const sql = `-- a comment; not a statement
CREATE TABLE "odd;name" (a text DEFAULT 'x;y', b text DEFAULT E'it\\'s; fine', c text DEFAULT 'it''s; fine');
/* block; comment /* nested; */ still comment; */
CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN 'a;b'; END $fn$;
DO $$ BEGIN PERFORM 1; END $$;
SELECT 1 -- trailing; comment
;
-- only a comment at the end;
`;
    const statements = splitSqlStatements(sql);
    expect(statements).toHaveLength(4);
    expect(statements[0]).toMatch(/^-- a comment; not a statement\nCREATE TABLE "odd;name"/);
    expect(statements[0]).toMatch(/'it''s; fine'\);$/);
    expect(statements[1]).toMatch(/RETURN 'a;b'; END \$fn\$;$/);
    expect(statements[2]).toBe("DO $$ BEGIN PERFORM 1; END $$;");
    expect(statements[3]).toBe("SELECT 1 -- trailing; comment\n;");
  });

  it("keeps every character of every migration, in order", () => {
    for (const m of listMigrations()) {
      const statements = splitSqlStatements(m.sql);
      expect(statements.length, m.name).toBeGreaterThan(0);
      const squash = (s: string) => s.replace(/--[^\n]*/g, "").replace(/\s+/g, "");
      expect(squash(statements.join("\n")), m.name).toBe(squash(m.sql));
    }
  });
});
