import { describe, expect, it } from "vitest";
import {
  CODE_SETS,
  codeIdOn,
  NUMBERED_CODES,
  PENALTY_NOTICE_CODES,
  PENALTY_NOTICE_THRESHOLD,
  SET_2024_FROM,
} from "@/lib/domain/attendance-codes";
import { PERSISTENT_ABSENCE_THRESHOLD } from "@/lib/domain/attendance-rates";
import { makeAuthority } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";

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

  it("numbers the codes as lib/domain does, and the store's functions agree with the table for every code", async () => {
    const { rows } = await rawPool.query<{ id: number; code_set: number; code: string; category: string }>(
      "SELECT id, code_set, code, category FROM attendance_code ORDER BY id",
    );
    expect(rows).toEqual(
      NUMBERED_CODES.map((c) => ({ id: c.id, code_set: Number(c.codeSet), code: c.code, category: c.category })),
    );
    const { rows: disagree } = await rawPool.query(
      `SELECT id FROM attendance_code
       WHERE attendance_code_text(id) IS DISTINCT FROM code OR attendance_mark_category(id) IS DISTINCT FROM category
          OR attendance_code_counts_for_penalty(id) IS DISTINCT FROM (code = ANY($1))`,
      [[...PENALTY_NOTICE_CODES]],
    );
    expect(disagree).toEqual([]);
  });

  it("refuses a mark whose code number does not exist, or is not of the set in force on its date", async () => {
    const authority = await makeAuthority(testDb);
    await rawPool.query(
      "SELECT attendance_mark_ensure_year($1, 2025::smallint), attendance_mark_ensure_year($1, 2023::smallint)",
      [authority.id],
    );
    const insert = (date: string, codeId: number) =>
      rawPool.query(
        `INSERT INTO attendance_mark (authority_id, pupil_key, date, school_key, session, code_id)
         VALUES ($1, 1, $2, 1, 0, $3)`,
        [authority.id, date, codeId],
      );
    await expect(insert("2025-10-01", 61)).rejects.toThrow(/attendance_mark_code_valid/);
    await expect(insert("2024-06-03", 0)).rejects.toThrow(/attendance_mark_code_valid/);
    await expect(insert("2025-10-01", codeIdOn("I", "2024-06-03")!)).rejects.toThrow(
      /attendance_mark_code_set_by_date/,
    );
    await expect(insert("2024-06-03", codeIdOn("I", "2025-10-01")!)).rejects.toThrow(
      /attendance_mark_code_set_by_date/,
    );
    await insert("2025-10-01", codeIdOn("I", "2025-10-01")!);
  });

  it("puts on the at-risk queue exactly the pupils the domain's thresholds do", async () => {
    const authority = await makeAuthority(testDb);
    const row = (key: number, possible: number, absent: number, max: number | null) =>
      rawPool.query(
        `INSERT INTO attendance_pupil_year (authority_id, academic_year, pupil_key, school_key, possible, present,
           approved_activity, authorised, unauthorised, max_penalty_10_weeks)
         VALUES ($1, 2025, $2, 1, $3::int, $3::int - $4::int, 0, $4::int, 0, $5::int) RETURNING at_risk`,
        [authority.id, key, possible, absent, max],
      );
    const persistent = PERSISTENT_ABSENCE_THRESHOLD; // per cent of possible sessions
    const threshold = PENALTY_NOTICE_THRESHOLD.sessions;
    expect((await row(1, 100, persistent, null)).rows[0].at_risk).toBe(true);
    expect((await row(2, 100, persistent - 1, null)).rows[0].at_risk).toBe(false);
    expect((await row(3, 100, 0, threshold)).rows[0].at_risk).toBe(true);
    expect((await row(4, 100, 0, threshold - 1)).rows[0].at_risk).toBe(false);
    expect((await row(5, 0, 0, null)).rows[0].at_risk).toBe(false);
  });
});
