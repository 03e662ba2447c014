import { describe, expect, it } from "vitest";
import { CODE_SETS, SET_2024_FROM } from "@/lib/domain/attendance-codes";
import { rawPool } from "@/tests/db";

describe("attendance_code reference table", () => {
  it("holds exactly the codes, meanings and categories of lib/domain/attendance-codes.ts", async () => {
    const { rows } = await rawPool.query<{
      code_set: number;
      code: string;
      meaning: string;
      category: string;
      valid_from: string;
      valid_to: string | null;
    }>(
      "SELECT code_set, code, meaning, category, valid_from::text, valid_to::text FROM attendance_code ORDER BY code_set, code",
    );
    const expected = Object.entries(CODE_SETS)
      .flatMap(([set, codes]) =>
        codes.map((c) => ({
          code_set: Number(set),
          code: c.code,
          meaning: c.meaning,
          category: c.category,
          valid_from: set === "2006" ? "2000-01-01" : SET_2024_FROM,
          valid_to: set === "2006" ? "2024-08-18" : null,
        })),
      )
      .sort((a, b) => a.code_set - b.code_set || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    expect(rows).toEqual(expected);
  });

  it("has an IMMUTABLE category function that agrees with the table for every code", async () => {
    const { rows } = await rawPool.query(
      `SELECT code_set, code FROM attendance_code WHERE attendance_code_category(code_set, code) IS DISTINCT FROM category`,
    );
    expect(rows).toEqual([]);
    const {
      rows: [unknown],
    } = await rawPool.query("SELECT attendance_code_category(2024::smallint, 'J') AS c");
    expect(unknown.c).toBeNull();
  });

  it("refuses a mark whose code does not exist on its date, or whose category is wrong", async () => {
    const insert = (date: string, set: number, code: string, category: string) =>
      rawPool.query(
        `INSERT INTO attendance_mark (pupil_id, date, session, school_id, authority_id, code_set, code, category)
         VALUES (gen_random_uuid(), $1, 0, gen_random_uuid(), gen_random_uuid(), $2, $3, $4)`,
        [date, set, code, category],
      );
    await expect(insert("2025-10-01", 2024, "J", "approved_activity")).rejects.toThrow(/attendance_mark_code_valid/);
    await expect(insert("2025-10-01", 2024, "I", "present")).rejects.toThrow(/attendance_mark_code_valid/);
    await expect(insert("2025-10-01", 2006, "I", "authorised")).rejects.toThrow(/attendance_mark_code_set_by_date/);
  });
});
