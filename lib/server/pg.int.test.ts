// Statements with parameters are prepared by name once per connection (ADR 084), through the pg pool and Prisma's
// adapter alike: the same text always has the same name; a statement without parameters goes unnamed as before.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "./db";
import { closePgPool, MAX_NAMED_STATEMENTS, pgPool, statementName } from "./pg";

afterAll(async () => {
  await closePgPool();
});

const prepared = async (query: (text: string) => Promise<{ rows: { name: string }[] }>) =>
  (await query("SELECT name FROM pg_prepared_statements ORDER BY name")).rows.map((r) => r.name);

describe("statements prepared by name", () => {
  it("names a statement by its text: the same text the same name, another text another", () => {
    const a = statementName("SELECT $1::int AS n");
    expect(a).toMatch(/^ft_[0-9a-f]{24}$/);
    expect(statementName("SELECT $1::int AS n")).toBe(a);
    expect(statementName("SELECT $1::int AS m")).not.toBe(a);
    expect(MAX_NAMED_STATEMENTS).toBeGreaterThanOrEqual(100);
  });

  it("prepares a pg pool statement with parameters once on its connection, and one without none", async () => {
    const client = await pgPool().connect();
    try {
      const text = "SELECT $1::int + 1 AS n /* pg.int.test */";
      expect((await client.query(text, [1])).rows).toEqual([{ n: 2 }]);
      expect((await client.query(text, [2])).rows).toEqual([{ n: 3 }]);
      await client.query("SELECT 1 AS plain /* pg.int.test */");
      const names = await prepared((t) => client.query(t));
      expect(names).toContain(statementName(text));
      expect(names.filter((n) => n === statementName(text))).toHaveLength(1);
      expect(names.every((n) => n.startsWith("ft_"))).toBe(true);
    } finally {
      client.release();
    }
  });

  it("prepares Prisma's statements with parameters by the same names", async () => {
    const rows = await db.$queryRaw<
      { name: string }[]
    >`SELECT name FROM pg_prepared_statements WHERE name LIKE ${"ft_%"}`;
    expect(rows.map((r) => r.name)).toContain(
      statementName("SELECT name FROM pg_prepared_statements WHERE name LIKE $1"),
    );
  });
});
