// Fails when prisma/schema.prisma (as compiled into the generated client) and the migrated database disagree
// on tables, columns or column types. Migrations are hand-written SQL, so this is what keeps the two in step.
import { describe, expect, it } from "vitest";
import { rawPool, testDb } from "@/tests/db";

type RuntimeField = { name: string; kind: "scalar" | "enum" | "object"; type: string; dbName?: string | null };
type RuntimeModel = { dbName: string | null; fields: RuntimeField[] };

const COMPATIBLE: Record<string, string[]> = {
  String: ["text", "uuid", "inet"],
  Int: ["integer", "smallint"],
  BigInt: ["bigint"],
  Boolean: ["boolean"],
  DateTime: ["timestamp with time zone", "date"],
  Json: ["jsonb"],
  Decimal: ["numeric"],
  Bytes: ["bytea"],
};

describe("schema.prisma matches the database", () => {
  it("has the same tables, columns and types", async () => {
    const models = (testDb as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })
      ._runtimeDataModel.models;
    const { rows } = await rawPool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      domain_name: string | null;
    }>(
      `SELECT c.table_name, c.column_name, c.data_type, c.domain_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND c.table_name <> 'schema_migration' AND t.table_type = 'BASE TABLE'
         -- The register store's partitions (and a first load's table before it is attached) are its model's table:
         -- by authority, year and month on PostgreSQL (ADR 083), by year on Citus (ADR 076).
         AND c.table_name !~ '^attendance_mark_([0-9a-f]{32}(_[0-9]{4}(_[0-9]{6})?)?|y[0-9]{4})$'`,
    );
    const dbColumns = new Map<string, Map<string, string>>();
    for (const r of rows) {
      if (!dbColumns.has(r.table_name)) dbColumns.set(r.table_name, new Map());
      // An enum of schema.prisma is an enum type or a domain over text in the database (ADR 071).
      dbColumns
        .get(r.table_name)!
        .set(r.column_name, r.domain_name && r.data_type === "text" ? "text domain" : r.data_type);
    }

    const problems: string[] = [];
    const modelTables = new Set<string>();
    for (const [name, model] of Object.entries(models)) {
      const table = model.dbName ?? name;
      modelTables.add(table);
      const columns = dbColumns.get(table);
      if (!columns) {
        problems.push(`model ${name}: table ${table} is missing from the database`);
        continue;
      }
      const modelColumns = new Set<string>();
      for (const field of model.fields.filter((f) => f.kind !== "object")) {
        const column = field.dbName ?? field.name;
        modelColumns.add(column);
        const type = columns.get(column);
        if (!type) problems.push(`${table}.${column} (${name}.${field.name}) is missing from the database`);
        else if (
          field.kind === "enum"
            ? type !== "USER-DEFINED" && type !== "text domain"
            : !COMPATIBLE[field.type]?.includes(type === "text domain" ? "text" : type)
        ) {
          problems.push(`${table}.${column}: schema.prisma says ${field.type}, the database has ${type}`);
        }
      }
      for (const column of columns.keys()) {
        if (!modelColumns.has(column)) problems.push(`${table}.${column} is in the database but not in schema.prisma`);
      }
    }
    for (const table of dbColumns.keys()) {
      if (!modelTables.has(table)) problems.push(`table ${table} is in the database but has no model in schema.prisma`);
    }
    expect(problems).toEqual([]);
  });
});
