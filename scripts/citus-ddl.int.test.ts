// The runner's rewriting of migrations for a cluster whose tables are already distributed (scripts/lib/citus-ddl.ts,
// ADR 071). Pure text; the upgrade itself is proven on a real cluster by scripts/citus-upgrade.int.test.ts under
// npm run test:citus. Beside the other runner tests, in the integration project.
import { describe, expect, it } from "vitest";
import { constraintName, rewriteForDistributed, type CitusKind } from "./lib/citus-ddl";

const kinds: Record<string, CitusKind> = { case_event: "distributed", pupil: "distributed", app_user: "reference" };
const kindOf = (t: string) => kinds[t] ?? null;
const sql = (statement: string) =>
  rewriteForDistributed(statement, kindOf).map((s) =>
    "sql" in s ? s.sql.replace(/\s+/g, " ") : "foreignKey" in s ? `HELD ${JSON.stringify(s.foreignKey)}` : "DISTRIBUTE",
  );

describe("rewriteForDistributed", () => {
  it("gives each subcommand of an ALTER TABLE of a Citus table its own statement, and names an inline CHECK as PostgreSQL would", () => {
    expect(
      sql(`-- a comment
ALTER TABLE case_event
  ADD COLUMN outcome text CHECK (outcome IN ('held', 'refused')),
  ADD CONSTRAINT case_event_id_key UNIQUE (id, authority_id);`),
    ).toEqual([
      "ALTER TABLE case_event ADD COLUMN outcome text",
      `ALTER TABLE case_event ADD CONSTRAINT "case_event_outcome_check" CHECK (outcome IN ('held', 'refused'))`,
      "ALTER TABLE case_event ADD CONSTRAINT case_event_id_key UNIQUE (id, authority_id)",
    ]);
    expect(sql("ALTER TABLE app_user ADD COLUMN totp text, ADD CONSTRAINT app_user_totp CHECK (totp <> '')")).toEqual([
      "ALTER TABLE app_user ADD COLUMN totp text",
      "ALTER TABLE app_user ADD CONSTRAINT app_user_totp CHECK (totp <> '')",
    ]);
  });

  it("creates a new table without its foreign keys to distributed tables, distributes it, then adds them by name", () => {
    expect(
      sql(`CREATE TABLE case_event_party (
  authority_id uuid NOT NULL REFERENCES authority (id),
  event_id uuid NOT NULL,
  -- a comment (with, a comma)
  user_id uuid,
  PRIMARY KEY (authority_id, event_id),
  FOREIGN KEY (event_id, authority_id) REFERENCES case_event (id, authority_id),
  CONSTRAINT named_user FOREIGN KEY (user_id, authority_id) REFERENCES app_user (id, authority_id)
);`),
    ).toEqual([
      "CREATE TABLE case_event_party ( authority_id uuid NOT NULL REFERENCES authority (id), event_id uuid NOT NULL, user_id uuid, PRIMARY KEY (authority_id, event_id), CONSTRAINT named_user FOREIGN KEY (user_id, authority_id) REFERENCES app_user (id, authority_id) )",
      "DISTRIBUTE",
      `ALTER TABLE case_event_party ADD CONSTRAINT "case_event_party_event_id_authority_id_fkey" FOREIGN KEY (event_id, authority_id) REFERENCES case_event (id, authority_id)`,
    ]);
  });

  it("hands a foreign key with ON UPDATE CASCADE between distributed tables to the runner, which holds it another way", () => {
    expect(
      sql(`ALTER TABLE case_event
  ADD COLUMN pupil_id uuid,
  ADD CONSTRAINT case_event_pupil_fk FOREIGN KEY (authority_id, pupil_id)
    REFERENCES pupil (authority_id, id) ON UPDATE CASCADE;`),
    ).toEqual([
      "ALTER TABLE case_event ADD COLUMN pupil_id uuid",
      `HELD ${JSON.stringify({ table: "case_event", name: "case_event_pupil_fk", definition: "FOREIGN KEY (authority_id, pupil_id) REFERENCES pupil (authority_id, id) ON UPDATE CASCADE" })}`,
    ]);
    expect(
      sql(
        "ALTER TABLE case_event ADD CONSTRAINT case_event_pupil_fk FOREIGN KEY (authority_id, pupil_id) REFERENCES pupil (authority_id, id) ON UPDATE CASCADE",
      ),
    ).toHaveLength(1);
    expect(
      sql(
        "ALTER TABLE case_event ADD CONSTRAINT case_event_pupil_fk FOREIGN KEY (authority_id, pupil_id) REFERENCES pupil (authority_id, id) ON UPDATE CASCADE",
      )[0],
    ).toMatch(/^HELD /);
  });

  it("places a table the migration created before a Citus table's foreign key to it (issue 15's courts)", () => {
    expect(
      sql(`ALTER TABLE case_event
  ADD COLUMN court_id uuid,
  ADD CONSTRAINT case_event_court_fk FOREIGN KEY (court_id, authority_id) REFERENCES court (id, authority_id),
  ADD CONSTRAINT case_event_x CHECK (true);`),
    ).toEqual([
      "ALTER TABLE case_event ADD COLUMN court_id uuid",
      "DISTRIBUTE",
      "ALTER TABLE case_event ADD CONSTRAINT case_event_court_fk FOREIGN KEY (court_id, authority_id) REFERENCES court (id, authority_id)",
      "ALTER TABLE case_event ADD CONSTRAINT case_event_x CHECK (true)",
    ]);
    // A key to a table Citus already holds needs nothing first.
    expect(
      sql(
        "ALTER TABLE case_event ADD CONSTRAINT k FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id)",
      ),
    ).toEqual([
      "ALTER TABLE case_event ADD CONSTRAINT k FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id)",
    ]);
  });

  it("places a new table before its own foreign key to a distributed table (issue 15's flag notes)", () => {
    expect(
      sql(
        "ALTER TABLE case_flag_note ADD CONSTRAINT n FOREIGN KEY (flag_id, authority_id) REFERENCES case_event (id, authority_id)",
      ),
    ).toEqual([
      "DISTRIBUTE",
      "ALTER TABLE case_flag_note ADD CONSTRAINT n FOREIGN KEY (flag_id, authority_id) REFERENCES case_event (id, authority_id)",
    ]);
    expect(sql("ALTER TABLE case_flag_note ADD CONSTRAINT n CHECK (true)")).toEqual([
      "ALTER TABLE case_flag_note ADD CONSTRAINT n CHECK (true)",
    ]);
  });

  it("adds a NOT NULL column with a sequence default alone, then makes it NOT NULL (the register store's keys)", () => {
    expect(
      sql("ALTER TABLE pupil ADD COLUMN store_key integer NOT NULL DEFAULT nextval('pupil_store_key_seq');"),
    ).toEqual([
      "ALTER TABLE pupil ADD COLUMN store_key integer DEFAULT nextval('pupil_store_key_seq')",
      "ALTER TABLE pupil ALTER COLUMN store_key SET NOT NULL",
    ]);
  });

  it("makes a sequence owned by a Citus table's column on the coordinator alone (Citus refuses to alter a distributed sequence)", () => {
    expect(sql("ALTER SEQUENCE pupil_store_key_seq OWNED BY pupil.store_key;")).toEqual([
      "SET LOCAL citus.enable_ddl_propagation TO off",
      "ALTER SEQUENCE pupil_store_key_seq OWNED BY pupil.store_key;",
      "SET LOCAL citus.enable_ddl_propagation TO on",
    ]);
    expect(sql("ALTER SEQUENCE s OWNED BY audit_log.id")).toEqual(["ALTER SEQUENCE s OWNED BY audit_log.id"]);
  });

  it("leaves alone what Citus accepts, and tables Citus does not hold", () => {
    for (const statement of [
      "ALTER TABLE case_event ADD CONSTRAINT x CHECK (true);",
      "ALTER TABLE audit_log ADD COLUMN a text CHECK (a <> ''), ADD CONSTRAINT y CHECK (true);",
      "CREATE TABLE t (authority_id uuid NOT NULL REFERENCES authority (id), PRIMARY KEY (authority_id));",
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1;",
    ])
      expect(rewriteForDistributed(statement, kindOf)).toEqual([{ sql: statement }]);
  });

  it("names constraints as PostgreSQL does, within 63 bytes", () => {
    expect(constraintName("case_event", ["outcome"], "check")).toBe("case_event_outcome_check");
    expect(constraintName("attendance_certificate", ["evidence_id", "authority_id", "content_hash"], "fkey")).toBe(
      "attendance_certificate_evidence_id_authority_id_content_ha_fkey",
    );
  });
});
