import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError } from "../errors";
import { importRegisterCsv, type ImportOutcome } from "./import-register";

let authority: { id: string; laCode: string };
let officer: Actor;
let schoolStaff: Actor;
let s1: { id: string; urn: number; estabNumber: string };
let s2: { id: string; urn: number; estabNumber: string };
let p1: { id: string; upn: string };
let p2: { id: string; upn: string };
let leaver: { id: string; upn: string };

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  s1 = await makeSchool(testDb, authority);
  s2 = await makeSchool(testDb, authority, { phase: "secondary" });
  p1 = await makePupil(testDb, { authority, school: s1, enrolledOn: "2025-09-01" });
  p2 = await makePupil(testDb, { authority, school: s2, enrolledOn: "2025-09-01" });
  leaver = await makePupil(testDb, { authority, school: s1, enrolledOn: "2025-09-01", leftOn: "2025-10-31" });
  officer = await makeActor({ authority, role: "officer" });
  schoolStaff = await makeActor({ authority, role: "school", school: s1 });
  // Twelve school weeks from Monday 1 September 2025, for the rolling penalty-notice window.
  for (let i = 0; i < 12; i++) {
    const monday = new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10);
    await rawPool.query(
      "INSERT INTO school_week (authority_id, week_start, ordinal, school_days) VALUES ($1, $2, $3, 5)",
      [authority.id, monday, i + 1],
    );
  }
});

const run = (actor: Actor, csv: string) =>
  importRegisterCsv({ actor, input: Readable.from([csv]), filename: "test.csv" });
const markCount = async () =>
  Number(
    (await rawPool.query("SELECT count(*) FROM attendance_mark WHERE authority_id = $1", [authority.id])).rows[0].count,
  );
const okCounts = (o: ImportOutcome) => {
  if (!o.ok) throw new Error(JSON.stringify(o.errors));
  return o.counts;
};

describe("register CSV import", () => {
  const good = () =>
    [
      "upn,date,session,code",
      `${p1.upn},2025-09-01,AM,/`,
      `${p1.upn},2025-09-01,PM,\\`,
      `${p1.upn},2025-09-02,AM,N`,
      `${p1.upn},2025-09-02,PM,I`,
      `${p2.upn},2025-09-01,AM,/`,
      `${p2.upn},2025-09-01,PM,#`,
      "",
    ].join("\n");

  it("writes a good file, and importing it again changes nothing", async () => {
    const first = okCounts(await run(officer, good()));
    expect(first).toMatchObject({ marksCreated: 6, marksUpdated: 0, marksUnchanged: 0 });
    expect(await markCount()).toBe(6);
    const day = await rawPool.query(
      `SELECT possible, present, authorised, unauthorised FROM attendance_school_day
       WHERE school_key = (SELECT store_key FROM school WHERE id = $1) AND date = '2025-09-02'`,
      [s1.id],
    );
    expect(day.rows[0]).toEqual({ possible: 2, present: 0, authorised: 1, unauthorised: 1 });
    const week = await rawPool.query(
      "SELECT possible, present, unauthorised, penalty_unauthorised FROM attendance_pupil_week WHERE pupil_key = (SELECT store_key FROM pupil WHERE id = $1)",
      [p2.id],
    );
    expect(week.rows[0]).toEqual({ possible: 1, present: 1, unauthorised: 0, penalty_unauthorised: 0 });

    const second = okCounts(await run(officer, good()));
    expect(second).toMatchObject({ marksCreated: 0, marksUpdated: 0, marksUnchanged: 6 });
    expect(await markCount()).toBe(6);
    expect(
      Number(
        (await rawPool.query("SELECT count(*) FROM register_mark_change WHERE pupil_id = $1", [p1.id])).rows[0].count,
      ),
    ).toBe(0);
  });

  it("replaces a re-sent mark with a different code and keeps the old one in the history", async () => {
    const corrected = good().replace(`${p1.upn},2025-09-02,AM,N`, `${p1.upn},2025-09-02,AM,M`);
    expect(okCounts(await run(officer, corrected))).toMatchObject({
      marksCreated: 0,
      marksUpdated: 1,
      marksUnchanged: 5,
    });
    const mark = await rawPool.query(
      "SELECT code, category FROM register_mark WHERE pupil_id = $1 AND date = '2025-09-02' AND session = 0",
      [p1.id],
    );
    expect(mark.rows[0]).toEqual({ code: "M", category: "authorised" });
    const history = await rawPool.query(
      "SELECT old_code, new_code, changed_by FROM register_mark_change WHERE pupil_id = $1",
      [p1.id],
    );
    expect(history.rows).toEqual([{ old_code: "N", new_code: "M", changed_by: officer.id }]);
  });

  it("lists every error with its line and writes nothing", async () => {
    const before = await markCount();
    const changes = Number((await rawPool.query("SELECT count(*) FROM attendance_mark_change")).rows[0].count);
    const outcome = await run(
      officer,
      [
        "upn,date,session,code",
        `${p1.upn},2025-09-03,AM,/`, // 2: fine
        "R201100018042,2025-09-03,AM,/", // 3: unknown UPN (valid check letter)
        "B207000016049,2025-09-03,AM,/", // 4: wrong check letter
        `${leaver.upn},2025-11-03,AM,/`, // 5: after the pupil left
        `${p1.upn},2025-09-03,PM,J`, // 6: J does not exist since August 2024
        `${p1.upn},2025-09-03,AM,N`, // 7: duplicate of line 2
        `${p1.upn},2025-09-04`, // 8: malformed
      ].join("\n"),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.line, e.message.split(":")[0]])).toEqual([
      [3, "Unknown UPN"],
      [4, 'Invalid UPN "B207000016049"'],
      [5, "Date outside the pupil's enrolment"],
      [6, 'Code "J" is not valid on 3 September 2025'],
      [7, "Duplicate row"],
      [8, "Malformed line"],
    ]);
    expect(outcome.errors[4]!.message).toContain("line 2");
    expect(await markCount()).toBe(before);
    expect(Number((await rawPool.query("SELECT count(*) FROM attendance_mark_change")).rows[0].count)).toBe(changes);
  });

  it("refuses a bad header and an empty file", async () => {
    const bad = await run(officer, "pupil,when,code\n");
    expect(!bad.ok && bad.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("Unknown column") });
    const empty = await run(officer, "");
    expect(!empty.ok && empty.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("empty") });
  });

  it("keeps school staff to their own school", async () => {
    const before = await markCount();
    await expect(
      run(schoolStaff, `upn,date,session,code,school_urn\n${p2.upn},2025-09-03,AM,/,${s2.urn}\n`),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const other = await run(schoolStaff, `upn,date,session,code\n${p2.upn},2025-09-03,AM,/\n`);
    expect(!other.ok && other.errors[0]!.message).toMatch(/not on the roll of|no pupil with this UPN on the roll/);
    expect(await markCount()).toBe(before);
    expect(okCounts(await run(schoolStaff, `upn,date,session,code\n${p1.upn},2025-09-03,AM,/\n`)).marksCreated).toBe(1);
  });

  it("flags 10 G/N/O/U sessions within 10 school weeks in the pupil-year summary", async () => {
    const lines = ["upn,date,session,code"];
    // Weeks 3 to 7 (15 Sep – 13 Oct 2025): two sessions each Monday, so the count reaches 10 in the week of 13 October.
    for (let week = 2; week < 7; week++) {
      const monday = new Date(Date.UTC(2025, 8, 1 + 7 * week)).toISOString().slice(0, 10);
      lines.push(`${p2.upn},${monday},AM,N`, `${p2.upn},${monday},PM,O`);
    }
    okCounts(await run(officer, lines.join("\n")));
    const year = await rawPool.query(
      "SELECT max_penalty_10_weeks, threshold_week_start::text, unauthorised FROM attendance_pupil_year WHERE pupil_key = (SELECT store_key FROM pupil WHERE id = $1)",
      [p2.id],
    );
    expect(year.rows[0]).toEqual({ max_penalty_10_weeks: 10, threshold_week_start: "2025-10-13", unauthorised: 10 });
  });
});
